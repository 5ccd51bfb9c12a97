/**
 * The IPC layer without Electron: a fake ipcMain records the handlers main registers. Every contract call has
 * a handler and a client method; invalid input and untrusted senders are refused before the service runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/contract.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL, type ContextStoreBridge } from '../../shared/ipc.ts';
import type { Result } from '../../shared/errors.ts';
import { APP_INDEX_URL } from '../../electron/main/app-protocol.ts';
import { createCallDispatch, isAppUrl, registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc.ts';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { createIpcClient } from '../../renderer/src/client/ipc-client.ts';
import { bindMethods } from '../../renderer/src/client/methods.ts';
import { createHttpClient } from '../../renderer/src/client/http-client.ts';
import { ClientError } from '../../renderer/src/client/errors.ts';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler(event, ...args)) as Promise<Result<unknown>>;
  }
}

const APP_INDEX = APP_INDEX_URL;
const trusted: InvokeEventLike = { senderFrame: { url: APP_INDEX } };
const untrusted: InvokeEventLike = { senderFrame: { url: 'https://evil.example/' } };

let dir: string;
let service: ContextStoreService;
let ipcMain: FakeIpcMain;
let sent: unknown[][];
let serviceCall: ReturnType<typeof vi.spyOn>;
let unregister: () => void;
const dialogs = { open: vi.fn(async () => ['/tmp/picked.json']), save: vi.fn(async () => '/tmp/saved.json') };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ipc-'));
  service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
  serviceCall = vi.spyOn(service, 'call');
  ipcMain = new FakeIpcMain();
  sent = [];
  unregister = registerIpcHandlers(ipcMain, {
    service,
    isTrustedSender: (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url, APP_INDEX),
    send: (...args) => sent.push(args),
    dialogs,
  });
});
afterAll(async () => {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The preload's bridge, wired straight to the fake ipcMain as the app window would be. */
function bridgeFor(event: InvokeEventLike): ContextStoreBridge {
  return {
    call: (name, input) => ipcMain.invoke(IPC_CALL_CHANNEL, event, name, structuredClone(input)) as never,
    subscribe: () => () => undefined,
    pathForFile: () => '',
    openFileDialog: async (request) => {
      const result = await ipcMain.invoke(IPC_OPEN_DIALOG_CHANNEL, event, request);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as string[];
    },
    saveFileDialog: async (request) => {
      const result = await ipcMain.invoke(IPC_SAVE_DIALOG_CHANNEL, event, request);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as string | null;
    },
  };
}

describe('every contract call', () => {
  it('has a dispatch entry in main, and nothing else does', () => {
    const table = createCallDispatch(service);
    expect(Object.keys(table).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) expect(typeof table[name]).toBe('function');
  });

  it('has a client method, for the IPC and the HTTP client alike', () => {
    const clients = [createIpcClient(bridgeFor(trusted)), createHttpClient({ baseUrl: 'http://127.0.0.1:1', token: 't' })];
    for (const client of clients) {
      const methods = bindMethods(client);
      for (const name of CALL_NAMES) expect(typeof methods[name], name).toBe('function');
      expect(Object.keys(methods).sort()).toEqual([...CALL_NAMES].sort());
    }
  });

  it('reaches the service through the IPC channel (no call answers "unknown call")', async () => {
    for (const name of CALL_NAMES) {
      const result = await ipcMain.invoke(IPC_CALL_CHANNEL, trusted, name, {});
      if (!result.ok) expect(result.error.message, name).not.toMatch(/unknown call/i);
    }
  });

  it('works end to end through the IPC client', async () => {
    const methods = bindMethods(createIpcClient(bridgeFor(trusted)));
    const stats = await methods.getStats({});
    expect(stats.contexts).toBe(0);
    const template = await methods.createDataTemplate({ name: 'From IPC' });
    expect((await methods.getDataTemplate({ id: template.id })).name).toBe('From IPC');
    const error = await methods.getOperation({ operationId: 'op_missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('NOT_FOUND');
  });
});

describe('refusals', () => {
  it('rejects invalid input with BAD_ARGUMENT before the service runs', async () => {
    serviceCall.mockClear();
    const cases: [CallName, unknown][] = [
      ['listContexts', { limit: 'lots' }],
      ['exportData', { options: { format: 'exe' } }],
      ['importData', { files: [], options: {} }],
      ['getOperation', {}],
      ['getDataTemplate', { id: 42 }],
      ['getOperationHistory', { limit: 1_000_000 }],
    ];
    for (const [name, input] of cases) {
      const result = await ipcMain.invoke(IPC_CALL_CHANNEL, trusted, name, input);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('BAD_ARGUMENT');
    }
    expect(serviceCall).not.toHaveBeenCalled();
  });

  it('rejects unknown call names, including Object.prototype names', async () => {
    for (const name of ['dropEverything', 'constructor', '__proto__', 'toString', 42, null]) {
      const result = await ipcMain.invoke(IPC_CALL_CHANNEL, trusted, name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_ARGUMENT');
    }
  });

  it('rejects calls from untrusted senders: another page, a missing frame, another file', async () => {
    serviceCall.mockClear();
    const senders: InvokeEventLike[] = [
      untrusted,
      { senderFrame: null },
      { senderFrame: { url: pathToFileURL('/tmp/other/index.html').toString() } },
      { senderFrame: { url: 'data:text/html,<script>1</script>' } },
    ];
    for (const event of senders) {
      const result = await ipcMain.invoke(IPC_CALL_CHANNEL, event, 'getStats', {});
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
      const dialog = await ipcMain.invoke(IPC_OPEN_DIALOG_CHANNEL, event, {});
      expect(dialog.ok).toBe(false);
    }
    expect(serviceCall).not.toHaveBeenCalled();
    expect(dialogs.open).not.toHaveBeenCalled();
  });
});

describe('dialogs and events', () => {
  it('validates dialog requests and answers the chosen paths', async () => {
    const bridge = bridgeFor(trusted);
    expect(await bridge.openFileDialog({ title: 'Pick', multiple: true, filters: [{ name: 'JSON', extensions: ['json'] }] })).toEqual(['/tmp/picked.json']);
    expect(await bridge.saveFileDialog({ defaultName: 'export.json' })).toBe('/tmp/saved.json');
    const bad = await ipcMain.invoke(IPC_OPEN_DIALOG_CHANNEL, trusted, { defaultPath: '/etc', properties: ['openDirectory'] });
    expect(bad.ok).toBe(false);
    const badFilter = await ipcMain.invoke(IPC_SAVE_DIALOG_CHANNEL, trusted, { filters: [{ name: 'x', extensions: ['../../x'] }] });
    expect(badFilter.ok).toBe(false);
  });

  it('forwards service events to the window on the event channel', async () => {
    sent.length = 0;
    const methods = bindMethods(createIpcClient(bridgeFor(trusted)));
    await methods.exportData({ options: { format: 'json', outputPath: path.join(dir, 'out.json') } });
    const finished = sent.filter(([channel, name]) => channel === IPC_EVENT_CHANNEL && name === 'operation.finished');
    expect(finished).toHaveLength(1);
    expect((finished[0]![2] as { status: string }).status).toBe('completed');
  });

  it('removes its handlers when unregistered', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('isAppUrl', () => {
  it('trusts only the app page (or the dev server origin when one is configured)', () => {
    expect(isAppUrl(APP_INDEX, APP_INDEX)).toBe(true);
    expect(isAppUrl(`${APP_INDEX}#/import`, APP_INDEX)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', APP_INDEX)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', APP_INDEX)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', APP_INDEX, 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', APP_INDEX, 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', APP_INDEX)).toBe(false);
    // The app's origin, compared whole: another host on the same scheme, or a file page, is not the app.
    expect(isAppUrl('app://context-store/deep/link', APP_INDEX)).toBe(true);
    expect(isAppUrl('app://context-store.evil/index.html', APP_INDEX)).toBe(false);
    expect(isAppUrl('app://evil/index.html', APP_INDEX)).toBe(false);
    expect(isAppUrl(pathToFileURL(path.join(os.tmpdir(), 'out', 'renderer', 'index.html')).toString(), APP_INDEX)).toBe(false);
    expect(isAppUrl('data:text/html,hi', APP_INDEX)).toBe(false);
  });
});
