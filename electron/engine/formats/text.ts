/**
 * Text decoding shared by the text formats (CSV, XML, YAML, Markdown): bytes to string chunks, with the
 * encoding chosen by the user or else told by a byte order mark (UTF-8, UTF-16 LE/BE), else detected:
 * UTF-16 without a BOM by its NUL bytes, and a file that is not UTF-8 but was plain ASCII up to its first
 * other byte (an export of an older Windows or government tool) as Windows-1252, said in a warning.
 * A format may say how its files name their own encoding (XML's declaration: `declared`); without a choice or a
 * BOM that encoding is used, said in a note, before any guess.
 * The BOM itself is dropped. Multi-byte characters split across chunks are decoded correctly (stream mode).
 */
import { isAscii as bufferIsAscii, isUtf8 } from 'node:buffer';
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

/** Where the last, possibly incomplete UTF-8 character of a chunk starts (the chunk's length if none). */
function completeUtf8Length(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? end - back : end;
  }
  return end;
}

/** The encodings a user can choose (the UI's list and the CLI's help say these). */
export { TEXT_ENCODINGS } from '../../../shared/options.ts';

/** What decoding found out on its own, for a warning the result carries. */
export type EncodingNote = (encoding: string, why: string) => void;

/** Offset of the first byte that is not part of a valid UTF-8 sequence (bytes.length when none). */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    if (size > 1 && !isUtf8(bytes.subarray(i, i + size))) return i;
    i += size;
  }
  return bytes.length;
}

/** Node's SIMD check: a JS loop over every byte of a large ASCII file slowed reading (and skewed its GC). */
const isAscii = (bytes: Buffer, end = bytes.length): boolean => bufferIsAscii(end === bytes.length ? bytes : bytes.subarray(0, end));

/** UTF-16 without a BOM: text of mostly Latin letters has a NUL in every other byte. */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * UTF-8 on the fast path: Buffer#toString and isUtf8 (both SIMD in Node) are several times faster than a
 * streaming TextDecoder. Invalid bytes are an error naming the exact byte, never silently replaced; when
 * the encoding was not chosen and all before that byte was ASCII, the rest is read as Windows-1252.
 */
async function* decodeUtf8(input: AsyncIterable<Buffer>, first: Buffer, fallback: EncodingNote | undefined): AsyncGenerator<string> {
  let carry: Buffer | undefined;
  let offset = 0;
  let allAscii = true;
  let legacy: TextDecoder | undefined;
  const decode = (bytes: Buffer, final: boolean): string => {
    if (legacy) {
      offset += bytes.length;
      return legacy.decode(bytes, { stream: !final });
    }
    const cut = final ? bytes.length : completeUtf8Length(bytes);
    const complete = cut === bytes.length ? bytes : bytes.subarray(0, cut);
    if (!isUtf8(complete)) {
      const bad = firstInvalidUtf8(complete);
      const at = offset + bad;
      if (fallback && allAscii && isAscii(complete, bad)) {
        legacy = new TextDecoder('windows-1252');
        fallback('windows-1252', `not valid UTF-8 from byte ${at.toLocaleString('en-US')}`);
        carry = undefined;
        offset += bytes.length;
        return legacy.decode(bytes, { stream: !final });
      }
      throw new AppError(
        ERROR_CODES.PARSE_ERROR,
        `The file is not valid UTF-8 text (byte ${at.toLocaleString('en-US')} is 0x${complete[bad]!.toString(16).padStart(2, '0')}). If it uses another encoding, choose it (--encoding windows-1252, for example).`,
        { field: 'encoding', data: { byte: at } },
      );
    }
    if (allAscii && !isAscii(complete)) allAscii = false;
    offset += complete.length;
    carry = cut === bytes.length ? undefined : Buffer.from(bytes.subarray(cut));
    return complete.toString('utf8');
  };
  // Decoding in pieces of 64 KB: V8 decodes large non-ASCII strings many times slower than small ones
  // (measured: 89 MB took 1.8 s in 256 KB pieces, 0.2 s in 64 KB pieces).
  const PIECE = 64 * 1024;
  function* pieces(chunk: Buffer): Generator<string> {
    for (let i = 0; i < chunk.length; i += PIECE) {
      const piece = chunk.subarray(i, Math.min(chunk.length, i + PIECE));
      const t = decode(carry && !legacy ? Buffer.concat([carry, piece]) : piece, false);
      if (t) yield t;
    }
  }
  yield* pieces(first);
  for await (const chunk of input) yield* pieces(chunk);
  if (carry) yield decode(carry, true);
}

/** How a format's files name their own encoding: the label, read from the first `bytes` bytes (no BOM before them). */
export interface DeclaredEncoding {
  bytes: number;
  label(head: Buffer): string | undefined;
  /** Where the label was found, for the note (`the XML declaration`). */
  where: string;
}

/**
 * The encoding a declared label stands for, or undefined to read as without one: UTF-8 is the default anyway,
 * and UTF-16 cannot be true of the single-byte text the label was read in. An unknown label is said in a note.
 */
function declaredEncoding(head: Buffer, declared: DeclaredEncoding, onDetected: EncodingNote | undefined): string | undefined {
  const label = declared.label(head);
  if (label === undefined) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    onDetected?.('utf-8', `${declared.where} names the encoding "${label}", which is not known`);
    return undefined;
  }
  if (encoding === 'utf-8' || encoding.startsWith('utf-16')) return undefined;
  onDetected?.(encoding, `named by ${declared.where}${label.toLowerCase() === encoding ? '' : ` ("${label}")`}`);
  return encoding;
}

/**
 * Decodes a byte stream into string chunks; `onDetected` hears of an encoding found rather than chosen;
 * `declared` reads the label a file may give its own encoding (the XML reader's declaration).
 */
export async function* decodeText(
  input: AsyncIterable<Buffer>,
  encoding?: string,
  onDetected?: EncodingNote,
  declared?: DeclaredEncoding,
): AsyncGenerator<string> {
  const iterator = input[Symbol.asyncIterator]();
  // Enough bytes to see a BOM (and a declaration, for a format that has one).
  let head: Buffer = Buffer.alloc(0);
  let done = false;
  while (head.length < Math.max(3, declared?.bytes ?? 0)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head = head.length ? Buffer.concat([head, next.value]) : next.value;
  }
  async function* remaining(): AsyncGenerator<Buffer> {
    while (!done) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const rest = remaining();
  const bom = bomEncoding(head);
  const requested = encoding && encoding.toLowerCase() !== 'auto' ? encoding.toLowerCase() : undefined;
  const sixteen = !requested && !bom ? utf16WithoutBom(head) : undefined;
  if (sixteen) onDetected?.(sixteen, 'no byte order mark, NUL bytes between the letters');
  const fromDeclaration = !requested && !bom && !sixteen && declared ? declaredEncoding(head, declared, onDetected) : undefined;
  const chosen = requested ?? bom?.encoding ?? sixteen ?? fromDeclaration ?? 'utf-8';
  const skip = bom && (!requested || requested.replace(/[-_]/g, '') === bom.encoding.replace(/-/g, '')) ? bom.length : 0;
  if (chosen === 'utf-8' || chosen === 'utf8') {
    // Only a guess may fall back: an encoding the user chose, or a BOM, is held to.
    yield* decodeUtf8(rest, head.subarray(skip), requested || bom ? undefined : (onDetected ?? (() => undefined)));
    return;
  }
  const decoder = makeDecoder(chosen);
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      const text = decoder.decode(bytes, { stream });
      offset += bytes.length;
      return text;
    } catch {
      throw new AppError(
        ERROR_CODES.PARSE_ERROR,
        `The file is not valid ${decoder.encoding} text (near byte ${offset})${fromDeclaration ? `, the encoding ${declared!.where} names` : ''}. If it uses another encoding, choose it (--encoding).`,
        { field: 'encoding' },
      );
    }
  };
  const first = decode(head.subarray(skip), true);
  if (first) yield first;
  for await (const chunk of rest) {
    const text = decode(chunk, true);
    if (text) yield text;
  }
  const tail = decode(Buffer.alloc(0), false);
  if (tail) yield tail;
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
