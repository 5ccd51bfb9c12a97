/**
 * The pipeline worker: receives one job, runs it against its own store connection, posts progress and the
 * result. Thin on purpose: all behaviour lives in the engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from '../engine/store/store.ts';
import { setDefaultNativeBinding } from '../engine/store/open.ts';
import { executeJob, type Job } from '../engine/operations/jobs.ts';
import { toErrorValue } from '../../shared/errors.ts';

interface WorkerInput {
  storePath: string;
  nativeBinding?: string;
  job: Job;
  operationId: string;
}

async function run(): Promise<void> {
  const input = workerData as WorkerInput;
  setDefaultNativeBinding(input.nativeBinding);
  const abort = new AbortController();
  parentPort?.on('message', (message: { type: string }) => {
    if (message.type === 'cancel') abort.abort();
  });
  const store = Store.open(input.storePath, { migrate: false });
  try {
    const result = await executeJob(store, input.job, {
      operationId: input.operationId,
      signal: abort.signal,
      onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }),
    });
    parentPort?.postMessage({ type: 'result', result });
  } catch (error) {
    parentPort?.postMessage({ type: 'error', error: toErrorValue(error) });
  } finally {
    store.close();
  }
}

void run();
