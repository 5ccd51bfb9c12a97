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

/** Text a YAML literal block carries exactly: printable characters and line feeds only. */
const BLOCK_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDFFF]/;
/**
 * Text a literal block holds exactly: it spans lines and carries nothing BLOCK_UNSAFE, and not only blank
 * lines with spaces or tabs in them: with no other line the reader takes their spaces for indentation, so
 * "  \n" came back as "\n" (the library writes such text as a block all the same: it is double-quoted here).
 */
function literalBlockHolds(text: string): boolean {
  return text.includes('\n') && !BLOCK_UNSAFE.test(text) && !onlyBlankLines(text);
}

/** Spaces or tabs, and line feeds, and nothing else. */
const onlyBlankLines = (text: string) => /^[ \t\n]*$/.test(text) && /[ \t]/.test(text);
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
      node.type = literalBlockHolds(node.value) ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, doubleQuotedAsJSON: false });
}

/** The record's YAML: the fast writer's, or the library's where the fast one declines. */
export function recordYaml(value: Record<string, unknown>): string {
  return fastRecordYaml(value) ?? libraryRecordYaml(value);
}

/** Thrown inside the fast writer for what it leaves to the library. */
const DECLINE = Symbol('decline');
/** The library writes keys longer than this as explicit keys (`? key`); the fast writer leaves those to it. */
export const MAX_IMPLICIT_KEY = 1024;
/** The library's doubleQuotedMinMultiLineLength default: shorter strings keep `\n` escapes. */
export const MIN_MULTILINE = 40;

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
  if (typeof value === 'string') return literalBlockHolds(value) ? blockLiteral(value, indent) : doubleQuoted(value, indent, false);
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
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    let out = '';
    let pairs = 0;
    const valueIndent = indent + '  ';
    for (const key of Object.keys(record)) {
      const v = record[key];
      // The library drops undefined values; a map of nothing but them is its business.
      if (v === undefined) continue;
      out += (pairs++ === 0 ? '' : `\n${indent}`) + pair(key, v, valueIndent);
    }
    if (pairs === 0) {
      if (Object.keys(record).length > 0) throw DECLINE;
      return '{}';
    }
    return out;
  }
  throw DECLINE;
}

/** `key: value` of a map whose values are at `valueIndent`. */
function pair(key: string, v: unknown, valueIndent: string): string {
  const k = keyText(key);
  if (k.length > MAX_IMPLICIT_KEY) throw DECLINE;
  if (typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0))
    return `${k}:\n${valueIndent}${node(v, valueIndent)}`;
  return `${k}: ${node(v, valueIndent)}`;
}

/**
 * One field of a record as fastRecordYaml writes it (`key: value`, the record's map at two spaces), or
 * undefined where the library must write the whole record.
 */
export function fastFieldYaml(key: string, v: unknown): string | undefined {
  try {
    return pair(key, v, '    ');
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** Keys repeat from record to record (id, title, metadata's own): each is decided once. */
const KEYS = new Map<string, string>();
const MAX_KEYS_KEPT = 10_000;
export function keyText(key: string): string {
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

/**
 * The library's double-quoted scalar (doubleQuotedAsJSON off, no folding: lineWidth 0), from JSON.stringify's
 * text: `\uXXXX` escapes YAML has a short form for get it, and a line break is written as a real one (a blank
 * line, then the indentation) in strings of 40 characters or more. Jumps from backslash to backslash: most
 * strings have none, and the text between escapes is copied as it is.
 */
export function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  let i = json.indexOf('\\');
  if (i === -1) return json;
  let str = '';
  let start = 0;
  while (i !== -1) {
    const next = json[i + 1];
    if (next === 'u') {
      const code = json.substr(i + 2, 4);
      str += json.slice(start, i) + (SHORT_ESCAPES[code] ?? (code.startsWith('00') ? '\\x' + code.substr(2) : json.substr(i, 6)));
      start = i + 6;
      i = json.indexOf('\\', start);
      continue;
    }
    if (next !== 'n') {
      i = json.indexOf('\\', i + 2);
      continue;
    }
    // A space before a line break is escaped, or folding would eat it.
    if (json[i - 1] === ' ') {
      str += json.slice(start, i - 1) + '\\ ';
      start = i;
    }
    if (implicitKey || json[i + 2] === '"' || json.length < MIN_MULTILINE) {
      i = json.indexOf('\\', i + 2);
      continue;
    }
    // A line break is written as a blank line (folding eats the first), then the indentation.
    str += json.slice(start, i) + '\n\n';
    while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
      str += '\n';
      i += 2;
    }
    str += indent;
    // So is a space after one.
    if (json[i + 2] === ' ') str += '\\';
    start = i + 2;
    i = json.indexOf('\\', start);
  }
  return str + json.slice(start);
}

const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

// The library's pattern for the line breaks inside a block's trailing ones.
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** The library's literal block scalar (`|`, `|-`, `|+`, with an indentation indicator when needed). */
function blockLiteral(text: string, indent: string): string {
  // A block cannot end in whitespace after its last line break: the library quotes those. Nor hold blank
  // lines alone (literalBlockHolds).
  if (/\n[\t ]+$/.test(text) || onlyBlankLines(text)) return doubleQuoted(text, indent, false);
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
