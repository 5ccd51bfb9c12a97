/** Reads the first bytes of a stream for detection, then gives back a stream that still starts at byte 0. */
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../formats/text.ts';
export async function peek(input: AsyncIterable<Buffer>, wanted: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = input[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < wanted) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: rest() };
}

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
