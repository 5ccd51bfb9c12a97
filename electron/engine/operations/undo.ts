/**
 * Undo of an import: removes what it inserted and puts back what it overwrote, from the journal it wrote in
 * its own transaction. Refuses — and names the records — when a later change touched any of them, since
 * putting them back would silently lose that change. All in one transaction, like an import.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError, ERROR_CODES, toErrorValue, type ErrorValue } from '../../../shared/errors.ts';
import { RECORD_TYPES, type Context, type RecordType } from '../../../shared/model.ts';
import type { UndoResult } from '../../../shared/operations.ts';
import type { Store } from '../store/store.ts';
import type { PipelineContext } from '../pipeline/progress.ts';
import { ensureFingerprintFunction, fingerprintSql, tableOf } from './fingerprint.ts';
import { OperationLog } from './log.ts';
import type { BeforeImage } from './import-journal.ts';

/** How many conflicting records undo names; the message gives the total. */
export const UNDO_CONFLICT_CAP = 1000;

export interface UndoJob {
  importOperationId: string;
  dryRun: boolean;
}

interface JournalRow {
  data_type: RecordType;
  record_id: string;
  action: 'insert' | 'overwrite';
  before: string | null;
}

export async function runUndo(store: Store, job: UndoJob, context: PipelineContext & { operationId: string }): Promise<UndoResult> {
  const db = store.db;
  const log = new OperationLog(db);
  ensureFingerprintFunction(db);
  const result: UndoResult = {
    operationId: context.operationId,
    undoneOperationId: job.importOperationId,
    status: 'completed',
    dryRun: job.dryRun,
    removed: 0,
    restored: 0,
    conflicts: [],
  };
  const refuse = (code: ErrorValue['code'], message: string): UndoResult => ({ ...result, status: 'refused', error: { code, message } });
  let inTransaction = false;
  try {
    if (!job.dryRun) {
      db.exec('BEGIN IMMEDIATE');
      inTransaction = true;
    }
    // Checked inside the transaction: two undos of the same import cannot both pass.
    const target = log.get(job.importOperationId);
    if (!target) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${job.importOperationId}.`);
    if (target.type !== 'import') return refuse(ERROR_CODES.BAD_ARGUMENT, `Operation ${target.operationId} is ${article(target.type)} ${target.type}; only imports can be undone.`);
    if (target.undoState === 'undone') {
      return refuse(ERROR_CODES.CONFLICT, `Import ${target.operationId} was already undone${target.relatedOperationId ? ` by operation ${target.relatedOperationId}` : ''}; there is nothing left to undo.`);
    }
    if (target.status === 'running' || target.status === 'pending') return refuse(ERROR_CODES.CONFLICT, `Import ${target.operationId} is still running; cancel it instead.`);
    if (!target.committed || target.undoState !== 'available') {
      return refuse(ERROR_CODES.CONFLICT, `Import ${target.operationId} (${target.status.replace(/_/g, ' ')}) changed nothing in the store; there is nothing to undo.`);
    }

    context.onProgress?.({ step: 'checking for later changes', recordsProcessed: 0, totalRecords: null, bytesProcessed: 0, totalBytes: null });
    let conflictTotal = 0;
    for (const type of RECORD_TYPES) {
      const rows = db
        .prepare(
          `SELECT j.record_id AS id FROM import_journal j LEFT JOIN ${tableOf(type)} t ON t.id = j.record_id
           WHERE j.operation_id = ? AND j.data_type = ? AND (t.id IS NULL OR ${fingerprintSql(type)} IS NOT j.fingerprint)`,
        )
        .all(job.importOperationId, type) as { id: string }[];
      conflictTotal += rows.length;
      for (const row of rows) if (result.conflicts.length < UNDO_CONFLICT_CAP) result.conflicts.push({ dataType: type, id: row.id });
    }
    if (conflictTotal > 0) {
      const named = result.conflicts.slice(0, 5).map((c) => `${c.dataType} ${c.id}`).join(', ');
      return refuse(
        ERROR_CODES.CONFLICT,
        `Undo refused: ${conflictTotal} record${conflictTotal === 1 ? '' : 's'} this import wrote changed later (${named}${conflictTotal > 5 ? ', …' : ''}). ` +
          'Undoing would lose those changes; nothing was changed.',
      );
    }

    const total = (db.prepare('SELECT count(*) AS n FROM import_journal WHERE operation_id = ?').get(job.importOperationId) as { n: number }).n;
    if (job.dryRun) {
      const counts = db.prepare('SELECT action, count(*) AS n FROM import_journal WHERE operation_id = ? GROUP BY action').all(job.importOperationId) as { action: string; n: number }[];
      result.removed = counts.find((c) => c.action === 'insert')?.n ?? 0;
      result.restored = counts.find((c) => c.action === 'overwrite')?.n ?? 0;
      return result;
    }
    // Read whole: a statement iterator must not stay open while the same connection writes.
    const entries = db.prepare('SELECT data_type, record_id, action, before FROM import_journal WHERE operation_id = ?').all(job.importOperationId) as JournalRow[];
    let done = 0;
    for (const entry of entries) {
      const repo = store.repository(entry.data_type);
      if (entry.action === 'insert') {
        repo.delete(entry.record_id);
        result.removed++;
      } else {
        restore(store, entry.data_type, JSON.parse(entry.before ?? 'null') as BeforeImage);
        result.restored++;
      }
      if (++done % 1000 === 0) {
        context.onProgress?.({ step: 'undoing', recordsProcessed: done, totalRecords: total, bytesProcessed: 0, totalBytes: null });
        await yieldToLoop();
        if (context.signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The undo was cancelled; nothing was changed.');
      }
    }
    db.prepare("UPDATE operations SET undo_state = 'undone', related_operation_id = ? WHERE id = ?").run(context.operationId, job.importOperationId);
    // The journal has served its purpose (an undo is not itself undone); history keeps the counts.
    db.prepare('DELETE FROM import_journal WHERE operation_id = ?').run(job.importOperationId);
    // What that import wrote is no longer the baseline a later re-import should merge against.
    db.prepare('DELETE FROM import_baselines WHERE operation_id = ?').run(job.importOperationId);
    db.prepare('UPDATE operations SET committed = 1 WHERE id = ?').run(context.operationId);
    context.onProgress?.({ step: 'committing', recordsProcessed: done, totalRecords: total, bytesProcessed: 0, totalBytes: null });
    db.exec('COMMIT');
    inTransaction = false;
    return result;
  } catch (error) {
    const value = toErrorValue(error);
    if (value.code === ERROR_CODES.NOT_FOUND) throw error;
    return { ...result, removed: 0, restored: 0, status: 'failed', error: value };
  } finally {
    if (inTransaction) db.exec('ROLLBACK');
  }
}

/** Puts a record back exactly as it was, attachments (bytes or not) and template versions included. */
function restore(store: Store, type: RecordType, image: BeforeImage): void {
  const before = image.record;
  const repo = store.repository(type);
  if (type !== 'contexts') {
    if (!repo.replace(before)) repo.insert(before);
    if (type === 'templates' && image.templateVersions) {
      store.db.prepare('DELETE FROM template_versions WHERE template_id = ?').run(before.id);
      const insert = store.db.prepare('INSERT INTO template_versions (template_id, version, body, saved_at) VALUES (?, ?, ?, ?)');
      for (const v of image.templateVersions) insert.run(before.id, v.version, v.body, v.saved_at);
    }
    return;
  }
  const context = before as Context;
  const { attachments, ...bare } = context;
  store.db.prepare('DELETE FROM attachments WHERE context_id = ?').run(context.id);
  if (!repo.replace(bare as Context)) repo.insert(bare as Context);
  const insert = store.db.prepare('INSERT INTO attachments (context_id, position, name, mime_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
  (attachments ?? []).forEach((a, position) => {
    insert.run(context.id, position, a.name, a.mimeType, a.size, a.sha256, a.data !== undefined ? Buffer.from(a.data, 'base64') : null);
  });
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
