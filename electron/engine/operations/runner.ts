/**
 * Runs operations and tracks them: progress (paced, monotonic), the active list, cancel (here or from another
 * process), and the persistent history. How a job is executed is the only thing runners differ in: the
 * WorkerRunner (worker-runner.ts) runs each in a worker thread, the InProcessRunner on the calling thread.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { FINISHED_STATUSES, type OperationProgress, type OperationRecord, type OperationStatus } from '../../../shared/operations.ts';
import type { Events } from '../../../shared/contract.ts';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Store } from '../store/store.ts';
import { isBusyError, withBusyTimeout } from '../store/transaction.ts';
import { newId } from '../pipeline/ids.ts';
import { writesToStore, type Job, type JobResult } from './jobs.ts';
import { OperationLog, processAlive, publicRecord, type HistoryFilter, type StoredOperation } from '../store/operation-log.ts';
import { initialRecord, performOperation, persistRecord, type OperationHooks, type OperationMeta, type PerformedOperation } from './perform.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { clearCancelRequest, readProgressFile, removeProgressFile, requestCancel, takeCancelRequest, writeProgressFile } from './cancel-requests.ts';

export { ProgressTracker, PROGRESS_INTERVAL_MS } from './progress-tracker.ts';

export interface OperationRunner {
  readonly events: TypedEmitter;
  run(job: Job, meta: { operationId?: string; user: string }): Promise<JobResult>;
  progress(operationId: string): OperationProgress | undefined;
  active(): OperationProgress[];
  history(limit: number, filter?: HistoryFilter): OperationRecord[];
  get(operationId: string): OperationRecord | undefined;
  /** True when the operation was running and is now cancelled (it has really stopped and rolled back). */
  cancel(operationId: string): Promise<boolean>;
  count(): number;
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

/** How a runner executes one job: the performed operation, and when its history row is on disk. */
export interface Execution {
  performed: Promise<PerformedOperation>;
  persisted: Promise<void>;
}

interface Live {
  record: OperationRecord;
  tracker: ProgressTracker;
  abort: AbortController;
  done: Promise<OperationStatus>;
}

/** Ticks the trackers: with their 200 ms pacing, listeners hear from a running operation at least every 250 ms. */
const HEARTBEAT_MS = 50;
/** How often the progress file for other processes is rewritten. */
const PROGRESS_FILE_MS = 500;
const CANCEL_WAIT_MS = 30_000;

export abstract class BaseRunner implements OperationRunner {
  readonly events = new TypedEmitter();
  protected readonly log: OperationLog;
  private readonly live = new Map<string, Live>();
  /** Finished here, history row not yet on disk (its worker may be waiting for the store). */
  private readonly unpersisted = new Map<string, OperationRecord>();
  private readonly persisting = new Set<Promise<void>>();
  /** Writers run one at a time: a second import waits its turn instead of failing on a busy store. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | undefined;
  private lastProgressFile = 0;
  private closed = false;

  constructor(protected readonly store: Store) {
    this.log = new OperationLog(store.db);
  }

  protected abstract execute(job: Job, meta: OperationMeta, hooks: OperationHooks): Execution;

  async run(job: Job, meta: { operationId?: string; user: string }): Promise<JobResult> {
    if (this.closed) throw new AppError(ERROR_CODES.INTERRUPTED, 'The service is shutting down; the operation was not started.');
    const operationId = meta.operationId ?? newId('op');
    if (this.live.has(operationId) || this.unpersisted.has(operationId) || this.log.get(operationId)) {
      throw new AppError(ERROR_CODES.CONFLICT, `An operation with id ${operationId} already exists.`);
    }
    const startedAt = new Date().toISOString();
    const opMeta: OperationMeta = { operationId, user: meta.user, startedAt };
    const tracker = new ProgressTracker(operationId, job.kind, (p) => this.events.emitEvent('operation.progress', p), startedAt);
    const abort = new AbortController();
    const record = initialRecord(job, opMeta);
    let settle!: (status: OperationStatus) => void;
    const live: Live = { record, tracker, abort, done: new Promise((resolve) => (settle = resolve)) };
    this.live.set(operationId, live);
    this.startHeartbeat();

    const hooks: OperationHooks = { signal: abort.signal, onProgress: (p) => tracker.update(p) };
    let turn: Promise<unknown> = Promise.resolve();
    // The next writer starts once this one's history row is on disk (undo reads it), whatever happens.
    let release = () => {};
    if (writesToStore(job)) {
      turn = this.writeQueue;
      this.writeQueue = new Promise<void>((resolve) => (release = resolve));
      record.status = 'pending';
      tracker.setStatus('pending', 'waiting for another write to finish');
    }
    let persistedHere: Promise<void> | undefined;
    let finalResult: JobResult | undefined;
    try {
      // A cancel while queued skips the wait: the job then stops before it touches the store.
      await Promise.race([turn, new Promise((resolve) => abort.signal.addEventListener('abort', resolve, { once: true }))]);
      record.status = 'running';
      tracker.setStatus('running', 'starting');
      const execution = this.execute(job, opMeta, hooks);
      const performed = await execution.performed;
      Object.assign(record, performed.record);
      this.unpersisted.set(operationId, record);
      persistedHere = execution.persisted;
      const persisting = execution.persisted
        .catch(() => {})
        .finally(() => {
          this.unpersisted.delete(operationId);
          this.persisting.delete(persisting);
        });
      this.persisting.add(persisting);
      if (!performed.result) {
        const error = performed.error ?? { code: ERROR_CODES.INTERNAL, message: 'The operation ended without a result.' };
        throw new AppError(error.code, error.message, error);
      }
      finalResult = performed.result;
      return performed.result;
    } catch (error) {
      if (!FINISHED_STATUSES.includes(record.status)) record.status = (error as AppError).code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed';
      throw error;
    } finally {
      this.live.delete(operationId);
      clearCancelRequest(this.store.path, operationId);
      removeProgressFile(this.store.path, operationId);
      tracker.finish(record.status);
      this.events.emitEvent('operation.finished', { operationId, type: job.kind, status: record.status, result: finalResult });
      settle(record.status);
      if (persistedHere) persistedHere.finally(release).catch(() => {});
      else release();
      if (this.live.size === 0) this.stopHeartbeat();
    }
  }

  progress(operationId: string): OperationProgress | undefined {
    const live = this.live.get(operationId);
    if (live) return { ...live.tracker.state };
    const record = this.get(operationId);
    if (!record) return undefined;
    return this.unpersisted.has(operationId) ? progressOf(record) : this.progressElsewhere(record);
  }

  active(): OperationProgress[] {
    const here = [...this.live.values()].map((l) => ({ ...l.tracker.state }));
    // Operations other processes are running on the same store (a CLI import while the app is open).
    const elsewhere = this.log
      .running()
      .filter((op) => !this.live.has(op.operationId) && !this.unpersisted.has(op.operationId) && processAlive(op.pid))
      .map((op) => this.progressElsewhere(publicRecord(op)));
    return [...here, ...elsewhere];
  }

  /** An operation another process runs: its progress file when there is one, else what history says. */
  private progressElsewhere(record: OperationRecord): OperationProgress {
    const running = record.status === 'running' || record.status === 'pending';
    const fromFile = running ? readProgressFile(this.store.path, record.operationId) : undefined;
    return fromFile && fromFile.operationId === record.operationId ? fromFile : progressOf(record);
  }

  history(limit: number, filter: HistoryFilter = {}): OperationRecord[] {
    const byId = new Map<string, OperationRecord>();
    for (const stored of this.log.history(limit, filter)) byId.set(stored.operationId, present(stored));
    for (const record of this.unpersisted.values()) byId.set(record.operationId, { ...record, dryRun: record.options.dryRun === true });
    for (const live of this.live.values())
      byId.set(live.record.operationId, { ...live.record, dryRun: live.record.options.dryRun === true, status: live.tracker.state.status });
    return [...byId.values()]
      .filter((r) => (filter.includeDryRuns !== false || !r.dryRun) && (filter.user === undefined || r.user === filter.user))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
      .slice(0, limit);
  }

  get(operationId: string): OperationRecord | undefined {
    const live = this.live.get(operationId);
    if (live) return { ...live.record, status: live.tracker.state.status };
    const unpersisted = this.unpersisted.get(operationId);
    if (unpersisted) return { ...unpersisted };
    const stored = this.log.get(operationId);
    return stored ? present(stored) : undefined;
  }

  count(): number {
    const notOnDisk = new Set([...this.live.keys(), ...this.unpersisted.keys()].filter((id) => !this.log.get(id)));
    return this.log.count() + notOnDisk.size;
  }

  async cancel(operationId: string): Promise<boolean> {
    const live = this.live.get(operationId);
    if (live) {
      if (FINISHED_STATUSES.includes(live.tracker.state.status)) return false;
      if (!live.abort.signal.aborted) {
        // Abort before telling listeners: one of them may ask to cancel again.
        live.abort.abort();
        live.tracker.setStatus(live.tracker.state.status, 'cancelling');
      }
      const status = await Promise.race([live.done, sleep(CANCEL_WAIT_MS).then(() => undefined)]);
      return status === 'cancelled';
    }
    // Finished here; its history row may still say running for a moment, until the worker has written it.
    if (this.unpersisted.has(operationId)) return false;
    // Running in another process: ask it through a request file, then watch its history row.
    const stored = this.log.get(operationId);
    if (!stored || (stored.status !== 'running' && stored.status !== 'pending') || !processAlive(stored.pid)) return false;
    requestCancel(this.store.path, operationId);
    try {
      const deadline = Date.now() + CANCEL_WAIT_MS;
      while (Date.now() < deadline) {
        await sleep(100);
        const now = this.log.get(operationId);
        if (!now) return false;
        if (now.status !== 'running' && now.status !== 'pending') return now.status === 'cancelled';
        if (!processAlive(now.pid)) return false;
      }
      return false;
    } finally {
      clearCancelRequest(this.store.path, operationId);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const live of this.live.values()) live.abort.abort();
    await Promise.allSettled([...this.live.values()].map((l) => l.done));
    await Promise.allSettled([...this.persisting]);
    this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const writeFiles = Date.now() - this.lastProgressFile >= PROGRESS_FILE_MS;
      if (writeFiles) this.lastProgressFile = Date.now();
      for (const [id, live] of this.live) {
        if (takeCancelRequest(this.store.path, id)) live.abort.abort();
        if (live.tracker.state.status === 'running' || live.tracker.state.status === 'pending') {
          live.tracker.tick();
          if (writeFiles) writeProgressFile(this.store.path, live.tracker.state);
        }
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

/**
 * A row left `running` by a process that no longer exists is shown as what it is (the store rolled its work
 * back, or kept it if it had committed), even before recovery rewrote the row.
 */
function present(stored: StoredOperation): OperationRecord {
  const record = publicRecord(stored);
  if ((stored.status === 'running' || stored.status === 'pending') && !processAlive(stored.pid)) {
    record.status = stored.committed ? 'completed' : 'interrupted';
  }
  return record;
}

function progressOf(record: OperationRecord): OperationProgress {
  const finished = record.status === 'completed' || record.status === 'completed_with_errors';
  return {
    operationId: record.operationId,
    type: record.type,
    status: record.status,
    progress: finished ? 100 : 0,
    currentStep: record.status,
    currentRecord: record.counts.total,
    totalRecords: finished ? record.counts.total : null,
    totalRecordsEstimated: false,
    bytesProcessed: finished ? record.files.reduce((n, f) => n + f.bytes, 0) : 0,
    totalBytes: record.files.length ? record.files.reduce((n, f) => n + f.bytes, 0) : null,
    recordsPerSecond: record.durationMs ? Math.round((record.counts.total * 1000) / record.durationMs) : 0,
    estimatedCompletion: null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt ?? undefined,
  };
}

/** Marks the rows of operations whose process died as interrupted (or completed, if their data committed). */
export function recoverInterrupted(store: Store): { interrupted: string[]; completed: string[] } {
  const log = new OperationLog(store.db);
  const out = { interrupted: [] as string[], completed: [] as string[] };
  if (store.db.readonly) return out;
  try {
    // Never make the start wait for a long import elsewhere: history shows the truth on read anyway.
    withBusyTimeout(store.db, 0, () => {
      for (const op of log.running()) {
        if (processAlive(op.pid)) continue;
        const status = log.settleOrphan(op);
        removeProgressFile(store.path, op.operationId);
        (status === 'completed' ? out.completed : out.interrupted).push(op.operationId);
      }
    });
  } catch (error) {
    if (!isBusyError(error)) throw error;
  }
  return out;
}

/** Runs each job on the calling thread, against the service's own connection. */
export class InProcessRunner extends BaseRunner {
  protected execute(job: Job, meta: OperationMeta, hooks: OperationHooks): Execution {
    const performed = performOperation(this.store, job, meta, hooks);
    const persisted = performed.then((p) => persistRecord(this.store, p.record));
    return { performed, persisted };
  }
}
