/**
 * Named, scoped API tokens kept in the store (migration 003): created once (the token is printed, only its
 * SHA-256 is stored), listed, revoked, and checked on every request. The first-start token (the token file or
 * CONTEXT_STORE_TOKEN) is the `admin` one.
 */
import crypto from 'node:crypto';
import type { Db } from '../engine/store/open.ts';
import { allApiTokens, apiTokenByHash, apiTokenExists, deleteApiToken, insertApiToken, touchApiToken } from '../engine/store/api-tokens.ts';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import { SCOPES, type Scope } from './scopes.ts';

export interface TokenInfo {
  name: string;
  scope: Scope;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `30d`, `12h`, `2w`, `90m`, or an ISO date: the expiry instant. */
export function parseExpiry(text: string, now = Date.now()): string {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (m) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now + Number(m[1]) * unit).toISOString();
  }
  const date = Date.parse(text);
  if (text.length <= 40 && Number.isFinite(date) && date > now) return new Date(date).toISOString();
  throw new AppError(ERROR_CODES.BAD_ARGUMENT, `--expires must be a duration such as 30d, 12h, 2w or 90m, or a future date, not "${text}".`, {
    field: 'expires',
  });
}

export function createApiToken(db: Db, name: string, scope: string, expiresAt?: string): string {
  if (!NAME.test(name))
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `A token name is 1-64 of A-Z a-z 0-9 . _ - (starting with a letter or digit), not "${name}".`, {
      field: 'name',
    });
  if (!(SCOPES as readonly string[]).includes(scope))
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `--scope must be one of ${SCOPES.join(', ')}, not "${scope}".`, { field: 'scope' });
  if (apiTokenExists(db, name)) {
    throw new AppError(ERROR_CODES.CONFLICT, `A token named "${name}" exists already; revoke it first or choose another name.`, { field: 'name' });
  }
  const token = `cst_${crypto.randomBytes(32).toString('base64url')}`;
  insertApiToken(db, { name, hash: hash(token), scope, createdAt: new Date().toISOString(), expiresAt: expiresAt ?? null });
  return token;
}

export function listApiTokens(db: Db): TokenInfo[] {
  return allApiTokens(db).map((r) => ({ name: r.name, scope: r.scope as Scope, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, expiresAt: r.expiresAt }));
}

export function revokeApiToken(db: Db, name: string): boolean {
  return deleteApiToken(db, name);
}

/**
 * The token's name and scope, or undefined (unknown, revoked or expired). Last use is recorded on a connection
 * that never waits: while an import holds the writer the stamp is skipped, never the request.
 */
export function verifyApiToken(db: Db, token: string, touch?: Db): { name: string; scope: Scope } | undefined {
  if (!token.startsWith('cst_')) return undefined;
  const row = apiTokenByHash(db, hash(token));
  if (!row) return undefined;
  if (row.expiresAt && Date.parse(row.expiresAt) <= Date.now()) return undefined;
  try {
    touchApiToken(touch ?? db, row.name, new Date().toISOString());
  } catch {
    // SQLITE_BUSY: another writer; the stamp waits for the next request.
  }
  return { name: row.name, scope: row.scope as Scope };
}
