/**
 * A long string scalar written from its UTF-8 (a context's content, given as TextBytes): byte for byte what
 * emit.ts writes for the decoded string, without decoding it, quoting it through JSON.stringify and encoding
 * the result again (that was two thirds of the YAML writer's time). emit.ts gives only text of
 * MIN_MULTILINE_BYTES or more, so a double-quoted one always has its line breaks written as real ones.
 *
 * Every rule below is emit.ts's, on bytes: which text a literal block holds (BLOCK_UNSAFE), the block's header,
 * chomping and indentation (blockLiteral), and the double-quoted escapes and line folding (doubleQuoted over
 * JSON.stringify's text). The characters they look at are ASCII, one byte each. test/formats/yaml-emit.test.ts
 * holds this to the string writer on hostile text.
 */
import type { ByteSink } from '../byte-sink.ts';
import { doubleQuotedFromJson } from './double-quoted.ts';

const LF = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;

/**
 * By byte, for BLOCK_UNSAFE: 1 a line feed; 2 a character a block cannot hold (C0 controls but tab and line
 * feed, DEL, the lead byte of a character beyond U+FFFF, which is a surrogate pair in UTF-16); 3, 4, 5 the lead
 * bytes of U+0080-U+009F, U+2028/U+2029, and U+FEFF/U+FFFE/U+FFFF, unsafe with the bytes that follow.
 */
const KIND = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) KIND[c] = 2;
KIND[TAB] = 0;
KIND[LF] = 1;
KIND[0x7f] = 2;
for (let c = 0xf0; c <= 0xff; c++) KIND[c] = 2;
KIND[0xc2] = 3;
KIND[0xe2] = 4;
KIND[0xef] = 5;

/** `text.includes('\n') && !BLOCK_UNSAFE.test(text)` for valid UTF-8. */
function literalBlockHolds(bytes: Buffer): boolean {
  if (bytes.indexOf(LF) === -1) return false;
  for (let i = 0; i < bytes.length; i++) {
    const kind = KIND[bytes[i]!]!;
    if (kind <= 1) continue;
    if (kind === 2) return false;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    if (kind === 3 && b1! >= 0x80 && b1! <= 0x9f) return false;
    if (kind === 4 && b1 === 0x80 && (b2 === 0xa8 || b2 === 0xa9)) return false;
    if (kind === 5 && ((b1 === 0xbb && b2 === 0xbf) || (b1 === 0xbf && (b2 === 0xbe || b2 === 0xbf)))) return false;
  }
  return true;
}

const INDENTS = new Map<string, Buffer>();
const indentBytes = (indent: string): Buffer => {
  let bytes = INDENTS.get(indent);
  if (!bytes) INDENTS.set(indent, (bytes = Buffer.from(indent)));
  return bytes;
};

/** emit.ts's node() for a string of MIN_MULTILINE_BYTES or more, given as valid UTF-8, at `indent`. */
export function writeScalarBytes(sink: ByteSink, bytes: Buffer, indent: string): void {
  if (literalBlockHolds(bytes)) writeBlockLiteral(sink, bytes, indent);
  else writeDoubleQuoted(sink, bytes, indent);
}

const isBlank = (c: number | undefined) => c === LF || c === TAB || c === SPACE;

/** blockLiteral: `|`, `|-` or `|+`, with `2` when the text starts with a space. */
function writeBlockLiteral(sink: ByteSink, bytes: Buffer, indentText: string): void {
  const n = bytes.length;
  const indent = indentBytes(indentText);
  // A block cannot end in whitespace after its last line break: those are quoted.
  let trail = n;
  while (trail > 0 && (bytes[trail - 1] === SPACE || bytes[trail - 1] === TAB)) trail--;
  if (trail < n && trail > 0 && bytes[trail - 1] === LF) {
    writeDoubleQuoted(sink, bytes, indentText);
    return;
  }
  // The trailing blanks: they say the chomping, and are written after the text.
  let endStart = n;
  while (endStart > 0 && isBlank(bytes[endStart - 1])) endStart--;
  const endLf = endStart < n ? bytes.indexOf(LF, endStart) : -1;
  const chomp = endLf === -1 ? '-' : endStart === 0 || endLf !== n - 1 ? '+' : '';
  const valueEnd = endStart;
  const endTo = endStart < n && bytes[n - 1] === LF ? n - 1 : n;
  // The leading spaces and line breaks, up to the last of those breaks.
  let startWithSpace = false;
  let startLf = -1;
  for (let i = 0; i < valueEnd; i++) {
    const c = bytes[i];
    if (c === SPACE) startWithSpace = true;
    else if (c === LF) startLf = i;
    else break;
  }
  sink.text(`|${startWithSpace ? '2' : ''}${chomp}\n`);
  sink.bytes(indent);
  copyIndented(sink, bytes, 0, startLf + 1, indent, true);
  copyIndented(sink, bytes, startLf + 1, valueEnd, indent, true);
  // In the trailing blanks, only a run of line breaks followed by more blanks takes the indentation.
  if (endStart < n) copyIndented(sink, bytes, endStart, endTo, indent, false);
}

/** bytes[from, to) with `indent` after each run of line feeds (`replace(/\n+/g, '$&' + indent)`). */
function copyIndented(sink: ByteSink, bytes: Buffer, from: number, to: number, indent: Buffer, atEnd: boolean): void {
  let at = from;
  while (at < to) {
    const lf = bytes.indexOf(LF, at);
    if (lf === -1 || lf >= to) {
      sink.bytes(bytes.subarray(at, to));
      return;
    }
    let after = lf + 1;
    while (after < to && bytes[after] === LF) after++;
    sink.bytes(bytes.subarray(at, after));
    if (after < to || atEnd) sink.bytes(indent);
    at = after;
  }
}

/**
 * doubleQuoted(text, indent, false), from the bytes read as Latin-1: JSON.stringify escapes the same ASCII
 * characters in that string as in the text (and leaves every byte from 0x80 as it is), doubleQuotedFromJson
 * looks only at ASCII, and the result written back as Latin-1 is the scalar's UTF-8. Measured faster than a
 * loop over the bytes in JavaScript.
 */
function writeDoubleQuoted(sink: ByteSink, bytes: Buffer, indent: string): void {
  sink.latin1(doubleQuotedFromJson(JSON.stringify(bytes.toString('latin1')), indent, false));
}
