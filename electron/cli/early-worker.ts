/**
 * An import, export, validation or undo runs in a pipeline worker (WorkerRunner), and starting one (a thread,
 * then the engine's code in it) is half of a one-record run. The CLI has nothing to do meanwhile but load the
 * same engine and open the store, so it starts the worker first: both loads run at once, on two cores, and
 * the runner then takes this worker instead of starting its own. Every job still runs in a worker, as in the
 * app and the HTTP host (one code path: progress, Ctrl-C, a stuck worker terminated, history rows).
 *
 * The built CLI starts it sooner still: bin/context-store.mjs reads the command word from the command line
 * (worker-command.ts) and starts the worker before it loads the CLI itself, so the thread boots while
 * commander and the commands load.
 */
import type { Worker } from 'node:worker_threads';
import type { Job } from '../engine/operations/jobs.ts';
import { defaultWorkerLauncher, type WorkerLauncher } from '../engine/operations/worker-launchers.ts';

let early: { worker: Worker; dead: boolean } | undefined;

/**
 * Starts the worker the command's operation (of this kind) will take; until then it keeps neither the process
 * alive nor an error. Told the kind, the worker loads that pipeline while this thread prepares the job.
 */
export function startWorkerEarly(kind: Job['kind']): void {
  if (early) return;
  const started = { worker: defaultWorkerLauncher({ firstJob: kind }), dead: false };
  // A worker that fails to load before its job is handed out is replaced by a fresh start: the runner then
  // sees that one's failure, exactly as without the early start.
  started.worker.once('error', () => (started.dead = true));
  started.worker.once('exit', () => (started.dead = true));
  started.worker.unref();
  early = started;
}

/** The CLI's launcher: the early worker once, if it is alive, else a new one (what the default launcher does). */
export const earlyWorkerLauncher: WorkerLauncher = () => {
  const taken = early;
  early = undefined;
  if (!taken || taken.dead) return defaultWorkerLauncher();
  taken.worker.ref();
  return taken.worker;
};
