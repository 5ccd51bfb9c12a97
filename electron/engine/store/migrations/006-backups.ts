/**
 * Backups and incremental exports: the snapshots a store has taken of itself (the automatic ones pruned by
 * count and age, see backup_settings), and the named export destinations with the watermark `--since last`
 * reads (advanced only when an export to that destination completed).
 */
import type { Migration } from './migration.ts';

export const backups: Migration = {
  version: 6,
  name: 'backups',
  up: `
    CREATE TABLE snapshots (
      id TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      created_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('manual', 'before-import', 'before-restore')),
      -- For 'before-import': the import it protects.
      operation_id TEXT,
      bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      compression TEXT NOT NULL DEFAULT 'none',
      encrypted INTEGER NOT NULL DEFAULT 0,
      summary TEXT NOT NULL DEFAULT '{}',
      archive_path TEXT
    );
    CREATE INDEX snapshots_operation ON snapshots (operation_id);
    CREATE INDEX snapshots_created ON snapshots (created_at);

    CREATE TABLE backup_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE export_destinations (
      name TEXT PRIMARY KEY,
      watermark TEXT,
      last_export_at TEXT,
      last_operation_id TEXT,
      last_path TEXT
    );
  `,
};
