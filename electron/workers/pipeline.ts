/**
 * The pipeline worker: receives jobs one at a time, runs each against its own store connection (same pragmas,
 * no migrations: the parent already ran them), posts paced progress, the result, and then "persisted" once
 * the history row is on disk. Thin on purpose: all behaviour lives in the engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from '../engine/store/store.ts';
import { preloadPipeline, withSecrets } from '../engine/operations/jobs.ts';
import type { WorkerStart } from '../engine/operations/worker-launchers.ts';
import { initialRecord, performOperation, persistRecord, type PerformedOperation } from '../engine/operations/perform.ts';
import type { FromWorker, ToWorker } from '../engine/operations/worker-protocol.ts';
import { toErrorValue } from '../../shared/errors.ts';

/** An export's page cache: 4 MiB (store/open.ts says what it saves). */
const EXPORT_CACHE_KIB = 4096;

/** The worker posts progress at most this often; the parent paces what listeners see. */
const POST_INTERVAL_MS = 50;

/**
 * Test hook: the operation with this id stops answering once it is writing, as a transformation stuck in a loop
 * would (test/operations/cancel-stuck-worker.test.ts). Unset everywhere else; an id nobody else chose.
 */
const STALL_OPERATION = process.env.CONTEXT_STORE_TEST_STALL_OPERATION;

let current: { operationId: string; abort: AbortController } | undefined;
const post = (message: FromWorker) => parentPort?.postMessage(message);

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    if (current?.operationId === message.operationId) current.abort.abort();
  } else if (message.type === 'run') {
    void run(message);
  }
});

// Told what its first job will be (the CLI starts its worker before it has the job ready): that pipeline loads now.
const start = workerData as WorkerStart | null | undefined;
if (start?.firstJob) preloadPipeline(start.firstJob);

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { meta } = message;
  const abort = new AbortController();
  current = { operationId: meta.operationId, abort };
  let store: Store | undefined;
  let performedPosted = false;
  // Closed before 'persisted' is posted: the main thread closes its own connection once it has that message,
  // and when both closed at once neither saw itself the last, so a new store's WAL (a whole import's worth)
  // stayed beside it until some later run closed cleanly.
  const closeStore = () => {
    store?.close();
    store = undefined;
  };
  try {
    const secrets = message.secrets ? (JSON.parse(Buffer.from(message.secrets).toString('utf8')) as Record<string, string>) : {};
    const job = withSecrets(message.job, secrets);
    // An export reads the store in order and needs little page cache (store/open.ts); the others keep the default.
    store = Store.open(message.storePath, { migrate: false, cacheKib: job.kind === 'export' ? EXPORT_CACHE_KIB : undefined });
    let lastPost = 0;
    let lastStep = '';
    const performed = await performOperation(store, job, meta, {
      signal: abort.signal,
      onProgress: (progress) => {
        if (STALL_OPERATION && meta.operationId === STALL_OPERATION && progress.step === 'writing') {
          post({ type: 'progress', operationId: meta.operationId, progress });
          for (;;);
        }
        const now = Date.now();
        if (progress.step === lastStep && now - lastPost < POST_INTERVAL_MS) return;
        lastPost = now;
        lastStep = progress.step;
        post({ type: 'progress', operationId: meta.operationId, progress });
      },
    });
    post({ type: 'performed', operationId: meta.operationId, performed });
    performedPosted = true;
    await persistRecord(store, performed.record);
    closeStore();
    post({ type: 'persisted', operationId: meta.operationId });
  } catch (error) {
    // Only reached when the store could not be opened or history could not be written.
    const value = toErrorValue(error);
    closeStore();
    if (performedPosted) {
      post({ type: 'persisted', operationId: meta.operationId, error: value.message });
      return;
    }
    const record = initialRecord(message.job, meta);
    const performed: PerformedOperation = {
      record: { ...record, status: 'failed', errors: [value], totalErrors: 1, finishedAt: new Date().toISOString() },
      error: value,
    };
    post({ type: 'performed', operationId: meta.operationId, performed });
    post({ type: 'persisted', operationId: meta.operationId, error: value.message });
  } finally {
    closeStore();
    current = undefined;
  }
}
