/**
 * Undo of an import: removes what it inserted and puts back what it overwrote, from the journal it wrote in
 * its own transaction. Refuses — and names the records — when a later change touched any of them, since
 * putting them back would silently lose that change. All in one transaction, like an import.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError, ERROR_CODES, toErrorValue, type ErrorValue } from '../../../shared/errors.ts';
import type { Context, RecordType, Template } from '../../../shared/model.ts';
import type { UndoResult } from '../../../shared/operations.ts';
import type { Store } from '../store/store.ts';
import type { PipelineContext } from '../pipeline/progress.ts';
import { OperationLog } from '../store/operation-log.ts';
import { ImportJournalRepository } from '../store/import-journal.ts';
import { withWriteTransaction } from '../store/transaction.ts';
import type { BeforeImage } from './import-journal.ts';

/** How many conflicting records undo names; the message gives the total. */
export const UNDO_CONFLICT_CAP = 1000;

export interface UndoJob {
  importOperationId: string;
  dryRun: boolean;
}

export async function runUndo(store: Store, job: UndoJob, context: PipelineContext & { operationId: string }): Promise<UndoResult> {
  const result: UndoResult = {
    operationId: context.operationId,
    undoneOperationId: job.importOperationId,
    status: 'completed',
    dryRun: job.dryRun,
    removed: 0,
    restored: 0,
    conflicts: [],
  };
  try {
    const work = () => undoInside(store, job, context, result);
    // A refusal (or a dry run) changes nothing: its transaction rolls back.
    return job.dryRun ? await work() : await withWriteTransaction(store.db, work, { keep: (r) => r.status === 'completed' });
  } catch (error) {
    const value = toErrorValue(error);
    if (value.code === ERROR_CODES.NOT_FOUND) throw error;
    return { ...result, removed: 0, restored: 0, status: 'failed', error: value };
  }
}

/** The undo itself; inside the write transaction unless a dry run, so two undos of one import cannot both pass. */
async function undoInside(store: Store, job: UndoJob, context: PipelineContext & { operationId: string }, result: UndoResult): Promise<UndoResult> {
  const log = new OperationLog(store.db);
  const journal = new ImportJournalRepository(store.db);
  const refuse = (code: ErrorValue['code'], message: string): UndoResult => ({ ...result, status: 'refused', error: { code, message } });
  const target = log.get(job.importOperationId);
  if (!target) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${job.importOperationId}.`);
  if (target.type !== 'import')
    return refuse(ERROR_CODES.BAD_ARGUMENT, `Operation ${target.operationId} is ${article(target.type)} ${target.type}; only imports can be undone.`);
  if (target.undoState === 'undone') {
    return refuse(
      ERROR_CODES.CONFLICT,
      `Import ${target.operationId} was already undone${target.relatedOperationId ? ` by operation ${target.relatedOperationId}` : ''}; there is nothing left to undo.`,
    );
  }
  if (target.status === 'running' || target.status === 'pending')
    return refuse(ERROR_CODES.CONFLICT, `Import ${target.operationId} is still running; cancel it instead.`);
  if (!target.committed || target.undoState !== 'available') {
    return refuse(
      ERROR_CODES.CONFLICT,
      `Import ${target.operationId} (${target.status.replace(/_/g, ' ')}) changed nothing in the store; there is nothing to undo.`,
    );
  }

  context.onProgress?.({ step: 'checking for later changes', recordsProcessed: 0, totalRecords: null, bytesProcessed: 0, totalBytes: null });
  const changed = journal.changedSince(job.importOperationId);
  if (changed.length > 0) {
    result.conflicts.push(...changed.slice(0, UNDO_CONFLICT_CAP));
    const named = result.conflicts
      .slice(0, 5)
      .map((c) => `${c.dataType} ${c.id}`)
      .join(', ');
    return refuse(
      ERROR_CODES.CONFLICT,
      `Undo refused: ${changed.length} record${changed.length === 1 ? '' : 's'} this import wrote changed later (${named}${changed.length > 5 ? ', …' : ''}). ` +
        'Undoing would lose those changes; nothing was changed.',
    );
  }

  const counts = journal.counts(job.importOperationId);
  if (job.dryRun) {
    result.removed = counts.inserted;
    result.restored = counts.overwritten;
    return result;
  }
  const total = counts.inserted + counts.overwritten;
  let done = 0;
  for (const entry of journal.entries(job.importOperationId)) {
    if (entry.action === 'insert') {
      store.repository(entry.data_type).delete(entry.record_id);
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
  log.markUndone(job.importOperationId, context.operationId);
  // The journal has served its purpose (an undo is not itself undone); history keeps the counts.
  journal.discard(job.importOperationId);
  log.markCommitted(context.operationId);
  context.onProgress?.({ step: 'committing', recordsProcessed: done, totalRecords: total, bytesProcessed: 0, totalBytes: null });
  return result;
}

/** Puts a record back exactly as it was: attachments (bytes or not), template versions and its undo mark included. */
function restore(store: Store, type: RecordType, image: BeforeImage): void {
  const before = image.record;
  const writtenBy = image.writtenBy ?? null;
  if (type === 'contexts') {
    store.contexts.restore(before as Context, writtenBy);
    return;
  }
  const repo = store.repository(type);
  if (!repo.replace(before, writtenBy)) repo.insert(before, writtenBy);
  if (type === 'templates' && image.templateVersions) store.templates.restoreVersions((before as Template).id, image.templateVersions);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
