/**
 * Named export destinations and their watermarks, for `export --since last [--destination NAME]`. The mark is
 * taken before an export reads the store and saved only once it completed, so a failed or cancelled export
 * leaves the next one to pick the same changes up again (a change made while an export runs goes into the
 * next one too: repeated, never missed).
 */
import type { ExportDestination } from '../../../shared/backup.ts';
import type { Filters } from '../../../shared/options.ts';
import { RECORD_TYPES } from '../../../shared/model.ts';
import type { Db } from './open.ts';

export const DEFAULT_DESTINATION = 'default';
export type Watermark = NonNullable<Filters['changedSince']>;

export function captureWatermark(db: Db): Watermark {
  const rowids: Record<string, number> = {};
  for (const type of RECORD_TYPES) rowids[type] = (db.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${type}`).get() as { n: number }).n;
  return { at: new Date().toISOString(), rowids };
}

interface DestinationRow {
  name: string;
  watermark: string | null;
  last_export_at: string | null;
  last_operation_id: string | null;
  last_path: string | null;
}

function fromRow(row: DestinationRow): ExportDestination {
  return {
    name: row.name,
    watermark: row.watermark ? (JSON.parse(row.watermark) as Watermark).at : null,
    lastExportAt: row.last_export_at,
    lastOperationId: row.last_operation_id,
    lastPath: row.last_path,
  };
}

export function destinationWatermark(db: Db, name: string): Watermark | undefined {
  const row = db.prepare('SELECT watermark FROM export_destinations WHERE name = ?').get(name) as { watermark: string | null } | undefined;
  return row?.watermark ? (JSON.parse(row.watermark) as Watermark) : undefined;
}

export function advanceDestination(db: Db, name: string, mark: Watermark, done: { operationId: string; path: string }): void {
  db.prepare(
    `INSERT INTO export_destinations (name, watermark, last_export_at, last_operation_id, last_path) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET watermark = excluded.watermark, last_export_at = excluded.last_export_at,
         last_operation_id = excluded.last_operation_id, last_path = excluded.last_path`,
  ).run(name, JSON.stringify(mark), new Date().toISOString(), done.operationId, done.path);
}

export function listDestinations(db: Db): ExportDestination[] {
  return (db.prepare('SELECT * FROM export_destinations ORDER BY name').all() as DestinationRow[]).map(fromRow);
}
