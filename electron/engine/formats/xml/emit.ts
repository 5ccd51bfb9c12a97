/**
 * One record as the writer's `<item>` element (index.ts has the layout, values.ts the rules for each value).
 *
 * `valueToXml` decides every value afresh: whether its key is a plain element name (four regular expressions),
 * whether its text needs the escape scheme (a pattern with look-arounds for lone surrogates, run over every
 * character), then an attribute list and an escape pass. On a 200,000-context export that was over half of the
 * worker's time. `writeRecordXml` writes the same text for what records nearly always hold: keys that are plain
 * names (decided once per key), text with nothing to escape (one character class, then `isWellFormed`) or only
 * markup to escape, numbers, booleans, null, lists and plain objects. Anything else (an `<entry key>` name, text
 * needing the escape scheme, undefined, values JSON cannot hold) is written by `valueToXml` itself, so the
 * output stays its text byte for byte: test/formats/xml-emit.test.ts compares the two on hostile values.
 */
import { escapeText, needsEscapeScheme } from './escape.ts';
import { isPlainElementName, valueToXml } from './values.ts';
import type { ByteSink } from '../byte-sink.ts';
import { TextBytes } from '../../store/text-bytes.ts';

/** The reference: every value by `valueToXml`, tags as repeated elements. */
export function referenceRecordXml(value: Record<string, unknown>, indent: string): string {
  let inner = '';
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    if (key === 'tags' && Array.isArray(v) && v.every((t) => typeof t === 'string')) {
      // Tags as repeated elements; an empty list still says so, so that it is not read as absent.
      inner += v.length === 0 ? `${indent}  <tags type="array"/>\n` : v.map((t) => valueToXml('tags', t, indent + '  ')).join('');
      continue;
    }
    inner += valueToXml(key, v, indent + '  ');
  }
  return `${indent}<item>\n${inner}${indent}</item>\n`;
}

/**
 * The record's element, indented by `indent`, into `sink`: what `referenceRecordXml` writes. Content given as
 * its bytes (TextBytes) is copied, its markup escaped on the way; bytes that need the escape scheme are decoded
 * and written as text.
 */
export function writeRecordXml(sink: ByteSink, value: Record<string, unknown>, indent: string): void {
  const fieldIndent = indent + '  ';
  let out = `${indent}<item>\n`;
  for (const key of Object.keys(value)) {
    let v = value[key];
    if (v === undefined) continue;
    if (v instanceof TextBytes) {
      const tag = tagFor(key);
      const kind = tag && v.bytes.length > 0 ? bytesKind(v.bytes) : SCHEME;
      if (tag && kind !== SCHEME) {
        sink.text(out + fieldIndent + tag.open);
        if (kind === VERBATIM) sink.bytes(v.bytes);
        else writeEscaped(sink, v.bytes);
        out = tag.close;
        continue;
      }
      v = v.toString();
    }
    if (key === 'tags' && Array.isArray(v) && v.every((t) => typeof t === 'string')) {
      if (v.length === 0) out += `${fieldIndent}<tags type="array"/>\n`;
      else for (const t of v) out += fieldXml(key, t, fieldIndent, false);
      continue;
    }
    out += fieldXml(key, v, fieldIndent, false);
  }
  sink.text(`${out}${indent}</item>\n`);
}

/** An element name's pieces, made once per name. */
interface Tag {
  /** `<name` */
  start: string;
  /** `<name>` */
  open: string;
  /** `</name>` and the line end */
  close: string;
}

const tagOf = (name: string): Tag => ({ start: `<${name}`, open: `<${name}>`, close: `</${name}>\n` });
const ITEM = tagOf('item');
/** Keys repeat from record to record: each is decided once (null: not a plain name, `<entry key>` instead). */
const TAGS = new Map<string, Tag | null>();
const MAX_TAGS_KEPT = 10_000;

function tagFor(key: string): Tag | null {
  let tag = TAGS.get(key);
  if (tag === undefined) {
    tag = isPlainElementName(key) ? tagOf(key) : null;
    if (TAGS.size < MAX_TAGS_KEPT) TAGS.set(key, tag);
  }
  return tag;
}

/**
 * What the text of an element may hold as it is: not markup, not CR, not what needs the escape scheme
 * (escape.ts's NOT_XML without its lone-surrogate part, which `isWellFormed` checks).
 */
const NOT_VERBATIM = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\r&<>\uFFFE\uFFFF]/;

/** One value as `valueToXml(key, value, indent, arrayItem)` writes it. */
function fieldXml(key: string, value: unknown, indent: string, arrayItem: boolean): string {
  const tag = arrayItem ? ITEM : tagFor(key);
  if (tag === null) return valueToXml(key, value, indent, arrayItem);
  switch (typeof value) {
    case 'string':
      if (value === '') return `${indent}${tag.start}/>\n`;
      if (!NOT_VERBATIM.test(value) && value.isWellFormed()) return indent + tag.open + value + tag.close;
      if (needsEscapeScheme(value)) break;
      return indent + tag.open + escapeText(value) + tag.close;
    case 'number':
      return `${indent}${tag.start} type="number">${String(value)}${tag.close}`;
    case 'boolean':
      return `${indent}${tag.start} type="boolean">${value ? 'true' : 'false'}${tag.close}`;
    case 'object': {
      if (value === null) return `${indent}${tag.start} type="null"/>\n`;
      const inner = indent + '  ';
      if (Array.isArray(value)) {
        if (value.length === 0) return `${indent}${tag.start} type="array"/>\n`;
        let out = `${indent}${tag.start} type="array">\n`;
        for (let i = 0; i < value.length; i++) {
          // A hole or an undefined item: valueToXml's map tells them apart.
          if (value[i] === undefined) return valueToXml(key, value, indent, arrayItem);
          out += fieldXml('item', value[i], inner, true);
        }
        return out + indent + tag.close;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) break;
      const keys = Object.keys(value);
      if (keys.length === 0) return `${indent}${tag.start} type="object"/>\n`;
      let out = indent + tag.open + '\n';
      for (const k of keys) out += fieldXml(k, (value as Record<string, unknown>)[k], inner, false);
      return out + indent + tag.close;
    }
  }
  return valueToXml(key, value, indent, arrayItem);
}

/** What text given as UTF-8 needs: nothing, markup escaped (escapeText), or the escape scheme (escape.ts). */
const VERBATIM = 0;
const MARKUP = 1;
const SCHEME = 2;
/** By byte: 1 markup or CR, 2 a control character XML cannot carry, 3 the lead byte of U+FFFE or U+FFFF. */
const BYTE_KIND = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) if (c !== 0x09 && c !== 0x0a && c !== 0x0d) BYTE_KIND[c] = 2;
for (const c of [0x26, 0x3c, 0x3e, 0x0d]) BYTE_KIND[c] = 1;
BYTE_KIND[0xef] = 3;

/** NOT_VERBATIM and needsEscapeScheme for valid UTF-8 (which holds no lone surrogate). */
function bytesKind(bytes: Buffer): number {
  let kind = VERBATIM;
  for (let i = 0; i < bytes.length; i++) {
    const k = BYTE_KIND[bytes[i]!]!;
    if (k === 0) continue;
    if (k === 1) kind = MARKUP;
    else if (k === 2 || (bytes[i + 1] === 0xbf && (bytes[i + 2] === 0xbe || bytes[i + 2] === 0xbf))) return SCHEME;
  }
  return kind;
}

/** escapeText's entity for each byte it escapes (by byte, empty for the others). */
const ENTITIES: Buffer[] = [];
for (let c = 0; c < 0x80; c++) ENTITIES.push(BYTE_KIND[c] === 1 ? Buffer.from(escapeText(String.fromCharCode(c))) : Buffer.alloc(0));
const LONGEST_ENTITY = Math.max(...ENTITIES.map((e) => e.length));

/** escapeText over UTF-8, written in place (every character it escapes is one byte). */
function writeEscaped(sink: ByteSink, bytes: Buffer): void {
  sink.room(bytes.length * LONGEST_ENTITY);
  const out = sink.buffer;
  let o = sink.used;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (BYTE_KIND[c] !== 1) out[o++] = c;
    else {
      const entity = ENTITIES[c]!;
      out.set(entity, o);
      o += entity.length;
    }
  }
  sink.advance(o - sink.used);
}
