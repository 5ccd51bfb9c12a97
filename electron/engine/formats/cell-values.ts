/**
 * Reading a run of stored values (codec.ts CellRun) for the writers that make text from them (XML, YAML,
 * Markdown): where each value's bytes are, the value as the repository's fromRow makes it (for anything the
 * bytes do not settle), the two JSON shapes the store nearly always holds (a list of plain strings, an object of
 * plain scalars) cut into their pieces, and an output buffer that grows (docs/performance.md, "Export").
 *
 * Every decision taken on bytes is taken on ASCII bytes, which no byte of a multi-byte UTF-8 character is, so it
 * decides as the character would; a field whose page is not valid UTF-8 is decoded value by value (as
 * better-sqlite3 decodes it) and written by the record path's own code.
 */
import { isUtf8 } from 'node:buffer';
import type { CellRun } from './codec.ts';

/**
 * Lead bytes of every character String.prototype.trim removes beyond ASCII (U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), and of others: a writer leaves text that starts or ends with
 * one to the record path.
 */
export const MAYBE_SPACE = new Uint8Array(256);
for (const c of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) MAYBE_SPACE[c] = 1;

export class CellReader {
  readonly count: number;
  /** Per field: its page is valid UTF-8 (its bytes are the string's). */
  readonly utf8: boolean[];
  /** Field by field, `count` each: where the value of record r starts in its field's buffer. */
  private readonly starts: Int32Array;

  constructor(readonly run: CellRun) {
    const { count, fields, lengths, values } = run;
    this.count = count;
    this.starts = new Int32Array(fields.length * count);
    for (let f = 0; f < fields.length; f++) {
      let at = 0;
      for (let r = 0; r < count; r++) {
        this.starts[f * count + r] = at;
        const len = lengths[f * count + r]!;
        if (len > 0) at += len;
      }
    }
    this.utf8 = values.map((v) => isUtf8(v));
  }

  /** Where the value starts in `run.values[f]`. */
  start(f: number, r: number): number {
    return this.starts[f * this.count + r]!;
  }

  /** Its byte length, -1 for NULL. */
  length(f: number, r: number): number {
    return this.run.lengths[f * this.count + r]!;
  }

  /** The value as fromRow makes it: a string, null, undefined (no field), or JSON.parse of JSON text. */
  value(f: number, r: number): unknown {
    const len = this.length(f, r);
    const stored = this.run.fields[f]!.stored;
    if (len < 0) return stored === 'nullable' ? null : undefined;
    const s = this.start(f, r);
    const text = this.run.values[f]!.toString('utf8', s, s + len);
    return stored === 'json' ? JSON.parse(text) : text;
  }

  /** The record as the repository reads it (fields in its key order). */
  record(r: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let f = 0; f < this.run.fields.length; f++) {
      const v = this.value(f, r);
      if (v !== undefined) out[this.run.fields[f]!.name] = v;
    }
    return out;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE = 0x7b;
const UNBRACE = 0x7d;

/** An entry's value kind (flatObject). */
export const STRING = 1;
export const NUMBER = 2;
export const TRUE = 3;
export const FALSE = 4;
export const NULL = 5;

/** Entries per object the writers take from bytes; a larger object goes the record path. */
const MAX_ENTRIES = 64;
/** flatObject's pieces: 5 per entry (key start, key end, kind, value start, value end). */
export const entries = new Int32Array(5 * MAX_ENTRIES);

/** The end of a JSON string's text from `i` (just after its opening quote): its closing quote, or -1 if it has an escape or a control byte. */
function plainString(src: Buffer, i: number, e: number): number {
  for (; i < e; i++) {
    const b = src[i]!;
    if (b === QUOTE) return i;
    if (b === BACKSLASH || b < 0x20) return -1;
  }
  return -1;
}

/**
 * Minified JSON text `src[s, e)` (json() made it) of an object whose values are strings, numbers, booleans or
 * null, none with an escape, into `entries`: how many, or -1 for anything else. Keys starting with a digit are
 * refused (JavaScript orders integer-like keys first, so the object's key order would not be the text's), and so
 * are repeated keys (JSON.parse keeps the last value in the first's place).
 */
export function flatObject(src: Buffer, s: number, e: number): number {
  if (e - s < 2 || src[s] !== BRACE || src[e - 1] !== UNBRACE) return -1;
  if (e - s === 2) return 0;
  let n = 0;
  let i = s + 1;
  while (true) {
    if (n === MAX_ENTRIES || src[i] !== QUOTE) return -1;
    const ks = i + 1;
    const ke = plainString(src, ks, e);
    if (ke < 0 || (src[ks]! >= 0x30 && src[ks]! <= 0x39) || src[ke + 1] !== COLON) return -1;
    const vs = ke + 2;
    const b = src[vs];
    let kind: number;
    let valueStart = vs;
    let ve: number;
    if (b === QUOTE) {
      kind = STRING;
      valueStart = vs + 1;
      ve = plainString(src, valueStart, e);
      if (ve < 0) return -1;
      i = ve + 1;
    } else {
      ve = vs;
      while (ve < e - 1 && src[ve] !== COMMA) ve++;
      i = ve;
      const len = ve - vs;
      if (b === 0x74 && len === 4) kind = TRUE;
      else if (b === 0x66 && len === 5) kind = FALSE;
      else if (b === 0x6e && len === 4) kind = NULL;
      else if (b === 0x2d || (b! >= 0x30 && b! <= 0x39)) kind = NUMBER;
      else return -1;
    }
    for (let k = 0; k < n; k++) if (sameBytes(src, entries[5 * k]!, entries[5 * k + 1]!, ks, ke)) return -1;
    const at = 5 * n;
    entries[at] = ks;
    entries[at + 1] = ke;
    entries[at + 2] = kind;
    entries[at + 3] = valueStart;
    entries[at + 4] = ve;
    n++;
    if (i === e - 1) return n;
    if (src[i] !== COMMA) return -1;
    i++;
  }
}

export function sameBytes(src: Buffer, a: number, ae: number, b: number, be: number): boolean {
  if (ae - a !== be - b) return false;
  for (let k = 0; k < ae - a; k++) if (src[a + k] !== src[b + k]) return false;
  return true;
}

/** A list's pieces: 2 per string (start, end). */
export const items = new Int32Array(2 * MAX_ENTRIES);

/** JSON text `src[s, e)` of a list of strings without escapes into `items`: how many, or -1 for anything else. */
export function stringList(src: Buffer, s: number, e: number): number {
  if (e - s < 2 || src[s] !== OPEN || src[e - 1] !== CLOSE) return -1;
  if (e - s === 2) return 0;
  let n = 0;
  let i = s + 1;
  while (true) {
    if (n === MAX_ENTRIES || src[i] !== QUOTE) return -1;
    const end = plainString(src, i + 1, e);
    if (end < 0) return -1;
    items[2 * n] = i + 1;
    items[2 * n + 1] = end;
    n++;
    if (end + 2 === e) return src[end + 1] === CLOSE ? n : -1;
    if (src[end + 1] !== COMMA) return -1;
    i = end + 2;
  }
}

/** A page's output: bytes and text written at the end, the buffer grown as needed. */
export class ByteOut {
  buf: Buffer;
  o = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 256));
  }

  room(n: number): void {
    if (this.o + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.o + n));
    this.buf.copy(bigger, 0, 0, this.o);
    this.buf = bigger;
  }

  /** Bytes made once (a tag, a key and its punctuation). */
  put(b: Buffer): void {
    const n = b.length;
    this.room(n);
    // Byte by byte: these are a few bytes each, and a native copy costs more to call than to do.
    const buf = this.buf;
    let o = this.o;
    for (let i = 0; i < n; i++) buf[o++] = b[i]!;
    this.o = o;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.o++] = b;
  }

  copy(src: Buffer, s: number, e: number): void {
    this.room(e - s);
    if (e - s < 64) for (let i = s; i < e; i++) this.buf[this.o++] = src[i]!;
    else {
      this.buf.set(src.subarray(s, e), this.o);
      this.o += e - s;
    }
  }

  /** Text made by the record path's code, encoded in place. */
  text(text: string): void {
    this.room(3 * text.length);
    this.o += this.buf.write(text, this.o);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.o);
  }
}

/**
 * What a writer made of a key (its tag, its label), by the key's bytes: records repeat their metadata's keys in
 * the same places, so each entry's slot remembers the last key it saw and compares bytes, with no string made.
 */
export class KeyCache<T> {
  private readonly last: (Buffer | undefined)[] = [];
  private readonly made: T[] = [];
  private readonly byKey = new Map<string, T>();
  constructor(private readonly make: (key: string) => T) {}

  get(src: Buffer, s: number, e: number, slot: number): T {
    const last = this.last[slot];
    if (last !== undefined && last.length === e - s) {
      let k = 0;
      while (k < last.length && last[k] === src[s + k]) k++;
      if (k === last.length) return this.made[slot]!;
    }
    const key = src.toString('utf8', s, e);
    let made = this.byKey.get(key);
    if (made === undefined) {
      made = this.make(key);
      if (this.byKey.size < 10_000) this.byKey.set(key, made);
    }
    this.last[slot] = Buffer.from(src.subarray(s, e));
    this.made[slot] = made;
    return made;
  }
}

/** An Int32 view (signed: the words stay small integers) of the memory under `src`, for nextMarked (every byte of `src` is in one of its words). */
export const wordsOf = (src: Buffer): Int32Array => new Int32Array(src.buffer, 0, src.buffer.byteLength >>> 2);

const ONES = 0x01010101;
const HIGHS = 0x80808080;
/** `byte` in every byte of a word, for nextMarked's `eq` arguments. */
export const repeated = (byte: number): number => (byte * ONES) | 0;

/**
 * The first position in `src[i, e)` whose byte `table` marks (non-zero), or `e`. Words of four bytes are passed
 * over at once when none of their bytes is below 0x20 or equal to one of `eq1`..`eq4` (repeated bytes: the
 * table must mark nothing else); a word that has one is looked at byte by byte. A loop over every byte cost
 * 2–3 ns a byte on this machine, most of a text export's writing.
 */
export function nextMarked(
  src: Buffer,
  words: Int32Array,
  i: number,
  e: number,
  table: Uint8Array,
  eq1: number,
  eq2: number,
  eq3: number,
  eq4: number,
): number {
  const off = src.byteOffset;
  let p = i;
  while (p < e && ((off + p) & 3) !== 0) {
    if (table[src[p]!] !== 0) return p;
    p++;
  }
  const wEnd = (off + e) >>> 2;
  for (let w = (off + p) >>> 2; w < wEnd; w++) {
    const x = words[w]!;
    const a = x ^ eq1;
    const b = x ^ eq2;
    const c = x ^ eq3;
    const d = x ^ eq4;
    // Bytes below 0x20, and zero bytes of x ^ eq (a byte equal to eq); a false alarm only ever above a true one.
    const hit = ((x - 0x20202020) & ~x) | ((a - ONES) & ~a) | ((b - ONES) & ~b) | ((c - ONES) & ~c) | ((d - ONES) & ~d);
    if ((hit & HIGHS) !== 0) {
      const at = (w << 2) - off;
      for (let k = 0; k < 4; k++) if (table[src[at + k]!] !== 0) return at + k;
    }
  }
  p = Math.max(i, (wEnd << 2) - off);
  for (; p < e; p++) if (table[src[p]!] !== 0) return p;
  return e;
}
