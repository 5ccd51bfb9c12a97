/**
 * An import indexes its new contexts for search once, at the end of its transaction, instead of row by row.
 *
 * Why: FTS5 writes its pending terms out as a new segment at every statement savepoint, so an index kept by an
 * AFTER INSERT trigger writes one tiny segment per inserted row and then spends its time merging them. Measured
 * with the sqlite3 shell, 50,000 generated contexts into this schema: 5.8 s with the per-row trigger, against
 * 1.6 s for the rows and 1.5 s for one `INSERT INTO contexts_fts ... SELECT` over them afterwards
 * (docs/performance.md, "Search index").
 *
 * How: while `search_index_deferral` holds a row (only ever inside an import's write transaction, which
 * removes it before COMMIT; store/search-deferral.ts), the three triggers leave alone the contexts whose rowid
 * is above `from_rowid`: those are the rows this transaction inserted, and the catch-up indexes their final
 * text in one statement. Rows at or below it (the ones that existed before) are kept current by the triggers
 * as always, and with no row in the table every trigger fires exactly as migration 004's did.
 */
import type { Migration } from './migration.ts';

export const deferredSearchIndex: Migration = {
  version: 12,
  name: 'deferred-search-index',
  up: `
    CREATE TABLE search_index_deferral (from_rowid INTEGER NOT NULL);
    DROP TRIGGER contexts_fts_insert;
    DROP TRIGGER contexts_fts_delete;
    DROP TRIGGER contexts_fts_update;
    CREATE TRIGGER contexts_fts_insert AFTER INSERT ON contexts
      WHEN NOT EXISTS (SELECT 1 FROM search_index_deferral WHERE new.rowid > from_rowid) BEGIN
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;
    CREATE TRIGGER contexts_fts_delete AFTER DELETE ON contexts
      WHEN NOT EXISTS (SELECT 1 FROM search_index_deferral WHERE old.rowid > from_rowid) BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
    END;
    CREATE TRIGGER contexts_fts_update AFTER UPDATE OF title, content ON contexts
      WHEN NOT EXISTS (SELECT 1 FROM search_index_deferral WHERE old.rowid > from_rowid) BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;
  `,
};
