/**
 * How a pipeline worker starts: the launchers WorkerRunner takes (worker-runner.ts re-exports them). Apart from
 * the runner so a caller can start a worker before it loads the engine: the CLI does (electron/cli/early-worker.ts).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Job } from './jobs.ts';

/** What a worker may be told when it starts (its workerData): the kind of its first job, so it loads that pipeline at once. */
export interface WorkerStart {
  firstJob?: Job['kind'];
}

export type WorkerLauncher = (start?: WorkerStart) => Worker;

/**
 * The pipeline's records are short-lived garbage, and V8 grows a worker's young generation towards its maximum
 * under that churn even when little survives (import XML: 80 MB committed for a 14 MB live heap), which is
 * what pushed some rows of the bench over the 250 MB peak-RSS bar. A smaller cap costs a few per cent of CPU in
 * more frequent scavenges (docs/performance.md, "Worker heap").
 */
export const PIPELINE_WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 24 } };

/** The TypeScript entry, started through tsx: for plain Node (CLI, tests, HTTP host). */
export const tsxWorkerLauncher: WorkerLauncher = (start) => {
  // Built at run time so a bundler does not try to follow it: Electron never takes this path.
  const entry = ['..', '..', 'workers', 'pipeline-tsx.mjs'].join('/');
  return new Worker(fileURLToPath(new URL(entry, import.meta.url)), { ...PIPELINE_WORKER_OPTIONS, workerData: start });
};

/** Set by the CLI build (scripts/build-cli.mjs): the worker is then the built file next to the bundle. */
declare const __CS_BUNDLED__: boolean | undefined;
const bundled = typeof __CS_BUNDLED__ !== 'undefined' && __CS_BUNDLED__;

/** The built worker beside the built CLI (out/cli/pipeline-worker.mjs): no TypeScript to compile at start. */
export const builtWorkerLauncher: WorkerLauncher = (start) =>
  new Worker(fileURLToPath(new URL('./pipeline-worker.mjs', import.meta.url)), { ...PIPELINE_WORKER_OPTIONS, workerData: start });

/** Plain Node's default: the built worker when this code is the built CLI, else the TypeScript entry. */
export const defaultWorkerLauncher: WorkerLauncher = bundled ? builtWorkerLauncher : tsxWorkerLauncher;

/** A bundled worker file (electron-vite's `?modulePath` import). */
export function fileWorkerLauncher(file: string): WorkerLauncher {
  return (start) => new Worker(file, { ...PIPELINE_WORKER_OPTIONS, workerData: start });
}
