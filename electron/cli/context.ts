/** What every command shares: the global options and a lazily opened service. */
import { ContextStoreService } from '../engine/service.ts';
import { resolveStorePath } from '../engine/store/paths.ts';
import type { OperationRunner } from '../engine/operations/runner.ts';
import { WorkerRunner } from '../engine/operations/worker-runner.ts';
import type { Store } from '../engine/store/store.ts';
import type { ServiceOptions } from '../engine/service.ts';

export interface GlobalOptions {
  db?: string;
}

export type RunnerFactory = (store: Store, options: ServiceOptions) => OperationRunner;

export class CliContext {
  private service: ContextStoreService | undefined;
  /** Pipelines run in a worker thread, so Ctrl-C and progress stay live while one parses and writes. */
  static runnerFactory: RunnerFactory | undefined = (store) => new WorkerRunner(store);

  constructor(private readonly globals: () => GlobalOptions) {}

  get storePath(): string {
    return resolveStorePath(this.globals().db);
  }

  open(): ContextStoreService {
    this.service ??= new ContextStoreService({ storePath: this.storePath, runner: CliContext.runnerFactory });
    return this.service;
  }

  async close(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }
}
