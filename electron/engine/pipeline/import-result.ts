/**
 * Collects what an import did into its ImportResult: counts, capped lists of errors, outcomes (dry run) and
 * conflicts, totals by reason, warnings, and the rejects file. One place that mutates the result; the pipeline
 * only says what happened to each record.
 */
import { ERROR_CODES, type ErrorValue } from '../../../shared/errors.ts';
import {
  ERROR_LIST_CAPS,
  emptyImportResult,
  OUTCOME_LIST_CAP,
  outcomeReason,
  type FormatId,
  type ImportOptions,
  type ImportResult,
  type ReasonCount,
  type RecordOutcome,
} from '../../../shared/options.ts';
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import type { FieldConflict } from '../reimport/merge.ts';
import { createRejectsWriter, type RejectsWriter } from '../reimport/rejects.ts';
import type { InputRecord } from './read-inputs.ts';
import type { FieldIssue } from './validate-record.ts';
import { rejectReason, statedKind } from './reject-reason.ts';

const VALIDATION_ISSUE_CAP = 10_000;
const CONFLICT_LIST_CAP = 1000;
const WARNING_CAP = 1000;

/** Thrown to stop a strict import at its first rejected record; carries that record's error. */
export class StrictAbort extends Error {
  constructor(readonly error: ErrorValue) {
    super(error.message);
  }
}

export class ImportResultCollector {
  readonly result: ImportResult;
  private readonly reasonTotals = new Map<string, ReasonCount>();
  private readonly errorCap: number;
  private rejects: RejectsWriter | undefined;
  /** A strict dry run's first rejected record: where the real import would stop (the dry run checks on). */
  private strictStop: ErrorValue | undefined;

  constructor(
    operationId: string,
    private readonly options: ImportOptions,
  ) {
    // A strict dry run lists every rejected record, as a lenient one does: it checks them all.
    this.errorCap = ERROR_LIST_CAPS[options.dryRun && options.errorHandling === 'strict' ? 'lenient' : options.errorHandling];
    this.result = emptyImportResult(operationId, {
      dryRun: options.dryRun,
      dataType: options.dataType,
      outcomes: options.dryRun ? [] : undefined,
      reasonCounts: options.dryRun ? [] : undefined,
    });
  }

  warn(message: string): void {
    if (this.result.warnings.length < WARNING_CAP) this.result.warnings.push(message);
  }

  /** A dry run's example outcomes are capped; its counts by reason are totals over every record. */
  outcome(o: RecordOutcome): void {
    const outcomes = this.result.outcomes;
    if (!outcomes) return;
    if (outcomes.length < OUTCOME_LIST_CAP) outcomes.push(o);
    if (o.action === 'insert') return;
    const reason = outcomeReason(o);
    const key = `${o.action}|${reason}`;
    let total = this.reasonTotals.get(key);
    if (!total) {
      total = { action: o.action, reason, count: 0 };
      this.reasonTotals.set(key, total);
      this.result.reasonCounts?.push(total);
    }
    total.count++;
  }

  reject(input: InputRecord, error: ErrorValue, fieldIssues: FieldIssue[] = []): void {
    const result = this.result;
    result.failedRecords++;
    result.totalErrors++;
    const reason = rejectReason(error, fieldIssues);
    const entry = {
      record: input.recordNumber,
      error: error.message,
      code: error.code,
      field: reason.field,
      ...(error.file ? { file: error.file } : {}),
      data: input.value,
    };
    if (result.errors.length < this.errorCap) result.errors.push(entry);
    for (const issue of fieldIssues) {
      if (result.validationErrors.length < VALIDATION_ISSUE_CAP) result.validationErrors.push({ record: input.recordNumber, ...issue });
    }
    if (this.options.rejectsPath) {
      this.rejects ??= createRejectsWriter(this.options.rejectsPath, (input.format ?? 'jsonl') as FormatId);
      this.rejects.add({ source: input.source ?? input.value, field: reason.field, message: reason.kind });
    }
    this.outcome({
      record: input.recordNumber,
      dataType: input.recordType,
      id: idOf(input.value),
      action: 'reject',
      reason: reason.kind,
      field: reason.field,
      after: input.value,
    });
    if (this.options.errorHandling === 'strict') {
      // The stated kind is the engine's own bookkeeping, not part of the error a user is shown.
      const { data: _data, ...shown } = error;
      const stop = { ...(statedKind(error) === undefined ? error : shown), record: input.recordNumber };
      if (!this.options.dryRun) throw new StrictAbort(stop);
      this.strictStop ??= { ...stop, message: `${stop.message}; a real import would stop at record ${input.recordNumber} (strict) and write nothing` };
    }
  }

  /** After a strict dry run has checked every record: it fails as the real import would, at its first bad record. */
  throwIfStrictStop(): void {
    if (this.strictStop) throw new StrictAbort(this.strictStop);
  }

  conflicts(input: InputRecord, type: RecordType, id: string, conflicts: FieldConflict[]): void {
    for (const c of conflicts) {
      this.result.conflictCount++;
      if (this.result.conflicts.length < CONFLICT_LIST_CAP) this.result.conflicts.push({ record: input.recordNumber, dataType: type, id, ...c });
    }
  }

  skipped(input: InputRecord, id: string): void {
    this.result.skippedRecords++;
    this.outcome({ record: input.recordNumber, dataType: input.recordType, id, action: 'skip', reason: 'duplicate id' });
  }

  unchanged(input: InputRecord, id: string, keptLocalEdit = false, before?: unknown): void {
    this.result.unchangedRecords++;
    const reason = keptLocalEdit ? 'conflict · kept the store’s edit' : 'same as the store';
    this.outcome({ record: input.recordNumber, dataType: input.recordType, id, action: 'unchanged', reason, before });
  }

  /** A record written (or, in a dry run, that would be). */
  written(input: InputRecord, kind: 'insert' | 'overwrite' | 'merge', record: AnyRecord, before?: AnyRecord, changedFields?: string[]): void {
    const result = this.result;
    if (kind === 'insert') result.insertedRecords++;
    else if (kind === 'merge') result.mergedRecords++;
    else result.overwrittenRecords++;
    result.successfulRecords++;
    if (!this.options.dryRun) return;
    this.outcome({
      record: input.recordNumber,
      dataType: input.recordType,
      id: record.id,
      action: kind,
      after: record,
      before,
      reason: kind === 'overwrite' ? 'existing id' : kind === 'merge' ? 'merged with the store' : undefined,
      changedFields,
    });
  }

  /** The operation failed as a whole (or was cancelled): nothing was written, whatever was read. */
  failed(error: unknown, value: ErrorValue): void {
    const result = this.result;
    result.error = value;
    result.status = value.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed';
    if (!(error instanceof StrictAbort)) {
      result.totalErrors++;
      if (value.code !== ERROR_CODES.CANCELLED) result.errors.push({ record: value.record ?? 0, error: value.message, code: value.code, field: value.field });
    }
    if (!this.options.dryRun) {
      // Nothing was written: counts say what was read, not what the store holds.
      result.successfulRecords = 0;
      result.insertedRecords = 0;
      result.overwrittenRecords = 0;
    }
  }

  async closeRejects(): Promise<void> {
    if (!this.rejects) return;
    const records = await this.rejects.close();
    this.result.rejects = { path: this.rejects.path, format: this.rejects.format, records };
  }

  /** Says what was found, not what was asked for: "auto-detect" becomes the type the records turned out to be. */
  settleDataType(): void {
    const result = this.result;
    if (result.dataType !== 'auto-detect' || result.inputs.length === 0) return;
    const types = new Set(result.inputs.map((i) => i.dataType).filter((t) => t !== 'auto-detect'));
    if (types.size === 1) result.dataType = [...types][0]!;
    else if (types.size > 1) result.dataType = 'all';
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  }
  return undefined;
}
