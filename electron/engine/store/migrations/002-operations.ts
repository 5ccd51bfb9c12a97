/**
 * Operations: the persistent history and audit trail, and the import journal that undo reads.
 * `pid` and `committed` let the next start tell an import killed mid-way (nothing written: `interrupted`) from
 * one that committed its data but died before recording its counts. The journal is WITHOUT ROWID: its key is
 * most of its data, and an import appends one row per written record, so one b-tree beats table plus index.
 */
import type { Migration } from './migration.ts';

export const operations: Migration = {
  version: 2,
  name: 'operations',
  up: `
    CREATE TABLE operations (
      rowid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      user TEXT NOT NULL,
      data_type TEXT,
      format TEXT,
      options TEXT NOT NULL DEFAULT '{}',
      files TEXT NOT NULL DEFAULT '[]',
      started_at TEXT NOT NULL,
      finished_at TEXT,
      duration_ms INTEGER,
      counts TEXT NOT NULL DEFAULT '{}',
      errors TEXT NOT NULL DEFAULT '[]',
      total_errors INTEGER NOT NULL DEFAULT 0,
      -- For an undo: the import it undid. For an import: the undo that reverted it.
      related_operation_id TEXT,
      -- 'available' once an import committed changes; 'undone' after its undo committed.
      undo_state TEXT,
      -- The process that ran it, so a later start can tell a dead one's leftovers from a live one's work.
      pid INTEGER,
      -- Set inside the import's own transaction, just before COMMIT.
      committed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX operations_started ON operations (started_at, rowid);
    CREATE INDEX operations_status ON operations (status);

    CREATE TABLE import_journal (
      operation_id TEXT NOT NULL,
      data_type TEXT NOT NULL,
      record_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('insert', 'overwrite')),
      -- The record as it was before an overwrite (JSON, attachments with their bytes).
      before TEXT,
      -- A hash of the row as the import left it, so undo can see a later change.
      fingerprint TEXT,
      PRIMARY KEY (operation_id, data_type, record_id)
    ) WITHOUT ROWID;
  `,
};
