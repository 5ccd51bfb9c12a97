/**
 * Records for a run of stored values (codec.ts CellRun), made from their bytes: what recordMarkdown writes from
 * records (field-text.ts), without a record object, JSON.parse or a string per value. Text is copied as it is,
 * into a fenced block (content, text with a line break: the fence is measured on the bytes) or on its field's
 * line when the bytes show it reads back as the same string; tags that are a list of plain strings and
 * metadata that is an object of plain scalars are written from their JSON text (cell-values.ts). Anything else
 * — text that needs its JSON form, other JSON, a page that is not valid UTF-8 — is decoded and written by
 * fieldMarkdown, as a record's value is.
 */
import type { CellRun } from '../codec.ts';
import { ByteOut, CellReader, entries, FALSE, flatObject, items, MAYBE_SPACE, NULL, NUMBER, STRING, stringList, TRUE } from '../cell-values.ts';
import { fieldMarkdown, keyLabel } from './field-text.ts';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN = 0x5b;
const BACKTICK = 0x60;
const BRACE = 0x7b;

const isDigit = (b: number | undefined) => b !== undefined && b >= ZERO && b <= NINE;

/** `src[s, e)` is a JSON number in full (field-text.ts JSON_NUMBER). */
function isJsonNumber(src: Buffer, s: number, e: number): boolean {
  let i = s;
  if (src[i] === MINUS) i++;
  if (src[i] === ZERO) i++;
  else if (isDigit(src[i])) while (isDigit(src[i]) && i < e) i++;
  else return false;
  if (i < e && src[i] === DOT) {
    i++;
    if (!isDigit(src[i]) || i >= e) return false;
    while (i < e && isDigit(src[i])) i++;
  }
  if (i < e && (src[i] === 0x65 || src[i] === 0x45)) {
    i++;
    if (i < e && (src[i] === 0x2b || src[i] === MINUS)) i++;
    if (i >= e || !isDigit(src[i])) return false;
    while (i < e && isDigit(src[i])) i++;
  }
  return i === e;
}

const isWord = (src: Buffer, s: number, e: number, word: string) => {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (src[s + k] !== word.charCodeAt(k)) return false;
  return true;
};

/**
 * field-text.ts isPlainText on the bytes of one line of text: true only where it is true (anything unsure is
 * false, and fieldMarkdown decides).
 */
function isPlain(src: Buffer, s: number, e: number): boolean {
  if (s === e) return false;
  const first = src[s]!;
  if (first <= SPACE || MAYBE_SPACE[first] === 1 || first === QUOTE || first === OPEN || first === BRACE) return false;
  let last = e - 1;
  while (last > s && (src[last]! & 0xc0) === 0x80) last--;
  if (src[last]! <= SPACE || MAYBE_SPACE[src[last]!] === 1) return false;
  for (let i = s; i < e; i++) {
    const b = src[i]!;
    if (b < SPACE || b === 0x7f) return false;
    // U+0080–U+009F, U+2028, U+2029, U+FEFF.
    if (b === 0xc2 && src[i + 1]! <= 0x9f) return false;
    if (b === 0xe2 && src[i + 1] === 0x80 && (src[i + 2] === 0xa8 || src[i + 2] === 0xa9)) return false;
    if (b === 0xef && src[i + 1] === 0xbb && src[i + 2] === 0xbf) return false;
  }
  if (isWord(src, s, e, 'null') || isWord(src, s, e, 'true') || isWord(src, s, e, 'false')) return false;
  return !(first === MINUS || isDigit(first)) || !isJsonNumber(src, s, e);
}

function hasBreak(src: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (src[i] === LF || src[i] === CR) return true;
  return false;
}

function hasByte(src: Buffer, s: number, e: number, byte: number): boolean {
  for (let i = s; i < e; i++) if (src[i] === byte) return true;
  return false;
}

/** The longest run of backticks in `src[s, e)`, by a loop (short text). */
function longestTicks(src: Buffer, s: number, e: number): number {
  let longest = 0;
  let run = 0;
  for (let i = s; i < e; i++) {
    if (src[i] === BACKTICK) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

const FENCES: Buffer[] = [];
const fence = (ticks: number) => (FENCES[ticks] ??= Buffer.from('`'.repeat(Math.max(3, ticks + 1))));
const TEXT_INFO = Buffer.from('text\n');
const JSON_INFO = Buffer.from('json\n');
const BLOCK_END = Buffer.from('\n\n');
const NULL_VALUE = Buffer.from(' null\n');
const EMPTY_LIST = Buffer.from(' []\n');
const LIST_SEPARATOR = Buffer.from(', ');
const ENTRY_START = Buffer.from('  "');
const ENTRY_SEPARATOR = Buffer.from(',\n  "');
const KEY_END = Buffer.from('": ');

/** A fenced block of `src[s, e)` (field-text.ts block). */
function block(out: ByteOut, label: Buffer, info: Buffer, src: Buffer, s: number, e: number, ticks: number): void {
  const f = fence(ticks);
  out.put(label);
  out.put(f);
  out.put(info);
  out.copy(src, s, e);
  out.byte(LF);
  out.put(f);
  out.put(BLOCK_END);
}

/** The run's records, numbered from `first`. */
export function markdownCellRun(run: CellRun, first: number): Buffer {
  const reader = new CellReader(run);
  const { count, fields, values } = run;
  // `**key:**` for a line; `**key:**\n\n` before a block.
  const labels = fields.map((f) => Buffer.from(keyLabel(f.name)));
  const blockLabels = fields.map((f) => Buffer.from(`${keyLabel(f.name)}\n\n`));
  /** Per field, where its next backtick is (so a long value's search never starts twice). */
  const nextTick = new Int32Array(fields.length).fill(-1);
  let size = 0;
  for (const v of values) size += v.length;
  const out = new ByteOut(size + (size >> 3) + count * 256);
  const blocks = new ByteOut(64 * 1024);

  /** The longest backtick run of a long value, found natively from field f's cursor. */
  const ticksIn = (f: number, s: number, e: number): number => {
    const src = values[f]!;
    let at = nextTick[f]!;
    if (at < s) at = src.indexOf(BACKTICK, s);
    if (at < 0) at = src.length;
    let longest = 0;
    while (at < e) {
      let end = at;
      while (end < e && src[end] === BACKTICK) end++;
      longest = Math.max(longest, end - at);
      at = src.indexOf(BACKTICK, end);
      if (at < 0) at = src.length;
    }
    nextTick[f] = at;
    return longest;
  };

  /** One field from its bytes, on its line (`out`) or as a block (`blocks`); false where fieldMarkdown must write it. */
  const fromBytes = (f: number, r: number): boolean => {
    if (!reader.utf8[f]) return false;
    const field = fields[f]!;
    const len = reader.length(f, r);
    if (len < 0) {
      if (field.stored === 'nullable') {
        out.put(labels[f]!);
        out.put(NULL_VALUE);
      }
      return true;
    }
    const src = values[f]!;
    const s = reader.start(f, r);
    const e = s + len;
    if (field.stored !== 'json') {
      if (field.name === 'content' || hasBreak(src, s, e)) {
        block(blocks, blockLabels[f]!, TEXT_INFO, src, s, e, len > 256 ? ticksIn(f, s, e) : longestTicks(src, s, e));
        return true;
      }
      if (!isPlain(src, s, e)) return false;
      out.put(labels[f]!);
      out.byte(SPACE);
      out.copy(src, s, e);
      out.byte(LF);
      return true;
    }
    if (field.name === 'tags') {
      const n = stringList(src, s, e);
      if (n < 0) return false;
      if (n === 0) {
        out.put(labels[f]!);
        out.put(EMPTY_LIST);
        return true;
      }
      for (let k = 0; k < n; k++) {
        const ts = items[2 * k]!;
        const te = items[2 * k + 1]!;
        if (!isPlain(src, ts, te) || hasByte(src, ts, te, COMMA)) return false;
      }
      out.put(labels[f]!);
      out.byte(SPACE);
      for (let k = 0; k < n; k++) {
        if (k > 0) out.put(LIST_SEPARATOR);
        out.copy(src, items[2 * k]!, items[2 * k + 1]!);
      }
      out.byte(LF);
      return true;
    }
    const n = flatObject(src, s, e);
    if (n < 0) return false;
    if (n === 0) {
      block(blocks, blockLabels[f]!, JSON_INFO, src, s, e, 0);
      return true;
    }
    // JSON.stringify(value, null, 2) of the object: its keys and strings are their bytes (no escapes in them).
    const mark = blocks.o;
    const f3 = fence(longestTicks(src, s, e));
    blocks.put(blockLabels[f]!);
    blocks.put(f3);
    blocks.put(JSON_INFO);
    blocks.byte(BRACE);
    blocks.byte(LF);
    for (let k = 0; k < n; k++) {
      const at = 5 * k;
      blocks.put(k === 0 ? ENTRY_START : ENTRY_SEPARATOR);
      blocks.copy(src, entries[at]!, entries[at + 1]!);
      blocks.put(KEY_END);
      const vs = entries[at + 3]!;
      const ve = entries[at + 4]!;
      switch (entries[at + 2]) {
        case STRING:
          blocks.byte(QUOTE);
          blocks.copy(src, vs, ve);
          blocks.byte(QUOTE);
          break;
        case NUMBER: {
          const value = Number(src.toString('latin1', vs, ve));
          if (!Number.isFinite(value)) {
            blocks.o = mark;
            return false;
          }
          blocks.text(String(value));
          break;
        }
        case TRUE:
        case FALSE:
        case NULL:
          blocks.copy(src, vs, ve);
          break;
      }
    }
    blocks.byte(LF);
    blocks.byte(0x7d);
    blocks.byte(LF);
    blocks.put(f3);
    blocks.put(BLOCK_END);
    return true;
  };

  for (let r = 0; r < count; r++) {
    out.text(`## Item ${first + r}\n\n`);
    const lineStart = out.o;
    blocks.o = 0;
    for (let f = 0; f < fields.length; f++) {
      const mark = out.o;
      const blockMark = blocks.o;
      if (fromBytes(f, r)) continue;
      out.o = mark;
      blocks.o = blockMark;
      const text = fieldMarkdown(fields[f]!.name, reader.value(f, r));
      if (text.endsWith('\n\n')) blocks.text(text);
      else out.text(text);
    }
    if (out.o > lineStart) out.byte(LF);
    out.copy(blocks.buf, 0, blocks.o);
  }
  return out.done();
}
