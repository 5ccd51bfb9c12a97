/**
 * Runs each operation in a worker thread, so the thread that asked (Electron's main process, the HTTP host,
 * the CLI) stays responsive while a pipeline parses and writes. Workers are pooled and reused: starting one
 * costs a module load (most of a second under tsx), running a job costs only the job.
 *
 * How a worker starts is injectable: plain Node runs the TypeScript entry through tsx (the default); Electron
 * passes the path of the bundled worker that electron-vite built.
 */
import type { Worker } from 'node:worker_threads';
import { ERROR_CODES, type ErrorValue } from '../../../shared/errors.ts';
import { emptyImportResult } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import { withoutSecrets, type Job } from './jobs.ts';
import { initialRecord, persistRecord, type OperationHooks, type OperationMeta, type PerformedOperation } from './perform.ts';
import { BaseRunner, type Execution } from './runner.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';
import { defaultWorkerLauncher, type WorkerLauncher } from './worker-launchers.ts';

export { builtWorkerLauncher, defaultWorkerLauncher, fileWorkerLauncher, tsxWorkerLauncher, type WorkerLauncher } from './worker-launchers.ts';

export interface WorkerRunnerOptions {
  /** Starts one pipeline worker; defaults to the TypeScript entry through tsx. */
  launch?: WorkerLauncher;
  /** How long a cancelled job's worker may take to stop before it is terminated (default CANCEL_GRACE_MS). */
  cancelGraceMs?: number;
}

/**
 * A worker reads the cancel between records; one stuck inside a record (a transformation looping, a parser on a
 * pathological cell) never does, and would hold the store's write lock until it finished. After this long it is
 * terminated instead: its transaction dies with its connection, so nothing it wrote is kept.
 */
export const CANCEL_GRACE_MS = 5_000;

/** Idle workers, per launcher, kept for the next job; unref'd so they never keep a process alive. */
const idle = new Map<WorkerLauncher, Worker[]>();
const MAX_IDLE = 2;

function takeWorker(launch: WorkerLauncher): Worker {
  const pooled = idle.get(launch)?.pop();
  if (pooled) {
    pooled.ref();
    return pooled;
  }
  const worker = launch();
  // An idle worker that exits (crash, terminate) leaves the pool.
  worker.once('exit', () => {
    const pool = idle.get(launch);
    const at = pool?.indexOf(worker) ?? -1;
    if (at >= 0) pool!.splice(at, 1);
  });
  return worker;
}

function giveBack(launch: WorkerLauncher, worker: Worker): void {
  const pool = idle.get(launch) ?? [];
  idle.set(launch, pool);
  if (pool.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  pool.push(worker);
}

/** Ends the idle workers (tests, and an app quitting cleanly). */
export async function shutdownWorkerPool(): Promise<void> {
  const all = [...idle.values()].flat();
  idle.clear();
  await Promise.allSettled(all.map((w) => w.terminate()));
}

export class WorkerRunner extends BaseRunner {
  private readonly launch: WorkerLauncher;

  constructor(store: Store, options: WorkerRunnerOptions = {}) {
    super(store);
    this.launch = options.launch ?? defaultWorkerLauncher;
    this.cancelGraceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
  }

  private readonly cancelGraceMs: number;

  protected execute(job: Job, meta: OperationMeta, hooks: OperationHooks): Execution {
    const worker = takeWorker(this.launch);
    let resolvePerformed!: (p: PerformedOperation) => void;
    let resolvePersisted!: () => void;
    const performed = new Promise<PerformedOperation>((resolve) => (resolvePerformed = resolve));
    const persisted = new Promise<void>((resolve) => (resolvePersisted = resolve));
    let gotPerformed = false;
    let finished = false;

    let grace: NodeJS.Timeout | undefined;
    const onCancel = () => {
      worker.postMessage({ type: 'cancel', operationId: meta.operationId } satisfies ToWorker);
      grace ??= setTimeout(() => terminateUnanswered(), this.cancelGraceMs);
    };
    const cleanup = (reusable: boolean) => {
      if (finished) return;
      finished = true;
      if (grace) clearTimeout(grace);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      hooks.signal.removeEventListener('abort', onCancel);
      if (reusable) giveBack(this.launch, worker);
    };
    const onMessage = (message: FromWorker) => {
      if (message.operationId !== meta.operationId) return;
      if (message.type === 'progress') hooks.onProgress(message.progress);
      else if (message.type === 'performed') {
        gotPerformed = true;
        resolvePerformed(message.performed);
      } else if (message.type === 'persisted') {
        cleanup(true);
        resolvePersisted();
      }
    };
    const onDeath = (error: ErrorValue) => {
      cleanup(false);
      if (!gotPerformed) {
        // The worker died mid-job: its transaction died with it (nothing was kept). History says so here.
        const record = { ...initialRecord(job, meta), status: 'failed' as const, errors: [error], totalErrors: 1, finishedAt: new Date().toISOString() };
        record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
        resolvePerformed({ record, error });
        persistRecord(this.store, record).then(resolvePersisted, resolvePersisted);
      } else resolvePersisted();
    };
    // Cancelled and silent past the grace period: the worker is ended (the pool starts a fresh one for the next job)
    // and history records the operation as cancelled once the worker, and with it its write lock, is gone.
    const terminateUnanswered = () => {
      if (finished || gotPerformed) return; // it answered: it is only writing its history row now
      cleanup(false);
      const seconds = Math.round(this.cancelGraceMs / 100) / 10;
      const error: ErrorValue = {
        code: ERROR_CODES.CANCELLED,
        message: `The ${job.kind} was cancelled: its worker did not stop within ${seconds} s (stuck inside one record), so it was terminated; nothing was written.`,
      };
      const record = { ...initialRecord(job, meta), status: 'cancelled' as const, errors: [error], totalErrors: 1, finishedAt: new Date().toISOString() };
      record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
      const result =
        job.kind === 'import' ? emptyImportResult(meta.operationId, { status: 'cancelled', dryRun: job.options.dryRun === true, error }) : undefined;
      worker
        .terminate()
        .catch(() => 0)
        .then(() => {
          resolvePerformed({ record, result, error });
          return persistRecord(this.store, record);
        })
        .then(resolvePersisted, resolvePersisted);
    };
    const onError = (error: Error) => onDeath({ code: ERROR_CODES.INTERNAL, message: `The pipeline worker stopped: ${error.message}` });
    const onExit = (code: number) => onDeath({ code: ERROR_CODES.INTERNAL, message: `The pipeline worker exited unexpectedly (code ${code}).` });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    hooks.signal.addEventListener('abort', onCancel, { once: true });

    const { job: bare, secrets } = withoutSecrets(job);
    const message: ToWorker = { type: 'run', job: bare, meta, storePath: this.store.path };
    const transfer: ArrayBuffer[] = [];
    if (Object.keys(secrets).length > 0) {
      const bytes = new TextEncoder().encode(JSON.stringify(secrets));
      message.secrets = bytes.buffer as ArrayBuffer;
      transfer.push(message.secrets);
    }
    worker.postMessage(message, transfer);
    if (hooks.signal.aborted) onCancel();
    return { performed, persisted };
  }
}
