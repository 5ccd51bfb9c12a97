/**
 * The decrypting half: parts in order, each starting with its header, then chunks. A chunk's plaintext is
 * released only after its tag verified; the stream ends normally only after the final chunk of the last part
 * verified, so a reader never sees unauthenticated bytes and a cut-off file never looks complete.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { ExactReader } from './byte-streams.ts';
import { CHUNK_FLAG, chunkAad, chunkNonce, type ChunkFlag } from './chunk-nonce.ts';
import type { EnvelopeKeys } from './kdf.ts';
import {
  ENCRYPTION_MAGIC,
  TAG_BYTES,
  chunkSizeOf,
  headerLength,
  headerMacMatches,
  parseHeader,
  type ParsedHeader,
  type StreamHeader,
} from './stream-header.ts';

export interface EncryptedPart {
  file: string;
  stream: AsyncIterable<Buffer>;
}

export interface DecryptOptions {
  keys: EnvelopeKeys;
  /** The header of the first part, already verified with `keys` (it fixes what every other part must say). */
  first: StreamHeader;
  partCount: number;
}

export async function readHeader(reader: ExactReader, file: string): Promise<ParsedHeader> {
  const start = await reader.read(ENCRYPTION_MAGIC.length + 3);
  const length = headerLength(start, file);
  const rest = await reader.read(length - start.length);
  return parseHeader(Buffer.concat([start, rest]), file);
}

function sameStream(a: StreamHeader, b: StreamHeader): boolean {
  return (
    a.keyKind === b.keyKind &&
    a.kdf.log2N === b.kdf.log2N &&
    a.kdf.r === b.kdf.r &&
    a.kdf.p === b.kdf.p &&
    a.salt.equals(b.salt) &&
    a.log2ChunkSize === b.log2ChunkSize &&
    a.noncePrefix.equals(b.noncePrefix) &&
    a.compression === b.compression &&
    a.split === b.split &&
    a.exportId === b.exportId
  );
}

export async function* decryptParts(parts: EncryptedPart[], options: DecryptOptions): AsyncGenerator<Buffer> {
  const { keys, first, partCount } = options;
  if (parts.length !== partCount) throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `Expected ${partCount} part(s), got ${parts.length}.`);
  const chunkSize = chunkSizeOf(first);
  const block = chunkSize + TAG_BYTES;
  let counter = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const name = path.basename(part.file);
    const where = partCount > 1 ? `part ${index + 1} of ${partCount} (${name})` : name;
    const reader = new ExactReader(part.stream);
    let currentMac: Buffer = Buffer.alloc(0);
    try {
      const parsed = await readHeader(reader, part.file);
      currentMac = parsed.mac;
      if (!headerMacMatches(parsed, keys.header)) {
        throw new AppError(
          index === 0 ? ERROR_CODES.DECRYPT_FAILED : ERROR_CODES.INTEGRITY_ERROR,
          index === 0
            ? `Could not decrypt ${name}: the ${first.keyKind === 'raw' ? 'key' : 'passphrase'} is wrong, or the file's header was altered.`
            : `The encryption header of ${where} was altered or belongs to another export.`,
          { file: part.file },
        );
      }
      if (!sameStream(parsed.header, first) || parsed.header.partIndex !== index) {
        throw new AppError(
          ERROR_CODES.INTEGRITY_ERROR,
          `${where} does not belong here: its header says part ${parsed.header.partIndex + 1} of export ${parsed.header.exportId}.`,
          {
            file: part.file,
          },
        );
      }
      const isLastPart = index === partCount - 1;
      let current = await reader.read(block);
      if (current.length === 0)
        throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `${where} holds no encrypted data after its header (truncated).`, { file: part.file });
      while (true) {
        const next = current.length === block ? await reader.read(block) : Buffer.alloc(0);
        const lastOfPart = next.length === 0;
        const flag: ChunkFlag = !lastOfPart ? CHUNK_FLAG.MORE : isLastPart ? CHUNK_FLAG.FINAL : CHUNK_FLAG.END_OF_PART;
        yield openChunk(current, counter, flag);
        counter++;
        if (lastOfPart) break;
        current = next;
      }
    } finally {
      await reader.close();
    }

    function openChunk(sealed: Buffer, n: number, flag: ChunkFlag): Buffer {
      if (sealed.length < TAG_BYTES)
        throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `${where} is cut short inside an encrypted chunk (truncated).`, { file: part.file });
      const plain = tryOpen(sealed, n, flag);
      if (plain) return plain;
      // Name the damage precisely when we can: a chunk that opens with another flag was cut or moved.
      if (flag === CHUNK_FLAG.FINAL && tryOpen(sealed, n, CHUNK_FLAG.MORE)) {
        throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `${where} ends before its final encrypted chunk: the file is truncated.`, { file: part.file });
      }
      if (flag === CHUNK_FLAG.FINAL && tryOpen(sealed, n, CHUNK_FLAG.END_OF_PART)) {
        throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The export ends after ${where}, but more parts were written: a part is missing.`, { file: part.file });
      }
      throw new AppError(
        ERROR_CODES.INTEGRITY_ERROR,
        `${where} failed authentication at encrypted chunk ${n + 1}: the file was altered, truncated or its parts reordered.`,
        { file: part.file },
      );
    }

    function tryOpen(sealed: Buffer, n: number, flag: ChunkFlag): Buffer | undefined {
      const decipher = crypto.createDecipheriv('aes-256-gcm', keys.payload, chunkNonce(first.noncePrefix, n, flag));
      decipher.setAAD(chunkAad(currentMac, flag, partCount));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
      try {
        const tail = decipher.final();
        return tail.length ? Buffer.concat([body, tail]) : body;
      } catch {
        return undefined;
      }
    }
  }
}
