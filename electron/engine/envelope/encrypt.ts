/**
 * The encrypting half of the chunked AEAD: plaintext in, 64 KiB chunks of AES-256-GCM out, each part of a split
 * export starting with its own authenticated header. The encryptor decides part boundaries itself, because a
 * part must end on a chunk boundary and its last chunk is flagged as such.
 */
import crypto from 'node:crypto';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { CHUNK_FLAG, MAX_CHUNKS, chunkAad, chunkNonce, type ChunkFlag } from './chunk-nonce.ts';
import type { EnvelopeKeys } from './kdf.ts';
import type { PartFiles } from './part-files.ts';
import { MAC_BYTES, TAG_BYTES, chunkSizeOf, encodeHeader, type StreamHeader } from './stream-header.ts';

export class ChunkEncryptor {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;
  private headerMac: Buffer | undefined;
  private readonly chunkSize: number;
  private readonly headerBytes: number;

  constructor(
    private readonly header: Omit<StreamHeader, 'partIndex'>,
    private readonly keys: EnvelopeKeys,
    private readonly parts: PartFiles,
    /** The largest part, header included; Infinity when the export is not split. */
    private readonly maxPartBytes: number,
  ) {
    this.chunkSize = chunkSizeOf({ ...header, partIndex: 0 });
    this.headerBytes = encodeHeader({ ...header, partIndex: 0 }, keys.header).length;
    if (this.maxPartBytes - this.headerBytes < TAG_BYTES + 256) {
      throw new AppError(ERROR_CODES.BAD_ARGUMENT, `A split size of ${maxPartBytes} bytes is too small for an encrypted export; use at least 1 KB.`, {
        field: 'splitLargeFiles.maxSizeBytes',
      });
    }
  }

  /** Bytes of plaintext the next chunk can hold, and whether it then fills its part. */
  private nextChunk(): { size: number; closesPart: boolean } {
    const room = this.parts.isOpen ? this.maxPartBytes - this.parts.currentBytes : this.maxPartBytes - this.headerBytes;
    const size = Math.min(this.chunkSize, room - TAG_BYTES);
    return { size, closesPart: room - TAG_BYTES - size < TAG_BYTES + 1 };
  }

  async push(data: Buffer): Promise<void> {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
    // Strictly more than one chunk's worth pending: the chunk emitted now is certainly not the final one.
    for (let next = this.nextChunk(); this.pendingBytes > next.size; next = this.nextChunk()) {
      await this.emit(this.take(next.size), next.closesPart ? CHUNK_FLAG.END_OF_PART : CHUNK_FLAG.MORE, 0);
      if (next.closesPart) await this.parts.closeCurrent();
    }
  }

  /** Writes the final chunk; returns how many parts the export has. */
  async finish(): Promise<number> {
    const partCount = this.parts.isOpen ? this.parts.count : this.parts.count + 1;
    await this.emit(this.take(this.pendingBytes), CHUNK_FLAG.FINAL, partCount);
    await this.parts.closeCurrent();
    return partCount;
  }

  private take(n: number): Buffer {
    let out: Buffer;
    if (this.pending[0] && this.pending[0].length >= n) {
      // The common case: the first buffer holds the whole chunk; no copy.
      const head = this.pending[0];
      out = head.subarray(0, n);
      if (head.length === n) this.pending.shift();
      else this.pending[0] = head.subarray(n);
    } else {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      out = all.subarray(0, n);
      this.pending = all.length > n ? [all.subarray(n)] : [];
    }
    this.pendingBytes -= n;
    return out;
  }

  private async emit(plain: Buffer, flag: ChunkFlag, partCount: number): Promise<void> {
    if (!this.parts.isOpen) {
      this.parts.open();
      const headerBytes = encodeHeader({ ...this.header, partIndex: this.parts.count - 1 }, this.keys.header);
      this.headerMac = headerBytes.subarray(headerBytes.length - MAC_BYTES);
      await this.parts.write(headerBytes);
    }
    if (this.counter >= MAX_CHUNKS) throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, 'The export is too large to encrypt in one stream.');
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys.payload, chunkNonce(this.header.noncePrefix, this.counter, flag));
    cipher.setAAD(chunkAad(this.headerMac!, flag, partCount));
    const body = cipher.update(plain);
    const tail = cipher.final();
    this.counter++;
    await this.parts.write(body);
    if (tail.length) await this.parts.write(tail);
    await this.parts.write(cipher.getAuthTag());
  }
}
