/**
 * CSV rows for a run of stored values (codec.ts CellRun), made from their bytes: the cells the writer makes
 * from records (cells.ts: cellFor, escapeCell, quoteCell, tagsCell), without a string per value or UTF-8
 * re-encoding (docs/performance.md, "Export"). Everything that decides a cell is ASCII (the quote, the
 * delimiter, line breaks, the formula triggers, the apostrophe), and no byte of a multi-byte UTF-8 character is,
 * so deciding on bytes is deciding on characters. What the bytes alone do not settle — tags other than a plain
 * list of simple tags, a JSON value other than an object or an array, text that is not valid UTF-8 — is decoded
 * and goes through cellFor, as a record's value does.
 */
import { isUtf8 } from 'node:buffer';
import { isFormulaTrigger } from '../../../../shared/csv-formula.ts';
import type { CellRun } from '../codec.ts';
import { MAYBE_SPACE } from '../cell-values.ts';
import { COLUMN_KINDS } from './columns.ts';
import { cellFor, quoteCell } from './cells.ts';

export interface RowLayout {
  /** The CSV's columns, without the `dataType` and `_escaped` ones. */
  columns: readonly string[];
  /** A first column saying the record's type (an `all` export). */
  withType: boolean;
  /** A last `_escaped` column. */
  marked: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE = 0x7b;
const ONE = 0x31;

/** Bytes that make a cell quoted (quoteCell). */
const SPECIAL = new Uint8Array(256);
for (const c of [QUOTE, COMMA, LF, CR]) SPECIAL[c] = 1;
const TRIGGER = new Uint8Array(256);
for (let c = 0; c < 128; c++) if (isFormulaTrigger(c)) TRIGGER[c] = 1;
/** Shorter cells are copied byte by byte; in longer ones the quotes are found natively and the rest copied in pieces. */
const LONG = 128;

// How a column is made from its field (a column without one is an empty cell).
/** A string (cellFor's string case); a NULL is the field's null cell. */
const TEXT = 1;
/** JSON text of tags (tagsCell). */
const TAGS = 2;
/** JSON text of another value: an object or an array is its own JSON cell. */
const JSON_TEXT = 3;
/** The values are not valid UTF-8: decoded as a record's would be, then cellFor. */
const DECODE = 4;

/** Where each field's next quote is (field by field), so a long value's quote search never starts twice. */
let nextQuote = new Int32Array(16);

export function cellRunRows(run: CellRun, layout: RowLayout): Buffer {
  const { count, fields, values, lengths } = run;
  const { columns } = layout;
  const n = columns.length;
  const field = new Int32Array(n);
  const mode = new Uint8Array(n);
  const emptyIsNull = new Uint8Array(n);
  const nullCells: ({ bytes: Buffer; escaped: boolean } | null)[] = [];
  let size = 0;
  let widestNull = 0;
  for (let c = 0; c < n; c++) {
    const column = columns[c]!;
    const f = fields.findIndex((x) => x.name === column);
    field[c] = f;
    nullCells.push(null);
    if (f < 0) continue;
    const kind = COLUMN_KINDS[column];
    const stored = fields[f]!.stored;
    mode[c] = (stored === 'json' ? (kind === 'tags' ? TAGS : JSON_TEXT) : TEXT) | (isUtf8(values[f]!) ? 0 : DECODE);
    emptyIsNull[c] = kind === 'nullable' ? 1 : 0;
    if (stored === 'nullable') {
      // A NULL is the field's null (an 'optional' NULL is no field: an empty cell).
      const cell = cellFor(column, null);
      nullCells[c] = { bytes: Buffer.from(quoteCell(cell.text)), escaped: cell.escaped };
      widestNull = Math.max(widestNull, nullCells[c]!.bytes.length);
    }
    size += values[f]!.length;
  }
  const type = layout.withType ? Buffer.from(run.recordType) : null;
  // A row's own bytes (the type, delimiters, the flag, CRLF) and null cells; a cell needs at most its bytes
  // doubled and three more (quotes, apostrophe). The buffer starts at what the bytes usually take (a quote
  // in every eighth byte) and grows when a row or a cell would not fit: a smaller buffer is less memory for
  // the collector to wait for.
  const rowRoom = (type ? type.length : 0) + n * (1 + widestNull) + 4;
  let out: Buffer = Buffer.allocUnsafe(size + (size >> 3) + count * (rowRoom + 3 * n));
  let o = 0;
  const offsets = new Int32Array(fields.length);
  if (nextQuote.length < fields.length) nextQuote = new Int32Array(fields.length);
  nextQuote.fill(-1);

  for (let r = 0; r < count; r++) {
    let escaped = 0;
    if (o + rowRoom > out.length) out = grown(out, o, rowRoom);
    if (type) {
      out.set(type, o);
      o += type.length;
      out[o++] = COMMA;
    }
    for (let c = 0; c < n; c++) {
      if (c > 0) out[o++] = COMMA;
      const f = field[c]!;
      if (f < 0) continue;
      const len = lengths[f * count + r]!;
      if (len < 0) {
        const cell = nullCells[c];
        if (cell) {
          out.set(cell.bytes, o);
          o += cell.bytes.length;
          if (cell.escaped) escaped = 1;
        }
        continue;
      }
      const src = values[f]!;
      const s = offsets[f]!;
      const e = s + len;
      offsets[f] = e;
      if (o + 2 * len + 3 + rowRoom > out.length) out = grown(out, o, 2 * len + 3 + rowRoom);
      const m = mode[c]!;
      if (m === TEXT) {
        const pre = prefixed(src, s, e, emptyIsNull[c]!);
        o = writeText(out, o, src, s, e, pre, f);
        escaped |= pre;
      } else if (m === JSON_TEXT && len > 0 && (src[s] === BRACE || src[s] === OPEN)) {
        // JSON.stringify of the value, which the text is (store/stored-cells.ts): never empty, never a trigger.
        o = writeText(out, o, src, s, e, 0, f);
      } else if (m === TAGS && plainTags(src, s, e)) {
        // The joined tags start at s + 2; prefixed reads at most their first two bytes, and a lone tag of one
        // byte (`["x"]`) is the whole text.
        const pre = prefixed(src, s + 2, e - s === 5 ? s + 3 : e, 0);
        o = writeTags(out, o, src, s, e, pre);
        escaped |= pre;
      } else {
        const text = src.toString('utf8', s, e);
        const cell = cellFor(columns[c]!, (m & ~DECODE) === TEXT ? text : JSON.parse(text));
        const quoted = quoteCell(cell.text);
        const bytes = Buffer.byteLength(quoted);
        if (o + bytes + rowRoom > out.length) out = grown(out, o, bytes + rowRoom);
        o += out.write(quoted, o);
        if (cell.escaped) escaped = 1;
      }
    }
    if (layout.marked) {
      out[o++] = COMMA;
      if (escaped) out[o++] = ONE;
    }
    out[o++] = CR;
    out[o++] = LF;
  }
  return out.subarray(0, o);
}

/** A buffer with what `out` holds and room for `more` bytes after it (at least twice as large). */
function grown(out: Buffer, used: number, more: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(2 * out.length, used + more));
  out.copy(bigger, 0, 0, used);
  return bigger;
}

/**
 * escapeCell's apostrophe for the text `src[s, e)`: it starts with a trigger, or with `'` followed by a trigger,
 * `'` or nothing; or it is empty where empty means null.
 */
function prefixed(src: Buffer, s: number, e: number, emptyIsNull: number): number {
  if (s === e) return emptyIsNull;
  const first = src[s]!;
  if (TRIGGER[first] === 1) return 1;
  if (first !== APOSTROPHE) return 0;
  if (s + 1 === e) return 1;
  const second = src[s + 1]!;
  return TRIGGER[second] === 1 || second === APOSTROPHE ? 1 : 0;
}

/** The text `src[s, e)` as its cell (escapeCell, quoteCell) at `out[o]`; returns where the cell ends. */
function writeText(out: Buffer, o: number, src: Buffer, s: number, e: number, pre: number, f: number): number {
  if (e - s < LONG) {
    // Copied while looking for a special byte; at the first, what was copied moves one up for the quote.
    const start = o;
    if (pre === 1) out[o++] = APOSTROPHE;
    let i = s;
    for (; i < e; i++) {
      const b = src[i]!;
      if (SPECIAL[b] === 1) break;
      out[o++] = b;
    }
    if (i === e) return o;
    for (let k = o; k > start; k--) out[k] = out[k - 1]!;
    out[start] = QUOTE;
    o++;
    for (; i < e; i++) {
      const b = src[i]!;
      out[o++] = b;
      if (b === QUOTE) out[o++] = QUOTE;
    }
    out[o++] = QUOTE;
    return o;
  }
  let special = false;
  for (let i = s; i < e; i++) {
    if (SPECIAL[src[i]!] === 1) {
      special = true;
      break;
    }
  }
  if (!special) {
    if (pre === 1) out[o++] = APOSTROPHE;
    out.set(src.subarray(s, e), o);
    return o + (e - s);
  }
  out[o++] = QUOTE;
  if (pre === 1) out[o++] = APOSTROPHE;
  let from = s;
  let quote = nextQuote[f]!;
  while (true) {
    if (quote < from) {
      quote = src.indexOf(QUOTE, from);
      if (quote < 0) quote = src.length;
    }
    if (quote >= e) break;
    o = copy(out, o, src, from, quote + 1);
    out[o++] = QUOTE;
    from = quote + 1;
  }
  nextQuote[f] = quote;
  o = copy(out, o, src, from, e);
  out[o++] = QUOTE;
  return o;
}

function copy(out: Buffer, o: number, src: Buffer, s: number, e: number): number {
  if (e - s < LONG) {
    for (let i = s; i < e; i++) out[o++] = src[i]!;
    return o;
  }
  out.set(src.subarray(s, e), o);
  return o + (e - s);
}

/**
 * Whether the JSON text `src[s, e)` is a list that tagsCell writes comma-joined, in exactly this form:
 * `[]`, or `["a","b"]` where every tag is non-empty, has no comma, escape or control character, neither starts
 * nor ends with white space, and the first does not start with `[`. Anything else is left to tagsCell.
 */
function plainTags(src: Buffer, s: number, e: number): boolean {
  if (e - s < 2 || src[s] !== OPEN || src[e - 1] !== CLOSE) return false;
  if (e - s === 2) return true;
  if (src[s + 1] !== QUOTE || src[s + 2] === OPEN) return false;
  let i = s + 1;
  while (true) {
    // src[i] is the opening quote of a tag.
    const start = i + 1;
    let j = start;
    for (; j < e; j++) {
      const b = src[j]!;
      if (b === QUOTE || b === BACKSLASH || b === COMMA || b < SPACE) break;
    }
    if (j === e || src[j] !== QUOTE || j === start) return false;
    if (src[start] === SPACE || MAYBE_SPACE[src[start]!] === 1 || !endsPlain(src, start, j)) return false;
    if (j + 2 === e) return src[j + 1] === CLOSE;
    if (src[j + 1] !== COMMA || src[j + 2] !== QUOTE) return false;
    i = j + 2;
  }
}

/** The tag `src[s, e)` does not end with white space (ASCII, or a character MAYBE_SPACE leads). */
function endsPlain(src: Buffer, s: number, e: number): boolean {
  let last = e - 1;
  if (src[last]! < 0x80) return src[last] !== SPACE;
  while (last > s && (src[last]! & 0xc0) === 0x80) last--;
  return MAYBE_SPACE[src[last]!] !== 1;
}

/** Plain tags `src[s, e)` comma-joined as their cell: quoted when there are two or more (a comma). */
function writeTags(out: Buffer, o: number, src: Buffer, s: number, e: number, pre: number): number {
  if (e - s === 2) return o;
  let tags = 1;
  for (let i = s + 2; i < e - 2; i++) if (src[i] === COMMA) tags++;
  if (tags > 1) out[o++] = QUOTE;
  if (pre === 1) out[o++] = APOSTROPHE;
  // Between the tags' quotes: `","` becomes `,`.
  for (let i = s + 2; i < e - 2; i++) {
    const b = src[i]!;
    if (b === QUOTE) {
      out[o++] = COMMA;
      i += 2;
    } else out[o++] = b;
  }
  if (tags > 1) out[o++] = QUOTE;
  return o;
}
