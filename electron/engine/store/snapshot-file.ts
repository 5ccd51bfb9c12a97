/**
 * A snapshot as a SQLite file: written from the live store, checked, and (for a restore) brought to this
 * version's schema. What wraps the file (compression, encryption, checksums, the list of snapshots) is backup/'s.
 */
import Database from 'better-sqlite3';
import type { StoreSummary } from '../../../shared/backup.ts';
import { openDatabase, type Db } from './open.ts';
import { summarise } from './store-summary.ts';

/**
 * `VACUUM INTO` runs as one read transaction, so under WAL the copy is the store as of one instant (a running
 * import's transaction is either wholly in it or not at all), and it never blocks writers.
 */
export function writeConsistentCopy(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** SQLite's quick check of a copy just written, and (when it passes) what the copy holds, counted from the copy itself. */
export function inspectCopy(file: string): { check: unknown; summary?: StoreSummary } {
  const copy = new Database(file, { readonly: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    return check === 'ok' ? { check, summary: summarise(copy) } : { check };
  } finally {
    copy.close();
  }
}

/**
 * Opens a restore's private copy as a store (which migrates an older one, and refuses a newer one), runs the
 * full integrity check, and when it passes leaves the copy one file (no WAL beside it) ready to be attached.
 */
export function prepareCopyForRestore(file: string): { check: unknown } {
  const db = openDatabase(file, {});
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check === 'ok') db.pragma('journal_mode = DELETE');
    return { check };
  } finally {
    db.close();
  }
}
