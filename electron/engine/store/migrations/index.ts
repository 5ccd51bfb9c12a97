/**
 * Numbered schema migrations, run in order inside one transaction; the version lives in PRAGMA user_version.
 * A store made by a newer version of the app is refused, never "repaired".
 */
import type Database from 'better-sqlite3';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { initial } from './001-initial.ts';
import { operations } from './002-operations.ts';
import { access } from './003-access.ts';
import { contextSearch } from './004-context-search.ts';
import { backups } from './006-backups.ts';
import { importBaselines } from './008-import-baselines.ts';
import { undoMarks } from './009-undo-marks.ts';
import { templateReimport } from './010-template-reimport.ts';
import { forgottenMappings } from './011-forgotten-mappings.ts';
import { deferredSearchIndex } from './012-deferred-search-index.ts';

export type { Migration } from './migration.ts';
import type { Migration } from './migration.ts';

/** Append new migrations here, in version order (each branch was given its own number). */
export const MIGRATIONS: Migration[] = [
  initial,
  operations,
  access,
  contextSearch,
  backups,
  importBaselines,
  undoMarks,
  templateReimport,
  forgottenMappings,
  deferredSearchIndex,
];

export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): { from: number; to: number } {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const check = (from: number) => {
    if (from > latest) {
      throw new AppError(
        ERROR_CODES.STORE_VERSION_TOO_NEW,
        `This store was written by a newer version of Context Store (schema ${from}; this version knows up to ${latest}). ` +
          'Open it with that newer version, or choose another store file.',
      );
    }
  };
  const seen = db.pragma('user_version', { simple: true }) as number;
  check(seen);
  // Up to date: no write lock taken, so opening never waits behind another process's long import.
  if (seen === latest) return { from: seen, to: seen };
  // The version read above may be stale by the time the write lock is ours: two processes opening a fresh store
  // both read 0, and the one that waited for the lock must not run migration 001 again ("table exists"). So the
  // version that decides is the one read inside the transaction.
  return db
    .transaction(() => {
      const from = db.pragma('user_version', { simple: true }) as number;
      check(from);
      const pending = migrations.filter((m) => m.version > from);
      for (const migration of pending) {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
      return { from, to: pending.length ? pending[pending.length - 1]!.version : from };
    })
    .immediate();
}
