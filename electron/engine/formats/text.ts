/**
 * Text decoding shared by the text formats (CSV, XML, YAML, Markdown): bytes to string chunks, with the
 * encoding chosen by the user or else told by a byte order mark (UTF-8, UTF-16 LE/BE), UTF-8 by default.
 * The BOM itself is dropped. Multi-byte characters split across chunks are decoded correctly (stream mode).
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

/** The encoding a BOM announces, and how many bytes it takes. */
export function bomEncoding(head: Buffer): { encoding: string; length: number } | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function makeDecoder(encoding: string): TextDecoder {
  try {
    // fatal: a byte sequence that is not valid in the encoding is an error, never silently replaced.
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Unknown text encoding "${encoding}". Try utf-8, utf-16le, utf-16be, latin1 or windows-1252.`, {
      field: 'encoding',
    });
  }
}

/** Decodes a byte stream into string chunks. */
export async function* decodeText(input: AsyncIterable<Buffer>, encoding?: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Buffer | undefined;
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw new AppError(
        ERROR_CODES.PARSE_ERROR,
        `The file is not valid ${decoder!.encoding} text (near byte ${offset}). If it uses another encoding, choose it (--encoding).`,
        { field: 'encoding' },
      );
    }
  };
  for await (const chunk of input) {
    if (!decoder) {
      // Wait for enough bytes to see a BOM (a first chunk of one byte is possible in principle).
      const head: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      if (head.length < 3) {
        pending = head;
        continue;
      }
      pending = undefined;
      const bom = bomEncoding(head);
      const requested = encoding?.toLowerCase();
      decoder = makeDecoder(requested ?? bom?.encoding ?? 'utf-8');
      const skip = bom && (!requested || requested.replace(/[-_]/g, '') === bom.encoding.replace(/-/g, '')) ? bom.length : 0;
      const text = decode(head.subarray(skip), true);
      offset += head.length;
      if (text) yield text;
      continue;
    }
    const text = decode(chunk, true);
    offset += chunk.length;
    if (text) yield text;
  }
  if (!decoder) {
    const head = pending ?? Buffer.alloc(0);
    const bom = bomEncoding(head);
    decoder = makeDecoder(encoding?.toLowerCase() ?? bom?.encoding ?? 'utf-8');
    const text = decode(head.subarray(bom && !encoding ? bom.length : 0), false);
    if (text) yield text;
    return;
  }
  const rest = decode(Buffer.alloc(0), false);
  if (rest) yield rest;
}

/** Reads a whole text, refusing more than `maxChars` characters (for the formats that cannot stream). */
export async function readAllText(input: AsyncIterable<Buffer>, encoding: string | undefined, maxBytes: number, label: string): Promise<string> {
  const parts: string[] = [];
  let size = 0;
  for await (const text of decodeText(input, encoding)) {
    size += text.length;
    if (size > maxBytes) {
      throw new AppError(
        ERROR_CODES.LIMIT_EXCEEDED,
        `${label} files are read whole, so they are limited to ${Math.round(maxBytes / 1024 / 1024)} MB; this one is larger. ` +
          'Export the data as JSON Lines or CSV instead, which stream.',
      );
    }
    parts.push(text);
  }
  return parts.join('');
}

export interface TextLine {
  /** The line without its `\n`; a `\r` before the `\n` is kept (callers that need exact text rely on it). */
  text: string;
  /** 1-based. */
  line: number;
}

/** Splits string chunks into lines on `\n` only, keeping any `\r`, with a cap on one line's length. */
export async function* splitTextLines(chunks: AsyncIterable<string>, maxLineChars: number): AsyncGenerator<TextLine> {
  let carry = '';
  let line = 0;
  for await (const chunk of chunks) {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl !== -1) {
      line++;
      const piece = chunk.slice(start, nl);
      yield { text: carry ? carry + piece : piece, line };
      carry = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      carry += chunk.slice(start);
      if (carry.length > maxLineChars) {
        throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `Line ${line + 1} is longer than ${maxLineChars} characters.`, { data: { line: line + 1 } });
      }
    }
  }
  if (carry) yield { text: carry, line: line + 1 };
}

/**
 * A head for sniffing, as the pipeline hands it over (decoded as UTF-8): a UTF-16 file shows up as two
 * replacement characters and a NUL after every ASCII character. Undo that so sniffers see the text.
 */
export function sniffableHead(head: string): string {
  let text = head;
  if (text.startsWith('\uFFFD\uFFFD') && text.includes('\u0000')) text = text.slice(2).replace(/\u0000/g, '');
  return text.replace(/^\uFEFF/, '');
}
