/**
 * The import journal's SQL: one row per record an import inserted or overwrote (with the before-image of an
 * overwrite), written on the import's own connection inside its own transaction, so it commits or rolls back
 * with the data. What "as the import left it" means is the record's undo mark (migration 009: `written_by` is
 * still the import's operation rowid); journal rows from before that migration carry a fingerprint instead,
 * and are still checked by it.
 */
import type { Statement } from 'better-sqlite3';
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import type { Db } from './open.ts';
import { ensureFingerprintFunction, fingerprintSql, tableOf } from './fingerprint.ts';

export type JournalAction = 'insert' | 'overwrite';

export interface JournalEntry {
  data_type: RecordType;
  record_id: string;
  action: JournalAction;
  before: string | null;
}

/** One journaled record, checked against the store now. */
export interface JournalCheck {
  id: string;
  present: number;
  same: number;
}

export class ImportJournalRepository {
  private readonly add: Statement<[string, string, string, string, string | null]>;

  constructor(private readonly db: Db) {
    // The first entry for a record wins: inserted-then-overwritten stays an insert (undo removes it), and
    // overwritten twice keeps the before-image from before the import.
    this.add = db.prepare('INSERT INTO import_journal (operation_id, data_type, record_id, action, before) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  }

  /** The undo mark an operation's writes carry: its row's rowid (null when it has no row, as in a bare pipeline). */
  markOf(operationId: string): number | null {
    return (this.db.prepare('SELECT rowid FROM operations WHERE id = ?').pluck(true).get(operationId) as number | undefined) ?? null;
  }

  record(operationId: string, type: RecordType, id: string, action: JournalAction, before: string | null): void {
    this.add.run(operationId, type, id, action, before);
  }

  /** Marks the import committed (inside its transaction, right before COMMIT), undoable when it wrote anything. */
  markCommitted(operationId: string, wroteRecords: boolean): void {
    this.db.prepare("UPDATE operations SET committed = 1, undo_state = CASE WHEN ? THEN 'available' END WHERE id = ?").run(wroteRecords ? 1 : 0, operationId);
  }

  /** Every journaled record of one type, with whether it is still in the store as the import left it. */
  check(operationId: string, type: RecordType): JournalCheck[] {
    ensureFingerprintFunction(this.db);
    return this.db
      .prepare(
        `SELECT j.record_id AS id, t.id IS NOT NULL AS present,
                CASE WHEN j.fingerprint IS NULL THEN t.written_by IS (SELECT rowid FROM operations WHERE id = j.operation_id)
                     ELSE ${fingerprintSql(type)} IS j.fingerprint END AS same
           FROM import_journal j LEFT JOIN ${tableOf(type)} t ON t.id = j.record_id
          WHERE j.operation_id = ? AND j.data_type = ?`,
      )
      .all(operationId, type) as JournalCheck[];
  }

  /** The records an import wrote that are gone or changed since, by type (what undo refuses to lose). */
  changedSince(operationId: string): { dataType: RecordType; id: string }[] {
    const changed: { dataType: RecordType; id: string }[] = [];
    for (const type of RECORD_TYPES) {
      for (const row of this.check(operationId, type)) if (!row.present || !row.same) changed.push({ dataType: type, id: row.id });
    }
    return changed;
  }

  counts(operationId: string): { inserted: number; overwritten: number } {
    const rows = this.db.prepare('SELECT action, count(*) AS n FROM import_journal WHERE operation_id = ? GROUP BY action').all(operationId) as {
      action: string;
      n: number;
    }[];
    const get = (action: string) => rows.find((r) => r.action === action)?.n ?? 0;
    return { inserted: get('insert'), overwritten: get('overwrite') };
  }

  /** Read whole: a statement iterator must not stay open while the same connection writes. */
  entries(operationId: string): JournalEntry[] {
    return this.db.prepare('SELECT data_type, record_id, action, before FROM import_journal WHERE operation_id = ?').all(operationId) as JournalEntry[];
  }

  /** After an undo: the journal has served its purpose, and what the import wrote is no longer a baseline. */
  discard(operationId: string): void {
    this.db.prepare('DELETE FROM import_journal WHERE operation_id = ?').run(operationId);
    this.db.prepare('DELETE FROM import_baselines WHERE operation_id = ?').run(operationId);
  }
}
