/**
 * Numbered schema migrations, run in order inside one transaction; the version lives in PRAGMA user_version.
 * A store made by a newer version of the app is refused, never "repaired".
 */
import type Database from 'better-sqlite3';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { initial } from './001-initial.ts';
import { operations } from './002-operations.ts';
import { access } from './003-access.ts';
import { backups } from './006-backups.ts';
import { importBaselines } from './008-import-baselines.ts';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

/** Append new migrations here, numbered one past the last. */
export const MIGRATIONS: Migration[] = [initial, operations, access, backups, importBaselines];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (from > latest) {
    throw new AppError(
      ERROR_CODES.STORE_VERSION_TOO_NEW,
      `This store was written by a newer version of Context Store (schema ${from}; this version knows up to ${latest}). ` +
        'Open it with that newer version, or choose another store file.',
    );
  }
  if (!migrations.some((m) => m.version > from)) return { from, to: from };
  // Read the version again under the write lock: two processes opening a fresh store at once both saw 0, and
  // the second then re-ran 001 on the first's tables ("table contexts already exists").
  let pending: Migration[] = [];
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    pending = migrations.filter((m) => m.version > current);
    for (const migration of pending) {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  if (pending.length === 0) return { from, to: from };
  return { from, to: pending[pending.length - 1]!.version };
}
