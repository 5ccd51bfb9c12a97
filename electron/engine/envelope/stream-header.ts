/**
 * The header at the start of every encrypted file (and of every part of an encrypted split export). It says
 * everything a reader needs (KDF and parameters, salt, cipher, chunk size, nonce prefix, the compression inside,
 * the export and part it belongs to) and ends with an HMAC over all of it, so it is authenticated before any
 * payload is touched, and a wrong passphrase is told apart from a damaged chunk. Layout: docs/envelope-format.md.
 */
import crypto from 'node:crypto';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Compression } from '../../../shared/options.ts';
import { checkScryptParams, type KeyKind, type ScryptParams } from './kdf.ts';

export const ENCRYPTION_MAGIC = Buffer.from([0x89, 0x43, 0x53, 0x45, 0x4e, 0x43, 0x0d, 0x0a]); // \x89CSENC\r\n
export const HEADER_VERSION = 1;
export const MAX_HEADER_BYTES = 1024;
export const MAC_BYTES = 32;
export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 7;
export const DEFAULT_LOG2_CHUNK = 16; // 64 KiB
const KDF_SCRYPT = 1;
/** A raw 256-bit key, no KDF: the three parameter bytes are 0. */
const KDF_RAW_KEY = 2;
const CIPHER_AES_256_GCM = 1;
const FLAG_SPLIT = 1;
const COMPRESSION_CODES: Compression[] = ['none', 'gzip', 'brotli'];

export interface StreamHeader {
  /** Which secret opens the file: a passphrase (scrypt, `kdf` says its cost) or a raw key (`kdf` is all zeros). */
  keyKind: KeyKind;
  kdf: ScryptParams;
  salt: Buffer;
  log2ChunkSize: number;
  noncePrefix: Buffer;
  compression: Compression;
  split: boolean;
  /** 0-based. */
  partIndex: number;
  exportId: string;
}

export function chunkSizeOf(header: StreamHeader): number {
  return 2 ** header.log2ChunkSize;
}

export function startsWithEncryptionMagic(head: Buffer): boolean {
  return head.length >= ENCRYPTION_MAGIC.length && head.subarray(0, ENCRYPTION_MAGIC.length).equals(ENCRYPTION_MAGIC);
}

/** The header bytes, MAC included; the MAC (the last 32 bytes) is also bound into every chunk. */
export function encodeHeader(header: StreamHeader, headerKey: Buffer): Buffer {
  const id = Buffer.from(header.exportId, 'utf8');
  if (id.length < 1 || id.length > 128) throw new AppError(ERROR_CODES.INTERNAL, 'An export id must be 1 to 128 bytes.');
  const body = Buffer.concat([
    ENCRYPTION_MAGIC,
    Buffer.from([HEADER_VERSION]),
    Buffer.alloc(2), // total length, filled in below
    header.keyKind === 'raw'
      ? Buffer.from([KDF_RAW_KEY, 0, 0, 0, header.salt.length])
      : Buffer.from([KDF_SCRYPT, header.kdf.log2N, header.kdf.r, header.kdf.p, header.salt.length]),
    header.salt,
    Buffer.from([CIPHER_AES_256_GCM, header.log2ChunkSize]),
    header.noncePrefix,
    Buffer.from([COMPRESSION_CODES.indexOf(header.compression), header.split ? FLAG_SPLIT : 0]),
    u32(header.partIndex),
    Buffer.from([id.length]),
    id,
  ]);
  body.writeUInt16BE(body.length + MAC_BYTES, ENCRYPTION_MAGIC.length + 1);
  return Buffer.concat([body, hmac(headerKey, body)]);
}

export interface ParsedHeader {
  header: StreamHeader;
  /** The whole header, MAC included. */
  bytes: Buffer;
  mac: Buffer;
}

/**
 * Reads and bounds the header fields (nothing is derived yet). `head` must hold at least the header; call
 * `headerLength` first to know how much that is.
 */
export function headerLength(head: Buffer, file: string): number {
  if (!startsWithEncryptionMagic(head)) throw corrupt(file, 'it does not start with the Context Store encryption magic bytes');
  if (head.length < ENCRYPTION_MAGIC.length + 3) throw corrupt(file, 'the encryption header is cut short');
  const version = head[ENCRYPTION_MAGIC.length]!;
  if (version !== HEADER_VERSION) {
    throw new AppError(
      ERROR_CODES.UNSUPPORTED_FORMAT,
      `${file} was encrypted with envelope version ${version}; this version of the app reads version ${HEADER_VERSION}. Update the app to read it.`,
      { file },
    );
  }
  const length = head.readUInt16BE(ENCRYPTION_MAGIC.length + 1);
  if (length < 64 || length > MAX_HEADER_BYTES) throw corrupt(file, `the encryption header claims ${length} bytes`);
  return length;
}

export function parseHeader(bytes: Buffer, file: string): ParsedHeader {
  const length = headerLength(bytes, file);
  if (bytes.length < length) throw corrupt(file, 'the encryption header is cut short');
  const reader = new ByteReader(bytes.subarray(0, length - MAC_BYTES), file);
  reader.skip(ENCRYPTION_MAGIC.length + 3);
  const kdfId = reader.u8();
  if (kdfId !== KDF_SCRYPT && kdfId !== KDF_RAW_KEY) throw unsupported(file, `key derivation function #${kdfId}`);
  const keyKind: KeyKind = kdfId === KDF_RAW_KEY ? 'raw' : 'passphrase';
  const kdf: ScryptParams = { log2N: reader.u8(), r: reader.u8(), p: reader.u8() };
  if (keyKind === 'passphrase') checkScryptParams(kdf, file);
  else if (kdf.log2N || kdf.r || kdf.p) throw corrupt(file, 'a raw-key header carries KDF parameters');
  const saltLength = reader.u8();
  if (saltLength < 16 || saltLength > 64) throw corrupt(file, `the salt is ${saltLength} bytes`);
  const salt = reader.take(saltLength);
  const cipher = reader.u8();
  if (cipher !== CIPHER_AES_256_GCM) throw unsupported(file, `cipher #${cipher}`);
  const log2ChunkSize = reader.u8();
  if (log2ChunkSize < 10 || log2ChunkSize > 24) throw corrupt(file, `the chunk size is 2^${log2ChunkSize}`);
  const noncePrefix = reader.take(NONCE_PREFIX_BYTES);
  const compressionCode = reader.u8();
  const compression = COMPRESSION_CODES[compressionCode];
  if (!compression) throw unsupported(file, `compression #${compressionCode}`);
  const flags = reader.u8();
  if (flags & ~FLAG_SPLIT) throw unsupported(file, `header flags ${flags}`);
  const partIndex = reader.u32();
  const idLength = reader.u8();
  if (idLength < 1 || idLength > 128) throw corrupt(file, 'the export id is malformed');
  const exportId = reader.take(idLength).toString('utf8');
  if (!reader.atEnd()) throw corrupt(file, 'the encryption header has unexpected extra fields');
  const header: StreamHeader = {
    keyKind,
    kdf,
    salt: Buffer.from(salt),
    log2ChunkSize,
    noncePrefix: Buffer.from(noncePrefix),
    compression,
    split: (flags & FLAG_SPLIT) !== 0,
    partIndex,
    exportId,
  };
  return { header, bytes: Buffer.from(bytes.subarray(0, length)), mac: Buffer.from(bytes.subarray(length - MAC_BYTES, length)) };
}

/** True when the header's MAC matches: the passphrase is right and the header is as written. */
export function headerMacMatches(parsed: ParsedHeader, headerKey: Buffer): boolean {
  const expected = hmac(headerKey, parsed.bytes.subarray(0, parsed.bytes.length - MAC_BYTES));
  return crypto.timingSafeEqual(expected, parsed.mac);
}

export function hmac(key: Buffer, data: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update(data).digest();
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function corrupt(file: string, why: string): AppError {
  return new AppError(ERROR_CODES.INTEGRITY_ERROR, `${file} is not a readable encrypted file: ${why}.`, { file });
}

function unsupported(file: string, what: string): AppError {
  return new AppError(ERROR_CODES.UNSUPPORTED_FORMAT, `${file} uses ${what}, which this version of the app does not know.`, { file });
}

class ByteReader {
  private offset = 0;
  constructor(
    private readonly bytes: Buffer,
    private readonly file: string,
  ) {}
  skip(n: number) {
    this.take(n);
  }
  take(n: number): Buffer {
    if (this.offset + n > this.bytes.length) throw corrupt(this.file, 'the encryption header is cut short');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u32(): number {
    return this.take(4).readUInt32BE(0);
  }
  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}
