/**
 * Access control (issue 13): named API tokens with a scope. Only a SHA-256 of each token is kept (tokens are 32
 * random bytes, so a fast hash is enough: there is nothing to brute-force); the token itself is shown once.
 */
import type { Migration } from './migration.ts';

export const access: Migration = {
  version: 3,
  name: 'access',
  up: `
    CREATE TABLE api_tokens (
      name TEXT PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      scope TEXT NOT NULL CHECK (scope IN ('read', 'export', 'import', 'admin')),
      created_at TEXT NOT NULL,
      expires_at TEXT,
      last_used_at TEXT
    );
    CREATE INDEX operations_by_user ON operations (user, rowid);
  `,
};
