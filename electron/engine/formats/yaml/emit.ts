/**
 * One record as YAML, for the writer (index.ts has the format's rules: every string double-quoted, or a
 * literal block when it spans lines and a block holds it exactly; keys plain only when no reader could take
 * them for anything but a string).
 *
 * The yaml library builds a document of nodes per record and walks it three times; for an export that was 85%
 * of the time (50,000 contexts: 7.9 s of the worker's 8.7 s CPU). `fastRecordYaml` writes the same text
 * directly, byte for byte what `libraryRecordYaml` gives (the library's own rules, ported: double-quoted
 * escapes and line breaks, block chomping and indentation indicators, block and empty collections). Anything
 * it is not sure of (a long or unusual key, a value JSON cannot hold) it declines, and the library writes
 * that record: test/formats/yaml-emit.test.ts compares the two on awkward values.
 */
import YAML from 'yaml';
import type { ByteSink } from '../byte-sink.ts';
import { TextBytes, textOf } from '../../store/text-bytes.ts';
import { defineField } from '../../../../shared/define-field.ts';
import { writeScalarBytes } from './scalar-bytes.ts';
import { doubleQuoted, MIN_MULTILINE } from './double-quoted.ts';

/** Text a YAML literal block carries exactly: printable characters and line feeds only. */
const BLOCK_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDFFF]/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;

/** The reference: the yaml library, told the format's rules. */
export function libraryRecordYaml(value: Record<string, unknown>): string {
  const doc = new YAML.Document([value], { version: '1.2' });
  YAML.visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      if (key === 'key') {
        if (!PLAIN_KEY.test(node.value) || YAML11_WORDS.test(node.value)) node.type = 'QUOTE_DOUBLE';
        return;
      }
      node.type = node.value.includes('\n') && !BLOCK_UNSAFE.test(node.value) ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, doubleQuotedAsJSON: false });
}

/** The record's YAML: the fast writer's, or the library's where the fast one declines. */
export function recordYaml(value: Record<string, unknown>): string {
  return fastRecordYaml(value) ?? libraryRecordYaml(textValues(value));
}

/** A record whose values given as bytes (TextBytes) are strings again. */
function textValues(value: Record<string, unknown>): Record<string, unknown> {
  if (!Object.values(value).some((v) => v instanceof TextBytes)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) defineField(out, key, textOf(value[key]));
  return out;
}

/**
 * The record into `sink`: recordYaml's text, with a long value given as its UTF-8 (TextBytes, a context's
 * content) written from the bytes (scalar-bytes.ts) rather than decoded, quoted and encoded again.
 */
export function writeRecordYaml(sink: ByteSink, value: Record<string, unknown>): void {
  const parts: (string | TextBytes)[] = [];
  let rest: string;
  try {
    if (!isPlainObject(value)) throw DECLINE;
    rest = mapYaml(value, '  ', parts);
  } catch (error) {
    if (error !== DECLINE) throw error;
    sink.text(libraryRecordYaml(textValues(value)));
    return;
  }
  sink.text('- ');
  for (const part of parts) {
    if (typeof part === 'string') sink.text(part);
    else writeScalarBytes(sink, part.bytes, '    ');
  }
  sink.text(`${rest}\n`);
}

/** Thrown inside the fast writer for what it leaves to the library. */
const DECLINE = Symbol('decline');
/** The library writes keys longer than this as explicit keys (`? key`); the fast writer leaves those to it. */
const MAX_IMPLICIT_KEY = 1024;
/**
 * Text of this many bytes or more is at least MIN_MULTILINE characters long in any case (3 bytes of UTF-8 make
 * at least one UTF-16 unit), so the bytes alone decide how it is written; shorter text is decoded.
 */
const MIN_MULTILINE_BYTES = 3 * MIN_MULTILINE;

/** The record as the library would write it, or undefined where the library should. */
export function fastRecordYaml(value: Record<string, unknown>): string | undefined {
  try {
    return `- ${node(value, '  ')}\n`;
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** A value at `indent` (the indentation its continuation lines take). */
function node(value: unknown, indent: string): string {
  if (typeof value === 'string') return value.includes('\n') && !BLOCK_UNSAFE.test(value) ? blockLiteral(value, indent) : doubleQuoted(value, indent, false);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw DECLINE;
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const itemIndent = indent + '  ';
    let out = '';
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) throw DECLINE;
      out += (i === 0 ? '- ' : `\n${indent}- `) + node(value[i], itemIndent);
    }
    return out;
  }
  if (typeof value === 'object' && isPlainObject(value)) return mapYaml(value as Record<string, unknown>, indent);
  if (value instanceof TextBytes) return node(value.toString(), indent);
  throw DECLINE;
}

/**
 * A map's pairs at `indent`. With `parts`, a long value given as bytes (TextBytes) is left for the caller to
 * write from them: what comes before it goes into `parts`, then the value; the text after the last is returned.
 */
function mapYaml(record: Record<string, unknown>, indent: string, parts?: (string | TextBytes)[]): string {
  let out = '';
  let pairs = 0;
  const valueIndent = indent + '  ';
  for (const key of Object.keys(record)) {
    let v = record[key];
    // The library drops undefined values; a map of nothing but them is its business.
    if (v === undefined) continue;
    const k = keyText(key);
    if (k.length > MAX_IMPLICIT_KEY) throw DECLINE;
    out += pairs++ === 0 ? k : `\n${indent}${k}`;
    if (v instanceof TextBytes) {
      if (parts && v.bytes.length >= MIN_MULTILINE_BYTES) {
        parts.push(`${out}: `, v);
        out = '';
        continue;
      }
      v = v.toString();
    }
    if (typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) {
      out += `:\n${valueIndent}${node(v, valueIndent)}`;
    } else out += `: ${node(v, valueIndent)}`;
  }
  if (pairs === 0) {
    if (Object.keys(record).length > 0) throw DECLINE;
    return '{}';
  }
  return out;
}

/** Keys repeat from record to record (id, title, metadata's own): each is decided once. */
const KEYS = new Map<string, string>();
const MAX_KEYS_KEPT = 10_000;
function keyText(key: string): string {
  let text = KEYS.get(key);
  if (text === undefined) {
    // Keys are implicit (one line), so a line break stays an escape; the indentation does not matter.
    text = PLAIN_KEY.test(key) && !YAML11_WORDS.test(key) ? key : doubleQuoted(key, '', true);
    if (KEYS.size < MAX_KEYS_KEPT) KEYS.set(key, text);
  }
  return text;
}

/** A JSON object (null-prototype objects, as a parser may make them, included). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// The library's pattern for the line breaks inside a block's trailing ones.
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** The library's literal block scalar (`|`, `|-`, `|+`, with an indentation indicator when needed). */
function blockLiteral(text: string, indent: string): string {
  // A block cannot end in whitespace after its last line break: the library quotes those.
  if (/\n[\t ]+$/.test(text)) return doubleQuoted(text, indent, false);
  let value = text;
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}
