/**
 * emit.ts doubleQuoted (the yaml library's double-quoted scalar, for a value: not an implicit key) on UTF-8
 * bytes: JSON.stringify's escapes made byte by byte (every byte it escapes is ASCII), the `\u00XX` ones already
 * in YAML's form (a short escape, else `\xXX`), then the line breaks handled as doubleQuoted handles them on the
 * JSON text: an escaped space before one, a blank line and the indentation for it in strings of 40 UTF-16 units
 * or more (counted on the JSON text, as doubleQuoted counts), an escaped space after it. One pass, no copy of
 * the escaped text: a scratch copy and a second pass over it cost more than the escaping (copies ~0.4 s of 2.4).
 */
import { type ByteOut, nextMarked, repeated } from '../cell-values.ts';
import { MIN_MULTILINE } from './emit.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const LF = 0x0a;

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

/**
 * The scalar for the text `src[s, e)` (valid UTF-8) into `out`, in one pass (`words`: wordsOf(src)). What
 * doubleQuoted asks of the JSON text around a `\n` is asked of the bytes: the character before it is a space
 * (never part of an escape), it is the last one (the closing quote follows), more line feeds follow it.
 */
export function doubleQuotedBytes(out: ByteOut, src: Buffer, words: Int32Array, s: number, e: number, indent: Buffer): void {
  out.byte(QUOTE);
  /** -1 until a line break asks: whether the JSON text is shorter than MIN_MULTILINE units. */
  let short = -1;
  let from = s;
  for (
    let i = nextMarked(src, words, s, e, ESCAPED, EQ_QUOTE, EQ_BACKSLASH, EQ_QUOTE, EQ_QUOTE);
    i < e;
    i = nextMarked(src, words, i + 1, e, ESCAPED, EQ_QUOTE, EQ_BACKSLASH, EQ_QUOTE, EQ_QUOTE)
  ) {
    const b = src[i]!;
    out.copy(src, from, i);
    from = i + 1;
    if (b !== LF) {
      out.put(ESCAPE[b]!);
      continue;
    }
    // A space before a line break is escaped, or folding would eat it (the space is the last byte written).
    if (i > s && src[i - 1] === SPACE) {
      out.o--;
      out.put(ESCAPED_SPACE);
    }
    // A UTF-16 unit is at most three bytes of UTF-8, so most texts are long without counting.
    if (short === -1) short = (e - s) / 3 + 2 < MIN_MULTILINE && jsonUnits(src, s, e) < MIN_MULTILINE ? 1 : 0;
    if (i === e - 1 || short === 1) {
      out.put(ESCAPE[LF]!);
      continue;
    }
    // A line break is written as a blank line (folding eats the first), then the indentation.
    out.put(BLANK_LINE);
    while (i + 1 < e - 1 && src[i + 1] === LF) {
      out.byte(LF);
      i++;
    }
    from = i + 1;
    out.put(indent);
    // So is a space after one.
    if (i + 1 < e && src[i + 1] === SPACE) out.byte(BACKSLASH);
  }
  out.copy(src, from, e);
  out.byte(QUOTE);
}
