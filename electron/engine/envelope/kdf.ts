/**
 * Passphrase → keys. scrypt (memory-hard) with a random salt and parameters stored in the file header, then
 * HKDF-SHA256 splits the result into independent keys for the header MAC, the payload and the manifest MAC.
 * Parameters read from a file are bounded before any work is done, so a header cannot ask for a huge cost.
 */
import crypto from 'node:crypto';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/** What exports use: OWASP's minimum for scrypt (N=2^17, r=8, p=1). */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 17, r: 8, p: 1 };

/** What a file may ask for. The floor keeps weak files out; the ceiling (1 GiB of memory) keeps a header from exhausting the machine. */
const BOUNDS = { minLog2N: 17, maxLog2N: 20, minR: 8, maxR: 32, minP: 1, maxP: 4, maxMemoryBytes: 1024 ** 3 };

let writeParams: ScryptParams = DEFAULT_SCRYPT;
let minLog2N = BOUNDS.minLog2N;
let minR = BOUNDS.minR;

/**
 * Tests only: a cheaper cost for both writing and reading, so round trips take milliseconds. Never reachable
 * from the CLI, the API or the UI; a production process keeps the floor above.
 */
export function unsafeLowerKdfCostForTests(params: ScryptParams | undefined): void {
  writeParams = params ?? DEFAULT_SCRYPT;
  minLog2N = params ? Math.min(params.log2N, BOUNDS.minLog2N) : BOUNDS.minLog2N;
  minR = params ? Math.min(params.r, BOUNDS.minR) : BOUNDS.minR;
}

export function scryptParamsForWriting(): ScryptParams {
  return { ...writeParams };
}

export function scryptMemoryBytes(params: ScryptParams): number {
  return 128 * 2 ** params.log2N * params.r;
}

/** Refuses parameters outside the bounds before scrypt runs. */
export function checkScryptParams(params: ScryptParams, file: string | undefined): void {
  const { log2N, r, p } = params;
  const where = file ? { file } : {};
  const tooWeak = log2N < minLog2N || r < minR || p < BOUNDS.minP;
  if (tooWeak) {
    throw new AppError(
      ERROR_CODES.DECRYPT_FAILED,
      `The encryption header asks for scrypt N=2^${log2N}, r=${r}, p=${p}, weaker than this app accepts (N=2^${minLog2N}, r=${minR}); refusing to read it.`,
      where,
    );
  }
  if (log2N > BOUNDS.maxLog2N || r > BOUNDS.maxR || p > BOUNDS.maxP || scryptMemoryBytes(params) > BOUNDS.maxMemoryBytes) {
    throw new AppError(
      ERROR_CODES.LIMIT_EXCEEDED,
      `The encryption header asks for scrypt N=2^${log2N}, r=${r}, p=${p}, more work than this app allows ` +
        `(at most N=2^${BOUNDS.maxLog2N}, r=${BOUNDS.maxR}, p=${BOUNDS.maxP}, 1 GiB of memory); refusing before doing it.`,
      where,
    );
  }
}

export interface EnvelopeKeys {
  header: Buffer;
  payload: Buffer;
  manifest: Buffer;
}

/** Unicode-normalised so the same passphrase typed on another system gives the same key. */
function passphraseBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

export async function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<EnvelopeKeys> {
  const N = 2 ** params.log2N;
  const master = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(
      passphraseBytes(passphrase),
      salt,
      32,
      { N, r: params.r, p: params.p, maxmem: 2 * scryptMemoryBytes(params) + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(new AppError(ERROR_CODES.INTERNAL, `Key derivation failed: ${error.message}`)) : resolve(key)),
    ),
  );
  const expand = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(info, 'utf8'), 32));
  const keys = { header: expand('context-store v1 header'), payload: expand('context-store v1 payload'), manifest: expand('context-store v1 manifest') };
  master.fill(0);
  return keys;
}

/** A raw 256-bit key: 64 hexadecimal characters, or base64 of exactly 32 bytes (surrounding whitespace ignored). */
export function parseRawKey(text: string, field = 'encryption.key'): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new AppError(
    ERROR_CODES.BAD_ARGUMENT,
    'A raw key must be 256 bits: 64 hexadecimal characters, or base64 of 32 bytes (`context-store keygen` makes one).',
    { field },
  );
}

/** A new random key, as 64 hexadecimal characters. */
export function generateRawKey(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** A raw key needs no KDF; HKDF with the file's random salt still gives every file its own keys (nonces stay unique). */
export function keysFromRawKey(key: Buffer, salt: Buffer): EnvelopeKeys {
  const expand = (info: string) => Buffer.from(crypto.hkdfSync('sha256', key, salt, Buffer.from(info, 'utf8'), 32));
  return { header: expand('context-store v1 raw header'), payload: expand('context-store v1 raw payload'), manifest: expand('context-store v1 raw manifest') };
}

/** What unlocks a file: a passphrase (scrypt) or a raw key. Never logged. */
export interface EnvelopeSecret {
  passphrase?: string;
  key?: string;
}
export type KeyKind = 'passphrase' | 'raw';

/** The keys for a header of the given kind; undefined when the secret of that kind is missing. */
export async function keysForHeader(header: { keyKind: KeyKind; salt: Buffer; kdf: ScryptParams }, secret: EnvelopeSecret): Promise<EnvelopeKeys | undefined> {
  if (header.keyKind === 'raw') return secret.key ? keysFromRawKey(parseRawKey(secret.key), header.salt) : undefined;
  return secret.passphrase ? deriveKeys(secret.passphrase, header.salt, header.kdf) : undefined;
}
