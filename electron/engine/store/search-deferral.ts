/**
 * The search index catching up once per import instead of once per row (migration 012 says why and how). Only
 * inside a write transaction: `deferSearchIndex` and `catchUp` both run in the import's, so a crash or a
 * rollback takes the deferral (the mark and the dropped trigger) with it, and no other connection ever sees one.
 */
import type Database from 'better-sqlite3';
import { CONTEXTS_FTS_INSERT_TRIGGER } from './migrations/012-deferred-search-index.ts';

/** The connection, typed as the migrations type it: store/open.ts opens it and calls the repair below. */
type Db = Database.Database;

export interface SearchDeferral {
  /** Indexes every context inserted since `deferSearchIndex` and ends the deferral. Call before COMMIT. */
  catchUp(): void;
}

export function deferSearchIndex(db: Db): SearchDeferral {
  if (!db.inTransaction) throw new Error('deferSearchIndex needs the write transaction it will catch up in');
  const fromRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM contexts').pluck().get() as number;
  db.prepare('INSERT INTO search_index_deferral (from_rowid) VALUES (?)').run(fromRowid);
  db.exec('DROP TRIGGER contexts_fts_insert');
  return {
    catchUp() {
      const freed = db.prepare('SELECT rowid_freed FROM search_index_deferral').pluck().get() === 1;
      // A freed rowid may have gone to a new row at or below the mark: then only a rebuild is sure to be exact.
      if (freed) db.prepare("INSERT INTO contexts_fts (contexts_fts) VALUES ('rebuild')").run();
      else db.prepare('INSERT INTO contexts_fts (rowid, title, content) SELECT rowid, title, content FROM contexts WHERE rowid > ?').run(fromRowid);
      db.prepare('DELETE FROM search_index_deferral').run();
      db.exec(CONTEXTS_FTS_INSERT_TRIGGER);
    },
  };
}

/**
 * A deferral found committed in a store (none should ever be: it lives and dies in one transaction) would keep
 * new rows out of search for good; opening with migrations on puts the trigger back and rebuilds the index.
 */
export function repairSearchDeferral(db: Db): void {
  const left = db.prepare('SELECT count(*) FROM search_index_deferral').pluck().get() as number;
  const trigger = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'contexts_fts_insert'").pluck().get() as number;
  if (left === 0 && trigger === 1) return;
  db.transaction(() => {
    db.prepare('DELETE FROM search_index_deferral').run();
    db.exec(CONTEXTS_FTS_INSERT_TRIGGER);
    db.prepare("INSERT INTO contexts_fts (contexts_fts) VALUES ('rebuild')").run();
  }).immediate();
}
