/** The `snapshots` table: one row per snapshot file the store knows of (taken by backup, or before an import or restore). */
import type { SnapshotInfo, SnapshotReason, StoreSummary } from '../../../shared/backup.ts';
import type { Db } from './open.ts';

interface SnapshotRow {
  id: string;
  path: string;
  created_at: string;
  reason: SnapshotReason;
  operation_id: string | null;
  bytes: number;
  sha256: string;
  compression: string;
  encrypted: number;
  summary: string;
  archive_path: string | null;
}

function fromRow(row: SnapshotRow): SnapshotInfo {
  return {
    snapshotId: row.id,
    path: row.path,
    createdAt: row.created_at,
    reason: row.reason,
    operationId: row.operation_id,
    bytes: row.bytes,
    sha256: row.sha256,
    compression: row.compression,
    encrypted: row.encrypted === 1,
    summary: JSON.parse(row.summary) as StoreSummary,
    ...(row.archive_path ? { archivePath: row.archive_path } : {}),
  };
}

export class SnapshotList {
  constructor(private readonly db: Db) {}

  add(info: SnapshotInfo): void {
    this.db
      .prepare(
        'INSERT INTO snapshots (id, path, created_at, reason, operation_id, bytes, sha256, compression, encrypted, summary, archive_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        info.snapshotId,
        info.path,
        info.createdAt,
        info.reason,
        info.operationId,
        info.bytes,
        info.sha256,
        info.compression,
        info.encrypted ? 1 : 0,
        JSON.stringify(info.summary),
        info.archivePath ?? null,
      );
  }

  /** Newest first: those taken for one operation, or the latest `limit`. */
  list(filter: { operationId?: string; limit?: number } = {}): SnapshotInfo[] {
    const rows = filter.operationId
      ? this.db.prepare('SELECT * FROM snapshots WHERE operation_id = ? ORDER BY created_at DESC').all(filter.operationId)
      : this.db.prepare('SELECT * FROM snapshots ORDER BY created_at DESC LIMIT ?').all(filter.limit ?? 100);
    return (rows as SnapshotRow[]).map(fromRow);
  }

  /** Every snapshot but the manual backups (the user's own files), newest first. */
  automatic(): SnapshotInfo[] {
    return (this.db.prepare("SELECT * FROM snapshots WHERE reason != 'manual' ORDER BY created_at DESC").all() as SnapshotRow[]).map(fromRow);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
  }
}
