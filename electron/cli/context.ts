/** What every command shares: the global options and a lazily opened service. */
import { resolveStorePath } from '../engine/store/paths.ts';
import { earlyWorkerLauncher } from './early-worker.ts';
import type { OperationRunner } from '../engine/operations/runner.ts';
import type { ContextStoreService, ServiceOptions } from '../engine/service.ts';
import type { Store } from '../engine/store/store.ts';

export interface GlobalOptions {
  db?: string;
}

export type RunnerFactory = (store: Store, options: ServiceOptions) => OperationRunner;

/**
 * The engine (service, store, pipelines: most of the CLI's code) is imported on first use, not at start: a
 * command that never opens the store (`--help`, `keygen`) does not load it (docs/performance.md, "Start-up").
 */
export class CliContext {
  private service: ContextStoreService | undefined;

  constructor(private readonly globals: () => GlobalOptions) {}

  /** Pipelines run in a worker thread, so Ctrl-C and progress stay live while one parses and writes. */
  static async runnerFactory(): Promise<RunnerFactory> {
    const { WorkerRunner } = await import('../engine/operations/worker-runner.ts');
    return (store) => new WorkerRunner(store, { launch: earlyWorkerLauncher });
  }

  get storePath(): string {
    return resolveStorePath(this.globals().db);
  }

  async open(): Promise<ContextStoreService> {
    if (!this.service) {
      const [{ ContextStoreService }, runner] = await Promise.all([import('../engine/service.ts'), CliContext.runnerFactory()]);
      this.service ??= new ContextStoreService({ storePath: this.storePath, runner });
    }
    return this.service;
  }

  async close(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }
}
