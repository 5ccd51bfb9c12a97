/**
 * What each import last wrote, per record: the record's source identity (`source` + `sourceId`, so a second
 * import of the same export finds the same records whatever their ids), a content hash (for `--match
 * content`), and a fingerprint per field (so a merge can tell a local edit from a change in the source).
 */
import type { Migration } from './migration.ts';

export const importBaselines: Migration = {
  version: 8,
  name: 'import-baselines',
  up: `
    CREATE TABLE import_baselines (
      record_type TEXT NOT NULL,
      record_id TEXT NOT NULL,
      source TEXT,
      source_id TEXT,
      content_hash TEXT NOT NULL,
      fields TEXT NOT NULL,
      operation_id TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      PRIMARY KEY (record_type, record_id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX import_baselines_source ON import_baselines (record_type, source, source_id) WHERE source IS NOT NULL AND source_id IS NOT NULL;
    CREATE INDEX import_baselines_content ON import_baselines (record_type, content_hash);
  `,
};
