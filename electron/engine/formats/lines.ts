/** Splits a byte stream into lines (LF or CRLF), decoding each as UTF-8, with a cap on a line's size. */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

export interface Line {
  text: string;
  /** 1-based. */
  line: number;
}

export async function* splitLines(input: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<Line> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let line = 0;
  let first = true;
  const decode = (buf: Buffer) => {
    const end = buf.length > 0 && buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length;
    return buf.toString('utf8', 0, end);
  };
  for await (let chunk of input) {
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let start = 0;
    let nl = chunk.indexOf(0x0a, start);
    while (nl !== -1) {
      line++;
      const piece = chunk.subarray(start, nl);
      if (carry.length) {
        carry.push(piece);
        yield { text: decode(Buffer.concat(carry)), line };
        carry = [];
        carryBytes = 0;
      } else yield { text: decode(piece), line };
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carryBytes += chunk.length - start;
      if (carryBytes > maxLineBytes) {
        throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `Line ${line + 1} is longer than ${maxLineBytes} bytes; is this really a line-based file?`, {
          data: { line: line + 1 },
        });
      }
    }
  }
  if (carry.length) yield { text: decode(Buffer.concat(carry)), line: line + 1 };
}
