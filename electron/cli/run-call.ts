/** Runs a contract call from a command: progress bar while it runs, the result or a readable error after. */
import type { CallInput, CallName, CallOutput } from '../../shared/contract.ts';
import { exitCodeForError } from './exit-codes.ts';
import { CliFailure, ProgressBar } from './output.ts';
import type { CliContext } from './context.ts';
import { startWorkerEarly } from './early-worker.ts';
import type { Job } from '../engine/operations/jobs.ts';

export async function runCall<K extends CallName>(
  cli: CliContext,
  name: K,
  input: CallInput<K>,
  /** `worker`: the call runs an operation of this kind in the pipeline worker, started now. */
  options: { json: boolean; progress?: boolean; worker?: Job['kind'] },
): Promise<CallOutput<K>> {
  if (options.worker) startWorkerEarly(options.worker);
  const service = await cli.open();
  const bar = new ProgressBar(!options.json && (options.progress ?? true));
  const unsubscribe = bar.enabled ? service.events.onEvent('operation.progress', (p) => bar.update(p)) : () => {};
  // Ctrl-C cancels the operation (and so rolls an import back) instead of killing the process mid-write.
  const onSigint = () => {
    for (const op of service.runner.active()) service.runner.cancel(op.operationId);
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await service.call(name, input);
    if (!result.ok) throw new CliFailure(result.error, exitCodeForError(result.error));
    return result.value;
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    bar.done();
  }
}
