/**
 * The `api_tokens` table (migration 003): rows only. What a token may do, how it is hashed and when it expires
 * is the REST host's policy (electron/server/api-tokens.ts); the SQL lives here with the rest of the store's.
 */
import type { Db } from './open.ts';

export interface ApiTokenRow {
  name: string;
  hash: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

type RawRow = { name: string; hash: string; scope: string; created_at: string; last_used_at: string | null; expires_at: string | null };

const fromRaw = (r: RawRow): ApiTokenRow => ({
  name: r.name,
  hash: r.hash,
  scope: r.scope,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at ?? null,
  expiresAt: r.expires_at ?? null,
});

export function apiTokenExists(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM api_tokens WHERE name = ?').get(name) !== undefined;
}

export function insertApiToken(db: Db, row: Omit<ApiTokenRow, 'lastUsedAt'>): void {
  db.prepare('INSERT INTO api_tokens (name, hash, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    row.name,
    row.hash,
    row.scope,
    row.createdAt,
    row.expiresAt,
  );
}

export function allApiTokens(db: Db): ApiTokenRow[] {
  return (db.prepare('SELECT name, hash, scope, created_at, last_used_at, expires_at FROM api_tokens ORDER BY name').all() as RawRow[]).map(fromRaw);
}

export function deleteApiToken(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM api_tokens WHERE name = ?').run(name).changes > 0;
}

export function apiTokenByHash(db: Db, hash: string): ApiTokenRow | undefined {
  const row = db.prepare('SELECT name, hash, scope, created_at, last_used_at, expires_at FROM api_tokens WHERE hash = ?').get(hash) as RawRow | undefined;
  return row ? fromRaw(row) : undefined;
}

/** Records a use; throws SQLITE_BUSY when another writer holds the lock (the caller decides what that means). */
export function touchApiToken(db: Db, name: string, at: string): void {
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE name = ?').run(at, name);
}
