/**
 * The search index catching up once per import instead of once per row (migration 012 says why). Only inside
 * a write transaction: `defer` and `catchUp` both run in the import's, so a crash or a rollback takes the
 * deferral with it and no other connection ever sees one.
 */
import type { Db } from './open.ts';

export interface SearchDeferral {
  /** Indexes every context inserted since `deferSearchIndex`, then ends the deferral. Call before COMMIT. */
  catchUp(): void;
}

export function deferSearchIndex(db: Db): SearchDeferral {
  if (!db.inTransaction) throw new Error('deferSearchIndex needs the write transaction it will catch up in');
  const fromRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM contexts').pluck().get() as number;
  db.prepare('INSERT INTO search_index_deferral (from_rowid) VALUES (?)').run(fromRowid);
  return {
    catchUp() {
      db.prepare('INSERT INTO contexts_fts (rowid, title, content) SELECT rowid, title, content FROM contexts WHERE rowid > ?').run(fromRowid);
      db.prepare('DELETE FROM search_index_deferral').run();
    },
  };
}

/**
 * A deferral left in a committed store (none should ever be: it lives and dies in one transaction) would keep
 * new rows out of search for good; opening with migrations on indexes them and clears it.
 */
export function repairSearchDeferral(db: Db): void {
  const left = db.prepare('SELECT min(from_rowid) FROM search_index_deferral').pluck().get() as number | null;
  if (left === null) return;
  db.transaction(() => {
    db.prepare('DELETE FROM search_index_deferral').run();
    db.prepare("INSERT INTO contexts_fts (contexts_fts) VALUES ('rebuild')").run();
  }).immediate();
}
