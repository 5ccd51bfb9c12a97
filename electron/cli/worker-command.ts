/**
 * Which kind of pipeline job a command line will run, read from the bare command line before the CLI (commander,
 * the commands) is loaded: bin/context-store.mjs starts that worker first (early-worker.ts), so the thread boots
 * while the CLI loads. Imports nothing, so `--help` and every other command pay nothing for the question.
 */
import type { Job } from '../engine/operations/jobs.ts';

/** The commands whose operation runs in the worker, by command word, with the kind of job each runs. */
const WORKER_COMMANDS: Record<string, Job['kind']> = { import: 'import', export: 'export', validate: 'validate', undo: 'undo' };
/** The global options that take a value (main.ts): the word after one is its value, not the command. */
const GLOBAL_VALUES = new Set(['--db', '--log-level']);

/**
 * The kind of the job `argv` (process.argv) runs, if its command word names one. None for help, which runs
 * nothing, nor with --log-level: a worker copies the environment when it starts, and the level reaches it
 * through the environment only once the command line is parsed (configureLogging); such runs start their
 * worker when the command runs (runCall), as every run did before. A guess that turns out wrong (a bad
 * argument) only costs a worker that is never used: it keeps the process neither alive nor failing.
 */
export function workerKindFor(argv: readonly string[]): Job['kind'] | undefined {
  const args = argv.slice(2);
  if (args.some((arg) => arg === '--help' || arg === '-h' || arg === '--log-level' || arg.startsWith('--log-level='))) return undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (GLOBAL_VALUES.has(arg)) i++;
    else if (!arg.startsWith('-')) return Object.hasOwn(WORKER_COMMANDS, arg) ? WORKER_COMMANDS[arg] : undefined;
  }
  return undefined;
}
