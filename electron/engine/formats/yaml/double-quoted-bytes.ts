/**
 * emit.ts doubleQuoted (the yaml library's double-quoted scalar, for a value: not an implicit key) on UTF-8
 * bytes: JSON.stringify's escapes made byte by byte (every byte it escapes is ASCII), the `\u00XX` ones already
 * in YAML's form (a short escape, else `\xXX`), then the line breaks handled as doubleQuoted handles them on the
 * JSON text: an escaped space before one, a blank line and the indentation for it in strings of 40 UTF-16 units
 * or more (counted on the JSON text, as doubleQuoted counts), an escaped space after it.
 */
import { type ByteOut, nextMarked, repeated } from '../cell-values.ts';
import { MIN_MULTILINE } from './emit.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const LF = 0x0a;
const N = 0x6e;

/** Per byte: its escaped form (for the bytes ESCAPED marks). */
const ESCAPE: Buffer[] = [];
/** 1 for a byte JSON.stringify escapes. */
export const ESCAPED = new Uint8Array(256);
/** Per escaped byte, how many more UTF-16 units its JSON escape takes than the character (for the 40-unit rule). */
const EXTRA = new Uint8Array(256);
const YAML_SHORT: Record<number, string> = { 0: '\\0', 7: '\\a', 11: '\\v', 27: '\\e' };
const JSON_SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
for (let b = 0; b < 0x20; b++) {
  const short = JSON_SHORT[b];
  ESCAPE[b] = Buffer.from(short ?? YAML_SHORT[b] ?? `\\x${b.toString(16).padStart(2, '0')}`);
  ESCAPED[b] = 1;
  EXTRA[b] = short ? 1 : 5;
}
ESCAPE[QUOTE] = Buffer.from('\\"');
ESCAPED[QUOTE] = 1;
ESCAPED[BACKSLASH] = 1;
ESCAPE[BACKSLASH] = Buffer.from('\\\\');
EXTRA[QUOTE] = 1;
EXTRA[BACKSLASH] = 1;

const EQ_QUOTE = repeated(QUOTE);
const EQ_BACKSLASH = repeated(BACKSLASH);
const ESCAPED_SPACE = Buffer.from('\\ ');
const BLANK_LINE = Buffer.from('\n\n');

/** The JSON text's length in UTF-16 units for `src[s, e)`: two quotes, the escapes, a unit per character (two for one beyond U+FFFF). */
function jsonUnits(src: Buffer, s: number, e: number): number {
  let units = 2;
  for (let i = s; i < e; i++) {
    const b = src[i]!;
    if (b < 0x80) units += 1 + EXTRA[b]!;
    else if (b >= 0xf0) units += 2;
    else if (b >= 0xc0) units += 1;
  }
  return units;
}

/** The scalar for the text `src[s, e)` (valid UTF-8) into `out`; `scratch` holds the escaped text on the way; `words`: wordsOf(src). */
export function doubleQuotedBytes(out: ByteOut, scratch: ByteOut, src: Buffer, words: Int32Array, s: number, e: number, indent: Buffer): void {
  // The escaped text, quotes included.
  scratch.o = 0;
  scratch.room(2 * (e - s) + 2);
  scratch.byte(QUOTE);
  let from = s;
  let breaks = false;
  for (
    let i = nextMarked(src, words, s, e, ESCAPED, EQ_QUOTE, EQ_BACKSLASH, EQ_QUOTE, EQ_QUOTE);
    i < e;
    i = nextMarked(src, words, i + 1, e, ESCAPED, EQ_QUOTE, EQ_BACKSLASH, EQ_QUOTE, EQ_QUOTE)
  ) {
    const b = src[i]!;
    scratch.copy(src, from, i);
    scratch.put(ESCAPE[b]!);
    if (b === LF) breaks = true;
    from = i + 1;
  }
  scratch.copy(src, from, e);
  scratch.byte(QUOTE);
  const json = scratch.buf;
  const n = scratch.o;
  if (!breaks) {
    out.copy(json, 0, n);
    return;
  }
  // A UTF-16 unit is at most three bytes of UTF-8, so most texts are long without counting.
  const short = (e - s) / 3 + 2 < MIN_MULTILINE && jsonUnits(src, s, e) < MIN_MULTILINE;
  let start = 0;
  let i = json.indexOf(BACKSLASH, 1);
  while (i !== -1 && i < n) {
    if (json[i + 1] !== N) {
      i = json.indexOf(BACKSLASH, i + 2);
      continue;
    }
    // A space before a line break is escaped, or folding would eat it.
    if (json[i - 1] === SPACE) {
      out.copy(json, start, i - 1);
      out.put(ESCAPED_SPACE);
      start = i;
    }
    if (json[i + 2] === QUOTE || short) {
      i = json.indexOf(BACKSLASH, i + 2);
      continue;
    }
    // A line break is written as a blank line (folding eats the first), then the indentation.
    out.copy(json, start, i);
    out.put(BLANK_LINE);
    while (json[i + 2] === BACKSLASH && json[i + 3] === N && json[i + 4] !== QUOTE) {
      out.byte(LF);
      i += 2;
    }
    out.put(indent);
    // So is a space after one.
    if (json[i + 2] === SPACE) out.byte(BACKSLASH);
    start = i + 2;
    i = json.indexOf(BACKSLASH, start);
  }
  out.copy(json, start, n);
}
