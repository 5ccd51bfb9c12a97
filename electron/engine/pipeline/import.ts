/**
 * The import pipeline: read → map → validate → duplicate policy → write, all inside one write transaction,
 * so a failed, strict-rejected or cancelled import leaves the store exactly as it was. A dry run is the same
 * code with the write left out (and ids remembered, so duplicates inside the file are still seen).
 */
import { log } from '../logging/logger.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError, ERROR_CODES, toErrorValue, type ErrorValue } from '../../../shared/errors.ts';
import {
  ERROR_LIST_CAPS,
  emptyImportResult,
  OUTCOME_LIST_CAP,
  outcomeReason,
  type ReasonCount,
  type ImportOptions,
  type ImportResult,
  type RecordAction,
  type RecordOutcome,
} from '../../../shared/options.ts';
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { prepareRecordMapper } from '../mapping/index.ts';
import { validateRecord } from './validate-record.ts';
import { readInputs, type InputRecord } from './read-inputs.ts';
import { NO_JOURNAL, type ImportJournal } from './journal.ts';
import type { PipelineContext } from './progress.ts';
import { newId } from './ids.ts';
import { ImportBaselines } from '../store/import-baselines.ts';
import { baselineFor, decide, findExisting, sourceIdentity, type ReimportPolicy } from '../reimport/decide.ts';
import { checkMergeRules } from '../reimport/merge-rules.ts';
import { createRejectsWriter, type RejectsWriter } from '../reimport/rejects.ts';
import type { FormatId } from '../../../shared/options.ts';

export interface ImportContext extends PipelineContext {
  journal?: ImportJournal;
}

const VALIDATION_ISSUE_CAP = 10_000;
const CONFLICT_LIST_CAP = 1000;

class StrictAbort extends Error {
  constructor(readonly error: ErrorValue) {
    super(error.message);
  }
}

export async function runImport(store: Store, files: string[], options: ImportOptions, context: ImportContext = {}): Promise<ImportResult> {
  const started = Date.now();
  const operationId = context.operationId ?? newId('op');
  const journal = context.journal ?? NO_JOURNAL;
  const errorCap = ERROR_LIST_CAPS[options.errorHandling];
  const result: ImportResult = emptyImportResult(operationId, {
    dryRun: options.dryRun,
    dataType: options.dataType,
    outcomes: options.dryRun ? [] : undefined,
    reasonCounts: options.dryRun ? [] : undefined,
  });
  const reasonTotals = new Map<string, ReasonCount>();
  if (options.skipDuplicates && options.overwriteExisting) {
    result.warnings.push('Both skipDuplicates and overwriteExisting were set; existing records will be overwritten.');
  }
  // Ids seen in this run: a dry run writes nothing, so the store alone cannot tell it about earlier records.
  const seen: Record<RecordType, Set<string>> = { contexts: new Set(), sessions: new Set(), templates: new Set() };
  let inTransaction = false;
  let reader: Awaited<ReturnType<typeof readInputs>> | undefined;
  const policy: ReimportPolicy = {
    match: options.match ?? 'source',
    skipDuplicates: options.skipDuplicates,
    overwriteExisting: options.overwriteExisting,
    merge: options.merge ?? false,
    mergeRules: options.mergeRules ? checkMergeRules(options.mergeRules) : undefined,
    onConflict: options.onConflict ?? (options.errorHandling === 'strict' ? 'fail' : 'keep-local'),
  };
  const baselines = new ImportBaselines(store.db);
  const importedAt = new Date().toISOString();
  let rejects: RejectsWriter | undefined;

  const report = (step: string) =>
    context.onProgress?.({
      step,
      recordsProcessed: result.totalRecords,
      totalRecords: null,
      bytesProcessed: reader?.bytesRead() ?? 0,
      totalBytes: reader?.totalBytes ?? null,
    });

  const outcome = (o: RecordOutcome) => {
    if (!result.outcomes) return;
    if (result.outcomes.length < OUTCOME_LIST_CAP) result.outcomes.push(o);
    // The list of examples is capped; the counts by reason are totals over every record.
    if (o.action === 'insert') return;
    const reason = outcomeReason(o);
    const key = `${o.action}|${reason}`;
    let total = reasonTotals.get(key);
    if (!total) {
      total = { action: o.action, reason, count: 0 };
      reasonTotals.set(key, total);
      result.reasonCounts?.push(total);
    }
    total.count++;
  };

  const reject = (input: InputRecord, error: ErrorValue, fieldIssues: { field: string; message: string }[] = []) => {
    result.failedRecords++;
    result.totalErrors++;
    const entry = {
      record: input.recordNumber,
      error: error.message,
      code: error.code,
      field: error.field ?? fieldIssues[0]?.field,
      ...(error.file ? { file: error.file } : {}),
      data: input.value,
    };
    if (result.errors.length < errorCap) result.errors.push(entry);
    for (const issue of fieldIssues) {
      if (result.validationErrors.length < VALIDATION_ISSUE_CAP) result.validationErrors.push({ record: input.recordNumber, ...issue });
    }
    if (options.rejectsPath) {
      rejects ??= createRejectsWriter(options.rejectsPath, (input.format ?? 'jsonl') as FormatId);
      rejects.add({ source: input.source ?? input.value, field: entry.field, message: groupingReason(error, fieldIssues) });
    }
    outcome({
      record: input.recordNumber,
      dataType: input.recordType,
      id: idOf(input.value),
      action: 'reject',
      reason: groupingReason(error, fieldIssues),
      field: entry.field,
      after: input.value,
    });
    if (options.errorHandling === 'strict') throw new StrictAbort({ ...error, record: input.recordNumber });
  };

  try {
    const mapper = prepareRecordMapper(options, store);
    reader = await readInputs(files, { options, mapper, signal: context.signal });
    result.inputs = reader.inputs;
    report('reading');
    if (!options.dryRun) {
      store.db.exec('BEGIN IMMEDIATE');
      inTransaction = true;
    }
    let sinceYield = 0;
    let batchStarted = Date.now();
    for await (const input of reader.records) {
      result.totalRecords++;
      for (const w of input.warnings) result.warnings.length < 1000 && result.warnings.push(`record ${input.recordNumber}: ${w}`);
      if (input.error) {
        reject(input, input.error, input.fieldIssues);
      } else {
        const checked = validateRecord(input.recordType, input.value, options.validateSchema);
        if (!checked.ok) {
          const summary = checked.issues.map((i) => `${i.field} ${i.message}`).join('; ');
          reject(input, { code: ERROR_CODES.VALIDATION_ERROR, message: `Record ${input.recordNumber} is not a valid ${singular(input.recordType)}: ${summary}`, field: checked.issues[0]?.field }, checked.issues);
        } else {
          for (const w of checked.warnings) result.warnings.length < 1000 && result.warnings.push(`record ${input.recordNumber}: ${w}`);
          apply(input, checked.record);
        }
      }
      if (++sinceYield >= options.batchSize) {
        sinceYield = 0;
        log().debug({ records: result.totalRecords, batchSize: options.batchSize, batchMs: Date.now() - batchStarted }, 'batch done');
        batchStarted = Date.now();
        report(options.dryRun ? 'validating' : 'writing');
        await yieldToLoop();
      }
      if (context.signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The import was cancelled; nothing was written.');
    }
    result.warnings.push(...reader.warnings);
    report('committing');
    if (inTransaction) {
      journal.beforeCommit?.();
      store.db.exec('COMMIT');
      inTransaction = false;
    }
    result.status = result.failedRecords > 0 ? 'completed_with_errors' : 'completed';
  } catch (error) {
    if (inTransaction) {
      store.db.exec('ROLLBACK');
      inTransaction = false;
    }
    const value = error instanceof StrictAbort ? error.error : toErrorValue(error);
    result.error = value;
    result.status = value.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed';
    if (!(error instanceof StrictAbort)) {
      result.totalErrors++;
      if (value.code !== ERROR_CODES.CANCELLED) result.errors.push({ record: value.record ?? 0, error: value.message, code: value.code, field: value.field });
    }
    if (!options.dryRun) {
      // Nothing was written: counts say what was read, not what the store holds.
      result.successfulRecords = 0;
      result.insertedRecords = 0;
      result.overwrittenRecords = 0;
    }
    if (reader) result.inputs = reader.inputs;
  } finally {
    if (inTransaction) store.db.exec('ROLLBACK');
    if (rejects) {
      const records = await rejects.close();
      result.rejects = { path: rejects.path, format: rejects.format, records };
    }
  }
  // Say what was found, not what was asked for: "auto-detect" becomes the type the records turned out to be.
  if (result.dataType === 'auto-detect' && result.inputs.length > 0) {
    const types = new Set(result.inputs.map((i) => i.dataType).filter((t) => t !== 'auto-detect'));
    if (types.size === 1) result.dataType = [...types][0]!;
    else if (types.size > 1) result.dataType = 'all';
  }
  result.durationMs = Date.now() - started;
  return result;

  function apply(input: InputRecord, incoming: AnyRecord): void {
    const type = input.recordType;
    const repo = store.repository(type);
    if (options.dryRun && seen[type].has(incoming.id)) {
      // A dry run wrote nothing, so an earlier record of this same file is known only by its id: the later wins.
      if (policy.overwriteExisting || policy.merge) {
        result.overwrittenRecords++;
        result.successfulRecords++;
        outcome({ record: input.recordNumber, dataType: type, id: incoming.id, action: 'overwrite', after: incoming, reason: 'existing id' });
      } else if (policy.skipDuplicates) {
        result.skippedRecords++;
        outcome({ record: input.recordNumber, dataType: type, id: incoming.id, action: 'skip', reason: 'duplicate id' });
      } else duplicate(input, incoming.id);
      return;
    }
    const existing = findExisting(repo, baselines, type, incoming, policy.match);
    const decision = decide(policy, type, incoming, existing, existing ? baselines.get(type, existing.record.id)?.fields : undefined);
    // The decision, never the record: a record number and what the policy chose.
    if (existing) log().debug({ record: input.recordNumber, dataType: type, action: decision.kind }, 'duplicate id: policy decided');
    if (decision.kind === 'merge' || decision.kind === 'unchanged' || decision.kind === 'conflict') {
      const id = decision.kind === 'merge' ? decision.record.id : decision.id;
      for (const c of decision.conflicts) {
        result.conflictCount++;
        if (result.conflicts.length < CONFLICT_LIST_CAP) result.conflicts.push({ record: input.recordNumber, dataType: type, id, ...c });
      }
    }
    switch (decision.kind) {
      case 'duplicate':
        return duplicate(input, decision.id);
      case 'conflict': {
        const fields = decision.conflicts.map((c) => c.field).join(', ');
        reject(
          input,
          { code: ERROR_CODES.CONFLICT, message: `Record ${input.recordNumber}: ${fields} of ${singular(type)} "${decision.id}" changed both in the store and in the source (choose --on-conflict keep-local or take-source).`, field: decision.conflicts[0]?.field },
          decision.conflicts.map((c) => ({ field: c.field, message: 'edited in the store and changed in the source' })),
        );
        return;
      }
      case 'skip':
        result.skippedRecords++;
        outcome({ record: input.recordNumber, dataType: type, id: decision.id, action: 'skip', reason: 'duplicate id' });
        return;
      case 'unchanged':
        result.unchangedRecords++;
        outcome({ record: input.recordNumber, dataType: type, id: decision.id, action: 'unchanged', reason: 'same as the store' });
        return;
    }
    const record = decision.record;
    if (decision.kind === 'insert') result.insertedRecords++;
    else if (decision.kind === 'merge') result.mergedRecords++;
    else result.overwrittenRecords++;
    result.successfulRecords++;
    const before = decision.kind === 'insert' ? undefined : decision.before;
    const action: RecordAction = decision.kind;
    if (options.dryRun) {
      seen[type].add(record.id);
      outcome({
        record: input.recordNumber,
        dataType: type,
        id: record.id,
        action,
        after: record,
        before,
        reason: action === 'overwrite' ? 'existing id' : action === 'merge' ? 'merged with the store' : undefined,
        changedFields: decision.kind === 'merge' ? decision.changes.map((c) => c.field) : undefined,
      });
      return;
    }
    if (before) {
      journal.overwritten(type, before);
      repo.replace(record, journal.mark);
    } else {
      repo.insert(record, journal.mark);
      journal.inserted(type, record.id);
    }
    seen[type].add(record.id);
    // A baseline is what the next import of the same source merges against; plain bulk imports skip it.
    if (policy.merge || sourceIdentity(record)) baselines.put(baselineFor(type, record, operationId, importedAt));
  }

  function duplicate(input: InputRecord, id: string): void {
    reject(
      input,
      { code: ERROR_CODES.DUPLICATE_ID, message: `Record ${input.recordNumber}: a ${singular(input.recordType)} with id "${id}" already exists (choose skip, overwrite or merge for duplicates).`, field: 'id' },
      [{ field: 'id', message: `duplicate id "${id}"` }],
    );
  }
}

/**
 * The reason a dry run groups rejections by: what went wrong, without which record (so 37 bad dates are one
 * group of 37, not 37 groups of one).
 */
export function groupingReason(error: ErrorValue, fieldIssues: { field: string; message: string }[]): string {
  if (error.code === ERROR_CODES.DUPLICATE_ID) return 'duplicate id';
  if (fieldIssues.length) return fieldIssues.map((i) => `${i.field} ${i.message}`).join('; ');
  return error.message.replace(/^(?:Record|Line) \d+(?: \(line \d+\))?(?::| is)?\s*/i, '');
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  }
  return undefined;
}

export function singular(type: RecordType): string {
  return type === 'contexts' ? 'context' : type === 'sessions' ? 'session' : 'template';
}
