/**
 * Record elements for a run of stored values (codec.ts CellRun), made from their bytes: what recordToXml
 * writes from records (values.ts fieldXml), without a record object, JSON.parse or a string per value. Text is
 * copied with its markup escaped on the way; tags that are a list of strings without escapes and metadata that
 * is an object of plain scalars are cut from their JSON text (cell-values.ts). Anything else — text XML cannot
 * carry (the escape scheme), a key that is not a plain element name, other JSON, a page that is not valid UTF-8
 * — is decoded and written by fieldXml, as a record's value is.
 */
import type { CellRun } from '../codec.ts';
import {
  ByteOut,
  CellReader,
  entries,
  FALSE,
  flatObject,
  items,
  KeyCache,
  NULL,
  NUMBER,
  nextMarked,
  repeated,
  STRING,
  stringList,
  TRUE,
  wordsOf,
} from '../cell-values.ts';
import { fieldXml, isPlainElementName } from './values.ts';

interface Tag {
  open: Buffer;
  close: Buffer;
  empty: Buffer;
  nil: Buffer;
}

const tag = (name: string, indent: string): Tag => ({
  open: Buffer.from(`${indent}<${name}>`),
  close: Buffer.from(`</${name}>\n`),
  empty: Buffer.from(`${indent}<${name}/>\n`),
  nil: Buffer.from(`${indent}<${name} type="null"/>\n`),
});

/** A metadata key's element at its indentation, or null when it is not a plain name (`<entry key>`). */
interface EntryTag extends Tag {
  number: Buffer;
  boolean: Buffer;
}
const entryCaches = new Map<string, KeyCache<EntryTag | null>>();
function entryCache(indent: string): KeyCache<EntryTag | null> {
  let cache = entryCaches.get(indent);
  if (!cache) {
    cache = new KeyCache((key) =>
      isPlainElementName(key)
        ? { ...tag(key, indent), number: Buffer.from(`${indent}<${key} type="number">`), boolean: Buffer.from(`${indent}<${key} type="boolean">`) }
        : null,
    );
    entryCaches.set(indent, cache);
  }
  return cache;
}

const ENTITY: (Buffer | undefined)[] = [];
ENTITY[0x26] = Buffer.from('&amp;');
ENTITY[0x3c] = Buffer.from('&lt;');
ENTITY[0x3e] = Buffer.from('&gt;');
ENTITY[0x0d] = Buffer.from('&#13;');
/** 1: markup to escape (escapeText); 2: a control character XML 1.0 cannot carry (needsEscapeScheme); 3: maybe U+FFFE/U+FFFF. */
const CLASS = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) CLASS[b] = 2;
CLASS[0x09] = 0;
CLASS[0x0a] = 0;
for (const b of [0x26, 0x3c, 0x3e, 0x0d]) CLASS[b] = 1;
CLASS[0xef] = 3;

const EQ_AMP = repeated(0x26);
const EQ_LT = repeated(0x3c);
const EQ_GT = repeated(0x3e);
const EQ_EF = repeated(0xef);

/** The text `src[s, e)` escaped (escapeText) into `out`; false (and `out` as it was) when it needs the escape scheme. */
function escapedText(out: ByteOut, src: Buffer, words: Int32Array, s: number, e: number): boolean {
  // An entity is at most five bytes for one.
  out.room(5 * (e - s));
  const buf = out.buf;
  let o = out.o;
  let from = s;
  for (
    let i = nextMarked(src, words, s, e, CLASS, EQ_AMP, EQ_LT, EQ_GT, EQ_EF);
    i < e;
    i = nextMarked(src, words, i + 1, e, CLASS, EQ_AMP, EQ_LT, EQ_GT, EQ_EF)
  ) {
    const c = CLASS[src[i]!]!;
    if (c === 2 || (c === 3 && src[i + 1] === 0xbf && (src[i + 2] === 0xbe || src[i + 2] === 0xbf))) return false;
    if (c === 3) continue;
    if (i - from < 32) for (let k = from; k < i; k++) buf[o++] = src[k]!;
    else {
      buf.set(src.subarray(from, i), o);
      o += i - from;
    }
    const entity = ENTITY[src[i]!]!;
    for (let k = 0; k < entity.length; k++) buf[o++] = entity[k]!;
    from = i + 1;
  }
  if (e - from < 32) for (let i = from; i < e; i++) buf[o++] = src[i]!;
  else {
    buf.set(src.subarray(from, e), o);
    o += e - from;
  }
  out.o = o;
  return true;
}

const ITEM_CLOSE = '</item>\n';

/** The run's record elements, each indented by `indent` (its fields by two more). */
export function xmlCellRun(run: CellRun, indent: string): Buffer {
  const reader = new CellReader(run);
  const { count, fields, values } = run;
  const words = values.map(wordsOf);
  const fieldIndent = indent + '  ';
  const tags = fields.map((f) => (isPlainElementName(f.name) ? tag(f.name, fieldIndent) : null));
  const entryTags = entryCache(fieldIndent + '  ');
  const itemOpen = Buffer.from(`${indent}<item>\n`);
  const itemClose = Buffer.from(`${indent}${ITEM_CLOSE}`);
  const metaClose = fields.map((f) => Buffer.from(`${fieldIndent}</${f.name}>\n`));
  const metaOpen = fields.map((f) => Buffer.from(`${fieldIndent}<${f.name}>\n`));
  const emptyObject = fields.map((f) => Buffer.from(`${fieldIndent}<${f.name} type="object"/>\n`));
  const emptyList = Buffer.from(`${fieldIndent}<tags type="array"/>\n`);
  let size = 0;
  for (const v of values) size += v.length;
  const out = new ByteOut(size + (size >> 2) + count * 256);

  /** One field from its bytes; false where fieldXml must write it. */
  const fromBytes = (f: number, r: number): boolean => {
    const t = tags[f];
    if (!t || !reader.utf8[f]) return false;
    const len = reader.length(f, r);
    const field = fields[f]!;
    if (len < 0) {
      if (field.stored === 'nullable') out.put(t.nil);
      return true;
    }
    const src = values[f]!;
    const s = reader.start(f, r);
    const e = s + len;
    if (field.stored !== 'json') {
      if (len === 0) {
        out.put(t.empty);
        return true;
      }
      out.put(t.open);
      if (!escapedText(out, src, words[f]!, s, e)) return false;
      out.put(t.close);
      return true;
    }
    if (field.name === 'tags') {
      const n = stringList(src, s, e);
      if (n < 0) return false;
      if (n === 0) out.put(emptyList);
      for (let k = 0; k < n; k++) {
        const ts = items[2 * k]!;
        const te = items[2 * k + 1]!;
        if (ts === te) {
          out.put(t.empty);
          continue;
        }
        out.put(t.open);
        if (!escapedText(out, src, words[f]!, ts, te)) return false;
        out.put(t.close);
      }
      return true;
    }
    const n = flatObject(src, s, e);
    if (n < 0) return false;
    if (n === 0) {
      out.put(emptyObject[f]!);
      return true;
    }
    out.put(metaOpen[f]!);
    for (let k = 0; k < n; k++) {
      const at = 5 * k;
      const entry = entryTags.get(src, entries[at]!, entries[at + 1]!, k);
      if (!entry) return false;
      const vs = entries[at + 3]!;
      const ve = entries[at + 4]!;
      switch (entries[at + 2]) {
        case STRING:
          if (vs === ve) out.put(entry.empty);
          else {
            out.put(entry.open);
            if (!escapedText(out, src, words[f]!, vs, ve)) return false;
            out.put(entry.close);
          }
          break;
        case NUMBER: {
          const value = Number(src.toString('latin1', vs, ve));
          if (!Number.isFinite(value)) return false;
          out.put(entry.number);
          out.text(String(value));
          out.put(entry.close);
          break;
        }
        case TRUE:
        case FALSE:
          out.put(entry.boolean);
          out.copy(src, vs, ve);
          out.put(entry.close);
          break;
        case NULL:
          out.put(entry.nil);
          break;
      }
    }
    out.put(metaClose[f]!);
    return true;
  };

  for (let r = 0; r < count; r++) {
    out.put(itemOpen);
    for (let f = 0; f < fields.length; f++) {
      const mark = out.o;
      if (fromBytes(f, r)) continue;
      out.o = mark;
      out.text(fieldXml(fields[f]!.name, reader.value(f, r), fieldIndent));
    }
    out.put(itemClose);
  }
  return out.done();
}
