/**
 * Quitting (Cmd+Q, File → Quit, app.quit()) closes the service before the process goes: `before-quit` is held
 * while a running import is cancelled and recorded as such, then the app quits for real, once.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { closeServiceBeforeQuit, type QuitApp } from '../../electron/main/quit.ts';
import { tempDir, writeJsonl } from '../operations/helpers.ts';

afterAll(() => shutdownWorkerPool());

function standInApp() {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  let quits = 0;
  let resolveQuit!: () => void;
  const quitCalled = new Promise<void>((resolve) => (resolveQuit = resolve));
  const app: QuitApp = {
    on: (_event, listener) => listeners.push(listener),
    quit: () => {
      quits++;
      resolveQuit();
    },
  };
  /** Emits before-quit; says whether a listener held the quit. */
  const beforeQuit = () => {
    let prevented = false;
    for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { app, beforeQuit, quitCalled, quits: () => quits };
}

describe('quit closes the service', { timeout: 120_000 }, () => {
  it('holds the first quit, cancels and records the running import, then quits once', async () => {
    const dir = tempDir();
    const storePath = path.join(dir, 'store.db');
    const big = writeJsonl(path.join(dir, 'big.jsonl'), 60_000, 'big');
    const service = new ContextStoreService({ storePath });
    const { app, beforeQuit, quitCalled, quits } = standInApp();
    let current: ContextStoreService | undefined = service;
    closeServiceBeforeQuit(app, () => current);

    const held: boolean[] = [];
    service.events.onEvent('operation.progress', (p) => {
      if (p.operationId === 'op_quit_mid_import' && p.currentRecord >= 2000 && held.length === 0) {
        held.push(beforeQuit());
        // A second Cmd+Q while closing is held too, and does not close twice.
        held.push(beforeQuit());
      }
    });
    const result = await service.call('importData', { files: [big], options: { batchSize: 500 }, operationId: 'op_quit_mid_import' });
    await quitCalled;
    current = undefined;

    expect(held).toEqual([true, true]);
    expect(result.ok && result.value.status).toBe('cancelled');
    expect(quits()).toBe(1);
    // The quit that follows the close goes through.
    expect(beforeQuit()).toBe(false);
    // Recorded as cancelled in the store, not left `running` for the next start to find.
    const reopened = new ContextStoreService({ storePath });
    expect((await reopened.runner.get('op_quit_mid_import'))?.status).toBe('cancelled');
    await reopened.close();
  });

  it('lets the quit through at once when no service was opened (a start that failed)', () => {
    const { app, beforeQuit, quits } = standInApp();
    closeServiceBeforeQuit(app, () => undefined);
    expect(beforeQuit()).toBe(false);
    expect(quits()).toBe(0);
  });
});
