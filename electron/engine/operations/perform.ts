/**
 * One operation from start to finish, on whichever thread runs it (a worker, or the caller's own in-process):
 * record it as running, run the job (imports with their journal), and close its history row. Only this code
 * writes history rows, so the worker and in-process runners keep identical records.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ERROR_CODES, toErrorValue, type ErrorValue } from '../../../shared/errors.ts';
import type { OperationFileInfo, OperationRecord, OperationStatus, UndoResult } from '../../../shared/operations.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/open.ts';
import { inWriteTransaction, isBusyError } from '../store/transaction.ts';
import type { PipelineProgress } from '../pipeline/progress.ts';
import { executeJob, redactOptions, writesToStore, type Job, type JobResult } from './jobs.ts';
import { EMPTY_COUNTS, HISTORY_ERROR_CAP, OperationLog } from '../store/operation-log.ts';
import { SqlImportJournal } from './import-journal.ts';
import { log, withOperation } from '../logging/logger.ts';

export interface OperationMeta {
  operationId: string;
  user: string;
  startedAt: string;
}

export interface OperationHooks {
  signal: AbortSignal;
  onProgress: (progress: PipelineProgress) => void;
}

export interface PerformedOperation {
  record: OperationRecord;
  result?: JobResult;
  /** Set when the operation could not even start (for example a cancel while it waited for the store). */
  error?: ErrorValue;
}

export function describeJob(job: Job): Pick<OperationRecord, 'type' | 'dataType' | 'format' | 'options' | 'files' | 'relatedOperationId'> {
  if (job.kind === 'undo') {
    return { type: 'undo', dataType: null, format: null, options: { dryRun: job.dryRun }, files: [], relatedOperationId: job.importOperationId };
  }
  return {
    type: job.kind,
    dataType: job.options.dataType ?? null,
    format: job.options.format ?? null,
    options: redactOptions(job.options),
    files: job.kind === 'export' ? [] : job.files.map((f) => ({ name: path.basename(f), path: f, bytes: 0 })),
    relatedOperationId: null,
  };
}

export function initialRecord(job: Job, meta: OperationMeta): OperationRecord {
  return {
    operationId: meta.operationId,
    ...describeJob(job),
    status: 'running',
    user: meta.user,
    startedAt: meta.startedAt,
    finishedAt: null,
    durationMs: null,
    counts: { ...EMPTY_COUNTS },
    errors: [],
    totalErrors: 0,
  };
}

/** The fields of a job's result that history keeps. */
export interface OperationSummary extends Pick<OperationRecord, 'counts' | 'errors' | 'totalErrors' | 'status'> {
  /** What detection found, when the options said "auto". */
  dataType?: string;
  format?: string;
}

export function summarise(result: JobResult | undefined, error?: ErrorValue): OperationSummary {
  const counts = { ...EMPTY_COUNTS };
  let status: OperationStatus = error ? (error.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed') : 'completed';
  let errors: ErrorValue[] = error ? [error] : [];
  let totalErrors = errors.length;
  const extra: { dataType?: string; format?: string } = {};
  const toValues = (list: { code: string; error: string; record: number; field?: string }[]) =>
    list.slice(0, HISTORY_ERROR_CAP).map((e) => ({ code: e.code as ErrorValue['code'], message: e.error, record: e.record, field: e.field }));
  if (result && 'undoneOperationId' in result) {
    const undo = result as UndoResult;
    counts.total = undo.removed + undo.restored;
    counts.successful = counts.total;
    status = undo.status === 'completed' ? 'completed' : 'failed';
    if (undo.error) errors = [undo.error];
    totalErrors = errors.length;
  } else if (result && 'successfulRecords' in result) {
    Object.assign(counts, {
      total: result.totalRecords,
      successful: result.successfulRecords,
      inserted: result.insertedRecords,
      skipped: result.skippedRecords,
      overwritten: result.overwrittenRecords,
      failed: result.failedRecords,
    });
    status = result.status;
    errors = toValues(result.errors);
    if (result.error && !errors.some((e) => e.message === result.error!.message)) errors.unshift(result.error);
    totalErrors = Math.max(result.totalErrors, errors.length);
    Object.assign(extra, detected(result.inputs));
  } else if (result && 'recordCount' in result) {
    counts.total = counts.successful = result.recordCount;
    status = result.status;
    if (result.error) errors = [result.error];
    totalErrors = errors.length;
  } else if (result && 'validRecords' in result) {
    Object.assign(counts, { total: result.totalRecords, successful: result.validRecords, failed: result.invalidRecords });
    status = result.error ? (result.error.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed') : result.valid ? 'completed' : 'completed_with_errors';
    errors = toValues(result.errors);
    if (result.error && !errors.some((e) => e.message === result.error!.message)) errors.unshift(result.error);
    totalErrors = Math.max(result.totalErrors, errors.length);
    Object.assign(extra, detected(result.inputs));
  }
  return { counts, errors, totalErrors, status, ...extra };
}

/** The data type and format detection settled on, when all inputs agree. */
function detected(inputs: { dataType: string; format: string }[]): { dataType?: string; format?: string } {
  const one = (values: string[]) => (values.length > 0 && values.every((v) => v === values[0]) ? values[0] : undefined);
  const out: { dataType?: string; format?: string } = {};
  const dataType = one(inputs.map((i) => i.dataType));
  const format = one(inputs.map((i) => i.format));
  if (dataType) out.dataType = dataType;
  if (format) out.format = format;
  return out;
}

export async function performOperation(store: Store, job: Job, meta: OperationMeta, hooks: OperationHooks): Promise<PerformedOperation> {
  // Every log line of the operation, down to the pipeline, carries its id.
  return withOperation(meta.operationId, async () => {
    log().info({ kind: job.kind, dryRun: job.kind === 'undo' ? job.dryRun : job.kind === 'import' ? job.options.dryRun : undefined }, 'operation started');
    const performed = await performOperationLogged(store, job, meta, hooks);
    log().info(
      {
        kind: job.kind,
        status: performed.record.status,
        counts: performed.record.counts,
        durationMs: performed.record.durationMs,
        totalErrors: performed.record.totalErrors,
      },
      'operation finished',
    );
    return performed;
  });
}

async function performOperationLogged(store: Store, job: Job, meta: OperationMeta, hooks: OperationHooks): Promise<PerformedOperation> {
  const log = new OperationLog(store.db);
  const record = initialRecord(job, meta);
  const writes = writesToStore(job);
  const inputFiles = job.kind === 'import' || job.kind === 'validate' ? job.files : [];
  // Sizes now (cheap), so even the row of an operation killed mid-way says which files, how big.
  for (const file of record.files) {
    try {
      file.bytes = fs.statSync(file.path ?? file.name).size;
    } catch {
      /* missing: the pipeline says so */
    }
  }
  try {
    if (writes) {
      // A killed writer must leave a `running` row behind, so the row commits before the work starts.
      hooks.onProgress({ step: 'waiting for the store', recordsProcessed: 0, totalRecords: null, bytesProcessed: 0, totalBytes: null });
      await whenWritable(store.db, () => log.save(record), hooks.signal);
    } else {
      // Readers never wait for a writer just to say they started; their row is written when they finish.
      tryWrite(store.db, () => log.save(record));
    }
  } catch (error) {
    const value = toErrorValue(error);
    finishRecord(record, summarise(undefined, value));
    record.files = await describeFiles(inputFiles);
    return { record, error: value };
  }
  let result: JobResult | undefined;
  let failure: ErrorValue | undefined;
  try {
    const journal = job.kind === 'import' && writes ? new SqlImportJournal(store, meta.operationId) : undefined;
    result = await executeJob(store, job, { operationId: meta.operationId, signal: hooks.signal, onProgress: hooks.onProgress, journal });
  } catch (error) {
    failure = toErrorValue(error);
  }
  finishRecord(record, summarise(result, failure));
  if (job.kind === 'import' && writes && result && 'insertedRecords' in result) {
    record.undoable = (record.status === 'completed' || record.status === 'completed_with_errors') && result.insertedRecords + result.overwrittenRecords > 0;
  }
  record.files = job.kind === 'export' ? exportFiles(result) : await describeFiles(inputFiles, result);
  return { record, result, error: failure };
}

/** Writes the finished row, waiting as long as another writer needs (the worker may wait; nobody blocks on it). */
export async function persistRecord(store: Store, record: OperationRecord): Promise<void> {
  const log = new OperationLog(store.db);
  await whenWritable(store.db, () => log.save(record), undefined, 10 * 60_000);
}

function finishRecord(record: OperationRecord, summary: OperationSummary): void {
  Object.assign(record, summary);
  record.finishedAt = new Date().toISOString();
  record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
}

/** Runs a small write as soon as the store takes one; a cancel while waiting stops the wait. */
export async function whenWritable(db: Db, write: () => void, signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The operation was cancelled before it started; nothing was changed.');
    try {
      // Short waits, so a cancel is noticed between them.
      inWriteTransaction(db, write, { busyTimeoutMs: 100 });
      return;
    } catch (error) {
      if (!isBusyError(error)) throw error;
      log().debug({ waitedMs: Date.now() - started }, 'store busy with another writer; retrying');
      if (Date.now() - started > maxWaitMs) throw new AppError(ERROR_CODES.STORE_BUSY, 'The store stayed busy with another write; try again in a moment.');
    }
    await sleep(50);
  }
}

/** One attempt, no waiting: false when another writer holds the store. */
function tryWrite(db: Db, write: () => void): boolean {
  try {
    inWriteTransaction(db, write, { busyTimeoutMs: 0 });
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  }
}

/**
 * Name, size and SHA-256 of each input file, as the audit trail keeps them (the bytes on disk). The pipeline
 * hashed what it read while reading it; a file only hashed here is one it never read through (a failure
 * before reading, a container), so a whole-file import reads its input once, not twice.
 */
export async function describeFiles(files: string[], result?: JobResult): Promise<OperationFileInfo[]> {
  const inputs = result && 'inputs' in result ? result.inputs : [];
  return Promise.all(
    files.map(async (file) => {
      const info: OperationFileInfo = { name: path.basename(file), path: file, bytes: 0 };
      try {
        info.bytes = (await fs.promises.stat(file)).size;
        const detected = inputs.find((i) => i.file === file && i.sha256);
        info.sha256 = detected?.sha256 ?? (await sha256File(file));
      } catch {
        /* unreadable: the pipeline reports why; history keeps the name */
      }
      return info;
    }),
  );
}

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function exportFiles(result: JobResult | undefined): OperationFileInfo[] {
  if (!result || !('files' in result)) return [];
  const files: OperationFileInfo[] = result.files.map((f) => ({ name: path.basename(f.path), path: f.path, bytes: f.bytes, sha256: f.sha256 }));
  if (result.manifestPath && !files.some((f) => f.path === result.manifestPath)) {
    try {
      files.push({ name: path.basename(result.manifestPath), path: result.manifestPath, bytes: fs.statSync(result.manifestPath).size });
    } catch {
      /* no manifest on disk */
    }
  }
  return files;
}
