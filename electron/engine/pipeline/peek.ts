/** Detection's view of a stream's first bytes: the stream peek (shared with the formats) and its text. */
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../formats/text.ts';
export { peek } from '../formats/peek.ts';

/** Decodes a head for sniffing: a cut multi-byte character at the end is harmless. */
export function headText(head: Buffer, max = 64 * 1024): string {
  const bytes = head.subarray(0, max);
  // A file in a legacy encoding (ASCII up to its first accented letter) is sniffed as the text it is, the
  // way decodeText will read it, not as UTF-8 full of replacement characters that look like binary data.
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    // The last character may be cut by the head's end; only a bad byte before that says "not UTF-8".
    if (bad < bytes.length - 3 && !bytes.subarray(0, bad).some((b) => b >= 0x80) && !bytes.includes(0)) return new TextDecoder('windows-1252').decode(bytes);
  }
  return bytes.toString('utf8');
}
