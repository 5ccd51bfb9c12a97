/**
 * Runs operations and tracks them: progress (paced, monotonic), active list, cancel, history. This runner
 * works in-process; the operations layer can swap in one that runs each job in a worker thread.
 */
import { EventEmitter } from 'node:events';
import type { OperationProgress, OperationRecord, OperationStatus, OperationType } from '../../../shared/operations.ts';
import type { Events } from '../../../shared/contract.ts';
import { AppError, ERROR_CODES, type ErrorValue } from '../../../shared/errors.ts';
import type { Store } from '../store/store.ts';
import type { PipelineProgress } from '../pipeline/progress.ts';
import { newId } from '../pipeline/ids.ts';
import { executeJob, redactOptions, type Job, type JobResult } from './jobs.ts';

export interface OperationRunner {
  readonly events: TypedEmitter;
  run(job: Job, meta: { operationId?: string; user: string }): Promise<JobResult>;
  progress(operationId: string): OperationProgress | undefined;
  active(): OperationProgress[];
  history(limit: number): OperationRecord[];
  get(operationId: string): OperationRecord | undefined;
  cancel(operationId: string): boolean;
  close(): Promise<void>;
}

export class TypedEmitter extends EventEmitter {
  emitEvent<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.emit(event, payload);
  }
  onEvent<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.on(event, listener);
    return () => this.off(event, listener);
  }
}

/** Progress at a steady pace: at most one event per interval, and the final state always. */
export const PROGRESS_INTERVAL_MS = 200;

export class ProgressTracker {
  readonly state: OperationProgress;
  private lastEmit = 0;
  private readonly startedMs = Date.now();

  constructor(
    operationId: string,
    type: OperationType,
    private readonly emit: (p: OperationProgress) => void,
  ) {
    this.state = {
      operationId,
      type,
      status: 'running',
      progress: 0,
      currentStep: 'starting',
      currentRecord: 0,
      totalRecords: null,
      totalRecordsEstimated: false,
      bytesProcessed: 0,
      totalBytes: null,
      recordsPerSecond: 0,
      estimatedCompletion: null,
      startedAt: new Date(this.startedMs).toISOString(),
    };
  }

  update(p: PipelineProgress, force = false): void {
    const s = this.state;
    s.currentStep = p.step;
    s.currentRecord = p.recordsProcessed;
    s.bytesProcessed = p.bytesProcessed;
    s.totalBytes = p.totalBytes;
    const elapsed = (Date.now() - this.startedMs) / 1000;
    s.recordsPerSecond = elapsed > 0 ? Math.round(p.recordsProcessed / elapsed) : 0;
    let fraction: number | null = null;
    if (p.totalRecords !== null && p.totalRecords > 0) {
      s.totalRecords = p.totalRecords;
      s.totalRecordsEstimated = false;
      fraction = p.recordsProcessed / p.totalRecords;
    } else if (p.totalBytes && p.totalBytes > 0) {
      fraction = p.bytesProcessed / p.totalBytes;
      // Unknown record count: estimate it from the bytes read so far.
      if (fraction > 0 && p.recordsProcessed > 0) {
        s.totalRecords = Math.max(p.recordsProcessed, Math.round(p.recordsProcessed / fraction));
        s.totalRecordsEstimated = true;
      }
    }
    if (fraction !== null) {
      // Never backwards, and 100 only when finished.
      s.progress = Math.max(s.progress, Math.min(99, Math.floor(fraction * 100)));
      if (fraction > 0.01 && elapsed > 1) {
        s.estimatedCompletion = new Date(Date.now() + ((1 - fraction) / fraction) * elapsed * 1000).toISOString();
      }
    }
    const now = Date.now();
    if (force || now - this.lastEmit >= PROGRESS_INTERVAL_MS) {
      this.lastEmit = now;
      this.emit({ ...s });
    }
  }

  finish(status: OperationStatus): void {
    this.state.status = status;
    if (status === 'completed' || status === 'completed_with_errors') this.state.progress = 100;
    this.state.currentStep = status;
    this.state.finishedAt = new Date().toISOString();
    this.state.estimatedCompletion = null;
    this.emit({ ...this.state });
  }
}

/** The fields of a job's result that history keeps. */
export function summarise(job: Job, result: JobResult | undefined, error?: ErrorValue): Pick<OperationRecord, 'counts' | 'errors' | 'totalErrors' | 'status'> {
  const counts = { total: 0, successful: 0, inserted: 0, skipped: 0, overwritten: 0, failed: 0 };
  let status: OperationStatus = error ? (error.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed') : 'completed';
  let errors: ErrorValue[] = error ? [error] : [];
  let totalErrors = errors.length;
  if (result && 'totalRecords' in result && 'successfulRecords' in result) {
    Object.assign(counts, {
      total: result.totalRecords,
      successful: result.successfulRecords,
      inserted: result.insertedRecords,
      skipped: result.skippedRecords,
      overwritten: result.overwrittenRecords,
      failed: result.failedRecords,
    });
    status = result.status;
    errors = result.errors.slice(0, 1000).map((e) => ({ code: e.code as ErrorValue['code'], message: e.error, record: e.record, field: e.field }));
    totalErrors = result.totalErrors;
  } else if (result && 'recordCount' in result) {
    counts.total = counts.successful = result.recordCount;
    status = result.status;
    if (result.error) errors = [result.error];
  } else if (result && 'validRecords' in result) {
    Object.assign(counts, { total: result.totalRecords, successful: result.validRecords, failed: result.invalidRecords });
    status = result.error ? 'failed' : result.valid ? 'completed' : 'completed_with_errors';
    errors = result.errors.slice(0, 1000).map((e) => ({ code: e.code as ErrorValue['code'], message: e.error, record: e.record, field: e.field }));
    totalErrors = result.totalErrors;
  }
  return { counts, errors, totalErrors, status };
}

export function describeJob(job: Job): Pick<OperationRecord, 'type' | 'dataType' | 'format' | 'options' | 'files'> {
  return {
    type: job.kind,
    dataType: job.options.dataType ?? null,
    format: job.options.format ?? null,
    options: redactOptions(job.options),
    files: job.kind === 'export' ? [] : job.files.map((f) => ({ name: f, path: f, bytes: 0 })),
  };
}

/** Runs each job on the calling thread, against the service's own connection. History lives in memory. */
export class InProcessRunner implements OperationRunner {
  readonly events = new TypedEmitter();
  private readonly running = new Map<string, { tracker: ProgressTracker; abort: AbortController }>();
  private readonly records = new Map<string, OperationRecord>();

  constructor(private readonly store: Store) {}

  async run(job: Job, meta: { operationId?: string; user: string }): Promise<JobResult> {
    const operationId = meta.operationId ?? newId('op');
    if (this.running.has(operationId) || this.records.has(operationId)) {
      throw new AppError(ERROR_CODES.CONFLICT, `An operation with id ${operationId} already exists.`);
    }
    const abort = new AbortController();
    const tracker = new ProgressTracker(operationId, job.kind, (p) => this.events.emitEvent('operation.progress', p));
    this.running.set(operationId, { tracker, abort });
    const record: OperationRecord = {
      operationId,
      ...describeJob(job),
      status: 'running',
      user: meta.user,
      startedAt: tracker.state.startedAt,
      finishedAt: null,
      durationMs: null,
      counts: { total: 0, successful: 0, inserted: 0, skipped: 0, overwritten: 0, failed: 0 },
      errors: [],
      totalErrors: 0,
    };
    this.records.set(operationId, record);
    let result: JobResult | undefined;
    try {
      result = await executeJob(this.store, job, { operationId, signal: abort.signal, onProgress: (p) => tracker.update(p) });
      Object.assign(record, summarise(job, result));
    } catch (error) {
      Object.assign(record, summarise(job, undefined, error instanceof AppError ? error.toValue() : { code: ERROR_CODES.INTERNAL, message: String(error) }));
      throw error;
    } finally {
      record.finishedAt = new Date().toISOString();
      record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
      this.running.delete(operationId);
      tracker.finish(record.status);
      this.events.emitEvent('operation.finished', { operationId, type: job.kind, status: record.status, result });
    }
    return result;
  }

  progress(operationId: string): OperationProgress | undefined {
    const live = this.running.get(operationId);
    if (live) return { ...live.tracker.state };
    const done = this.records.get(operationId);
    if (!done) return undefined;
    return {
      operationId,
      type: done.type,
      status: done.status,
      progress: done.status === 'completed' || done.status === 'completed_with_errors' ? 100 : 0,
      currentStep: done.status,
      currentRecord: done.counts.total,
      totalRecords: done.counts.total,
      totalRecordsEstimated: false,
      bytesProcessed: 0,
      totalBytes: null,
      recordsPerSecond: done.durationMs ? Math.round((done.counts.total * 1000) / done.durationMs) : 0,
      estimatedCompletion: null,
      startedAt: done.startedAt,
      finishedAt: done.finishedAt ?? undefined,
    };
  }

  active(): OperationProgress[] {
    return [...this.running.values()].map((r) => ({ ...r.tracker.state }));
  }

  history(limit: number): OperationRecord[] {
    return [...this.records.values()].reverse().slice(0, limit);
  }

  get(operationId: string): OperationRecord | undefined {
    return this.records.get(operationId);
  }

  cancel(operationId: string): boolean {
    const live = this.running.get(operationId);
    if (!live) return false;
    live.abort.abort();
    return true;
  }

  async close(): Promise<void> {
    for (const live of this.running.values()) live.abort.abort();
  }
}
