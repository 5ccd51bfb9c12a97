/**
 * Records for a run of stored values (codec.ts CellRun), made from their bytes: what recordYaml writes from
 * records (emit.ts), without a record object or JSON.parse. Text that JSON writes without an escape is its bytes
 * between double quotes (the double-quoted scalar is then JSON.stringify's text as it is); tags that are a list
 * of strings without escapes and metadata that is an object of plain scalars are written from their JSON text
 * (cell-values.ts). Other text (line breaks, quotes, control characters) is decoded and written by
 * fastFieldYaml; a record it declines goes to recordYaml whole, as a record does.
 */
import type { CellRun } from '../codec.ts';
import { ByteOut, CellReader, entries, flatObject, items, KeyCache, NUMBER, STRING, stringList, wordsOf } from '../cell-values.ts';
import { fastFieldYaml, keyText, MAX_IMPLICIT_KEY, recordYaml } from './emit.ts';
import { doubleQuotedBytes } from './double-quoted-bytes.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/** Byte classes (TEXT_CLASS): JSON.stringify escapes it; a line feed; a literal block cannot carry it; maybe not, by the bytes after it. */
const ESCAPES = 1;
const BREAK = 2;
const UNSAFE = 4;
const MAYBE_UNSAFE = 8;
const TEXT_CLASS = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) TEXT_CLASS[b] = ESCAPES | UNSAFE;
TEXT_CLASS[0x09] = ESCAPES;
TEXT_CLASS[LF] = ESCAPES | BREAK;
TEXT_CLASS[QUOTE] = ESCAPES;
TEXT_CLASS[BACKSLASH] = ESCAPES;
TEXT_CLASS[0x7f] = UNSAFE;
// Beyond U+FFFF: JavaScript holds it as surrogates, which emit.ts's BLOCK_UNSAFE refuses.
for (let b = 0xf0; b < 0x100; b++) TEXT_CLASS[b] = UNSAFE;
for (const b of [0xc2, 0xe2, 0xef]) TEXT_CLASS[b] = MAYBE_UNSAFE;

/**
 * The classes of `src[s, e)`'s bytes, or-ed (as soon as ESCAPES and UNSAFE are both in, the rest does not matter); MAYBE_UNSAFE settled (U+0080–U+009F, U+2028, U+2029, U+FEFF,
 * U+FFFE and U+FFFF are UNSAFE: emit.ts's BLOCK_UNSAFE on bytes).
 */
function textClass(src: Buffer, s: number, e: number): number {
  let found = 0;
  for (let i = s; i < e; i++) {
    const c = TEXT_CLASS[src[i]!]!;
    if (c === 0) continue;
    if (c !== MAYBE_UNSAFE) {
      found |= c;
      // Escapes and a character no block can carry: double-quoted, whatever else the text holds.
      if ((found & (ESCAPES | UNSAFE)) === (ESCAPES | UNSAFE)) return found;
    } else {
      const b = src[i]!;
      const n1 = src[i + 1]!;
      const n2 = src[i + 2]!;
      if (
        (b === 0xc2 && n1 <= 0x9f) ||
        (b === 0xe2 && n1 === 0x80 && (n2 === 0xa8 || n2 === 0xa9)) ||
        (b === 0xef && ((n1 === 0xbb && n2 === 0xbf) || (n1 === 0xbf && n2 >= 0xbe)))
      )
        found |= UNSAFE;
      if ((found & (ESCAPES | UNSAFE)) === (ESCAPES | UNSAFE)) return found;
    }
  }
  return found;
}

const NULL_VALUE = Buffer.from(': null');
const EMPTY_LIST = Buffer.from(': []');
const EMPTY_MAP = Buffer.from(': {}');
const SCALAR = Buffer.from(': ');
const LIST_ITEM = Buffer.from('\n    - "');
const FIRST_ENTRY = Buffer.from(':\n    ');
const ENTRY = Buffer.from('\n    ');
const RECORD_START = Buffer.from('- ');
const PAIR_START = Buffer.from('\n  ');
/** The indentation of a record field's continuation lines. */
const VALUE_INDENT = Buffer.from('    ');
/** A metadata key as its YAML and `: `, or null when the library writes it (an explicit key). */
const entryKeys = new KeyCache<Buffer | null>((key) => {
  const text = keyText(key);
  return text.length > MAX_IMPLICIT_KEY ? null : Buffer.from(`${text}: `);
});

/** The run's records (`- key: value` lines at the top level). */
export function yamlCellRun(run: CellRun): Buffer {
  const reader = new CellReader(run);
  const { count, fields, values } = run;
  const words = values.map(wordsOf);
  // A field's key with what comes before it: the record's `- `, or the line break and indentation of the next pair.
  const firstKeys = fields.map((f) => Buffer.from(`- ${keyText(f.name)}`));
  const keys = fields.map((f) => Buffer.from(`\n  ${keyText(f.name)}`));
  let size = 0;
  for (const v of values) size += v.length;
  const out = new ByteOut(size + (size >> 2) + count * 256);

  /** One field's pair from its bytes; false where fastFieldYaml must write it. */
  const fromBytes = (f: number, r: number, first: boolean): boolean => {
    if (!reader.utf8[f]) return false;
    const field = fields[f]!;
    const len = reader.length(f, r);
    if (len < 0 && field.stored !== 'nullable') return true;
    out.put(first ? firstKeys[f]! : keys[f]!);
    if (len < 0) {
      out.put(NULL_VALUE);
      return true;
    }
    const src = values[f]!;
    const s = reader.start(f, r);
    const e = s + len;
    if (field.stored !== 'json') {
      out.put(SCALAR);
      const found = textClass(src, s, e);
      if ((found & ESCAPES) === 0) {
        out.byte(QUOTE);
        out.copy(src, s, e);
        out.byte(QUOTE);
        return true;
      }
      // A literal block is the library's when the text spans lines and a block holds it exactly.
      if ((found & (BREAK | UNSAFE)) === BREAK) return false;
      doubleQuotedBytes(out, src, words[f]!, s, e, VALUE_INDENT);
      return true;
    }
    if (field.name === 'tags') {
      const n = stringList(src, s, e);
      if (n < 0) return false;
      if (n === 0) {
        out.put(EMPTY_LIST);
        return true;
      }
      out.byte(0x3a);
      for (let k = 0; k < n; k++) {
        out.put(LIST_ITEM);
        out.copy(src, items[2 * k]!, items[2 * k + 1]!);
        out.byte(QUOTE);
      }
      return true;
    }
    const n = flatObject(src, s, e);
    if (n < 0) return false;
    if (n === 0) {
      out.put(EMPTY_MAP);
      return true;
    }
    for (let k = 0; k < n; k++) {
      const at = 5 * k;
      const key = entryKeys.get(src, entries[at]!, entries[at + 1]!, k);
      if (!key) return false;
      out.put(k === 0 ? FIRST_ENTRY : ENTRY);
      out.put(key);
      const vs = entries[at + 3]!;
      const ve = entries[at + 4]!;
      const kind = entries[at + 2];
      if (kind === STRING) {
        out.byte(QUOTE);
        out.copy(src, vs, ve);
        out.byte(QUOTE);
      } else if (kind === NUMBER) {
        const value = Number(src.toString('latin1', vs, ve));
        if (!Number.isFinite(value)) return false;
        out.text(Object.is(value, -0) ? '-0' : String(value));
      } else out.copy(src, vs, ve);
    }
    return true;
  };

  for (let r = 0; r < count; r++) {
    const recordStart = out.o;
    let first = true;
    let declined = false;
    for (let f = 0; f < fields.length; f++) {
      const mark = out.o;
      if (fromBytes(f, r, first)) {
        if (out.o > mark) first = false;
        continue;
      }
      out.o = mark;
      const value = reader.value(f, r);
      if (value === undefined) continue;
      const text = fastFieldYaml(fields[f]!.name, value);
      if (text === undefined) {
        declined = true;
        break;
      }
      out.put(first ? RECORD_START : PAIR_START);
      out.text(text);
      first = false;
    }
    if (declined) {
      out.o = recordStart;
      out.text(recordYaml(reader.record(r)));
      continue;
    }
    out.byte(LF);
  }
  return out.done();
}

/** `text` with `prefix` before every line that is not empty (an `all` export's sections): index.ts indented, on bytes. */
export function indentedBytes(text: Buffer, prefix: Buffer): Buffer {
  const out = new ByteOut(text.length + (text.length >> 3) + 64);
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf(LF, at);
    end = end < 0 ? text.length : end + 1;
    if (text[at] !== LF) out.put(prefix);
    out.copy(text, at, end);
    at = end;
  }
  return out.done();
}
