/**
 * An import indexes its new contexts for search once, at the end of its transaction, instead of row by row.
 *
 * Why: FTS5 writes its pending terms out as a new segment at every statement savepoint, so an index kept by an
 * AFTER INSERT trigger writes one tiny segment per inserted row and then spends its time merging them; and any
 * trigger on the table, even one whose WHEN says no, costs each INSERT a statement journal. Measured with the
 * sqlite3 shell, 50,000 generated contexts into this schema: 5.8 s with the per-row trigger, against 1.6 s for
 * the rows and 1.5 s for one `INSERT INTO contexts_fts ... SELECT` over them afterwards; with the trigger kept
 * but told not to index (a WHEN), the rows alone took 1.1–1.5 s of CPU against 0.8 s without it
 * (docs/performance.md, "Search index").
 *
 * How (store/search-deferral.ts): inside an import's write transaction the insert trigger is dropped and a row
 * in `search_index_deferral` marks the highest rowid the store had; before COMMIT one statement indexes the
 * rows above the mark with their final text, and the trigger is created again. While the mark is there the
 * update and delete triggers leave the new rows alone (their final text is what the catch-up indexes), and keep
 * the rows that existed before current as always. A delete of such a row notes it (`rowid_freed`): its rowid
 * may then be given to a new row at or below the mark, so the catch-up rebuilds the whole index instead. With
 * no mark every trigger fires exactly as migration 004's did; the mark and the dropped trigger live and die in
 * the one transaction, so a rollback or a crash takes both back.
 */
import type { Migration } from './migration.ts';

/** The insert trigger, as migration 004 made it; the deferral drops it and creates it again from here. */
export const CONTEXTS_FTS_INSERT_TRIGGER = `CREATE TRIGGER IF NOT EXISTS contexts_fts_insert AFTER INSERT ON contexts BEGIN
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;`;

export const deferredSearchIndex: Migration = {
  version: 12,
  name: 'deferred-search-index',
  up: `
    CREATE TABLE search_index_deferral (from_rowid INTEGER NOT NULL, rowid_freed INTEGER NOT NULL DEFAULT 0);
    DROP TRIGGER contexts_fts_delete;
    DROP TRIGGER contexts_fts_update;
    CREATE TRIGGER contexts_fts_delete AFTER DELETE ON contexts
      WHEN NOT EXISTS (SELECT 1 FROM search_index_deferral WHERE old.rowid > from_rowid) BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
      UPDATE search_index_deferral SET rowid_freed = 1;
    END;
    CREATE TRIGGER contexts_fts_update AFTER UPDATE OF title, content ON contexts
      WHEN NOT EXISTS (SELECT 1 FROM search_index_deferral WHERE old.rowid > from_rowid) BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;
  `,
};
