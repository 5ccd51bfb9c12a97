/**
 * The API token: a random secret created on first start and kept owner-only (0600) next to the store, or given
 * by CONTEXT_STORE_TOKEN. Compared in constant time (hashing both sides first, so lengths never leak either).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import { TOKEN_ENV } from '../../shared/http.ts';

export function tokenFilePath(storePath: string): string {
  return `${path.resolve(storePath)}.api-token`;
}

/** The explicit token, else the env's, else the one stored next to the store (created when missing). */
export const MIN_TOKEN_LENGTH = 32;

export function loadOrCreateToken(storePath: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = explicit || env[TOKEN_ENV];
  if (given) {
    // A short secret can be guessed by any local process in reasonable time: refuse it rather than serve with it.
    if (given.length < MIN_TOKEN_LENGTH) {
      throw new AppError(
        ERROR_CODES.BAD_ARGUMENT,
        `The API token (${explicit ? 'given' : TOKEN_ENV}) is ${given.length} characters long; it must have at least ${MIN_TOKEN_LENGTH}. Generate one with \`openssl rand -base64 32\`, or unset ${TOKEN_ENV} to use the stored one.`,
        { field: 'token' },
      );
    }
    return given;
  }
  const file = tokenFilePath(storePath);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= MIN_TOKEN_LENGTH) {
      // Someone widened the permissions: narrow them again rather than serve with a readable secret.
      if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  return token;
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
