/**
 * Nonces and associated data of the chunked AEAD (age's STREAM / libsodium's secretstream). Every chunk gets
 * nonce = 7-byte random prefix (per export) ‖ 32-bit chunk counter (continuous across parts) ‖ 1-byte flag, and
 * its additional data is the MAC of the header of the part it sits in; the final chunk also binds the number of
 * parts. A chunk moved, dropped, duplicated or cut off therefore fails authentication.
 */
import { u32 } from './stream-header.ts';

export const CHUNK_FLAG = {
  /** More chunks follow in this part. */
  MORE: 0,
  /** The last chunk of the whole export. */
  FINAL: 1,
  /** The last chunk of a part that is not the last part. */
  END_OF_PART: 2,
} as const;
export type ChunkFlag = (typeof CHUNK_FLAG)[keyof typeof CHUNK_FLAG];

export const MAX_CHUNKS = 2 ** 32 - 1;

export function chunkNonce(prefix: Buffer, counter: number, flag: ChunkFlag): Buffer {
  return Buffer.concat([prefix, u32(counter), Buffer.from([flag])]);
}

export function chunkAad(headerMac: Buffer, flag: ChunkFlag, partCount: number): Buffer {
  return flag === CHUNK_FLAG.FINAL ? Buffer.concat([headerMac, u32(partCount)]) : headerMac;
}
