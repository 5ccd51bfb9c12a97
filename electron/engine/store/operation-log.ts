/**
 * The persistent history and audit trail: one row per operation in the store itself, so it survives restarts
 * and travels with the data it describes. Options are stored redacted; errors are capped, with their total.
 */
import type { ErrorValue } from '../../../shared/errors.ts';
import type { OperationCounts, OperationRecord, OperationStatus, OperationType } from '../../../shared/operations.ts';
import type { Db } from './open.ts';
import { ImportJournalRepository } from './import-journal.ts';

/** History keeps at most this many errors per operation; `totalErrors` says how many there were. */
export const HISTORY_ERROR_CAP = 100;

interface OperationRow {
  id: string;
  type: string;
  status: string;
  user: string;
  data_type: string | null;
  format: string | null;
  options: string;
  files: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  counts: string;
  errors: string;
  total_errors: number;
  related_operation_id: string | null;
  undo_state: string | null;
  pid: number | null;
  committed: number;
}

export const EMPTY_COUNTS: OperationCounts = { total: 0, successful: 0, inserted: 0, skipped: 0, overwritten: 0, failed: 0 };

export interface StoredOperation extends OperationRecord {
  pid: number | null;
  committed: boolean;
  undoState: 'available' | 'undone' | null;
}

const COLUMNS =
  'id, type, status, user, data_type, format, options, files, started_at, finished_at, duration_ms, counts, errors, total_errors, related_operation_id, undo_state, pid, committed';

function fromRow(row: OperationRow): StoredOperation {
  const undoState = row.undo_state === 'available' || row.undo_state === 'undone' ? row.undo_state : null;
  const options = JSON.parse(row.options) as Record<string, unknown>;
  return {
    operationId: row.id,
    type: row.type as OperationType,
    status: row.status as OperationStatus,
    user: row.user,
    dataType: row.data_type,
    format: row.format,
    options,
    dryRun: options.dryRun === true,
    files: JSON.parse(row.files) as OperationRecord['files'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    counts: { ...EMPTY_COUNTS, ...(JSON.parse(row.counts) as Partial<OperationCounts>) },
    errors: JSON.parse(row.errors) as ErrorValue[],
    totalErrors: row.total_errors,
    relatedOperationId: row.related_operation_id,
    undoable: row.type === 'import' && undoState === 'available' && (row.status === 'completed' || row.status === 'completed_with_errors'),
    pid: row.pid,
    committed: row.committed === 1,
    undoState,
  };
}

/** The public shape: what history shows, without the bookkeeping columns. */
export function publicRecord(stored: StoredOperation): OperationRecord {
  const { pid: _pid, committed: _committed, undoState: _undoState, ...record } = stored;
  return record;
}

export interface HistoryFilter {
  /** False leaves dry runs out. */
  includeDryRuns?: boolean;
  /** Only this user's operations (the audit trail's filter). */
  user?: string;
}

export class OperationLog {
  constructor(private readonly db: Db) {}

  /** Writes (or rewrites) the whole row. */
  save(record: OperationRecord, pid: number | null = process.pid): void {
    const errors = record.errors.slice(0, HISTORY_ERROR_CAP);
    this.db
      .prepare(
        `INSERT INTO operations (id, type, status, user, data_type, format, options, files, started_at, finished_at, duration_ms, counts, errors, total_errors, related_operation_id, pid)
         VALUES (@id, @type, @status, @user, @data_type, @format, @options, @files, @started_at, @finished_at, @duration_ms, @counts, @errors, @total_errors, @related, @pid)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, user = excluded.user, data_type = excluded.data_type, format = excluded.format,
           options = excluded.options, files = excluded.files, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms,
           counts = excluded.counts, errors = excluded.errors, total_errors = excluded.total_errors,
           related_operation_id = coalesce(excluded.related_operation_id, operations.related_operation_id)`,
      )
      .run({
        id: record.operationId,
        type: record.type,
        status: record.status,
        user: record.user,
        data_type: record.dataType,
        format: record.format,
        options: JSON.stringify(record.options),
        files: JSON.stringify(record.files),
        started_at: record.startedAt,
        finished_at: record.finishedAt,
        duration_ms: record.durationMs,
        counts: JSON.stringify(record.counts),
        errors: JSON.stringify(errors),
        total_errors: Math.max(record.totalErrors, errors.length),
        related: record.relatedOperationId ?? null,
        pid,
      });
  }

  get(id: string): StoredOperation | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM operations WHERE id = ?`).get(id) as OperationRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  history(limit: number, filter: HistoryFilter = {}): StoredOperation[] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.includeDryRuns === false) conditions.push("json_extract(options, '$.dryRun') IS NOT 1");
    if (filter.user !== undefined) {
      conditions.push('user = ?');
      params.push(filter.user);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM operations ${where} ORDER BY started_at DESC, rowid DESC LIMIT ?`)
      .all(...params, limit) as OperationRow[];
    return rows.map(fromRow);
  }

  /** The (redacted) options of the latest completed export that wrote this file, if history has it. */
  exportOptionsOf(file: string): Record<string, unknown> | undefined {
    const row = this.db
      .prepare(
        `SELECT o.options FROM operations o, json_each(o.files) f
          WHERE o.type = 'export' AND o.status = 'completed' AND json_extract(f.value, '$.path') = ? ORDER BY o.started_at DESC LIMIT 1`,
      )
      .get(file) as { options: string } | undefined;
    return row ? (JSON.parse(row.options) as Record<string, unknown>) : undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM operations').get() as { n: number }).n;
  }

  running(): StoredOperation[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM operations WHERE status IN ('running', 'pending') ORDER BY started_at`).all() as OperationRow[];
    return rows.map(fromRow);
  }

  /** Journal totals of a committed import, for one whose process died before it recorded its counts. */
  journalCounts(id: string): { inserted: number; overwritten: number } {
    return new ImportJournalRepository(this.db).counts(id);
  }

  /** An import's undo committed: the import is undone, by that operation. */
  markUndone(importId: string, undoId: string): void {
    this.db.prepare("UPDATE operations SET undo_state = 'undone', related_operation_id = ? WHERE id = ?").run(undoId, importId);
  }

  /** Set inside an operation's own transaction, just before COMMIT: its changes are in the store. */
  markCommitted(id: string): void {
    this.db.prepare('UPDATE operations SET committed = 1 WHERE id = ?').run(id);
  }

  /** Closes the row of an operation whose process is gone: interrupted, or completed if its data committed. */
  settleOrphan(op: StoredOperation): OperationStatus {
    const finishedAt = new Date().toISOString();
    if (op.committed) {
      const { inserted, overwritten } = this.journalCounts(op.operationId);
      const counts = { ...op.counts, inserted, overwritten, successful: inserted + overwritten };
      this.db
        .prepare(
          "UPDATE operations SET status = 'completed', finished_at = ?, counts = ?, errors = ?, total_errors = 1 WHERE id = ? AND status IN ('running', 'pending')",
        )
        .run(
          finishedAt,
          JSON.stringify(counts),
          JSON.stringify([{ code: 'INTERRUPTED', message: 'The data was committed, but the process ended before it recorded the full result.' }]),
          op.operationId,
        );
      return 'completed';
    }
    this.db
      .prepare("UPDATE operations SET status = 'interrupted', finished_at = ?, errors = ?, total_errors = 1 WHERE id = ? AND status IN ('running', 'pending')")
      .run(
        finishedAt,
        JSON.stringify([{ code: 'INTERRUPTED', message: 'The process running this operation ended before it finished; nothing it did was kept.' }]),
        op.operationId,
      );
    return 'interrupted';
  }
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
