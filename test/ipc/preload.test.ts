/**
 * The preload with a stand-in `electron` module: it exposes exactly `window.contextStore`, sends calls and
 * dialog requests on the declared channels only, and routes events to the right subscribers.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL, type ContextStoreBridge } from '../../shared/ipc.ts';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const rendererListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push([channel, ...args]);
      if (channel === IPC_OPEN_DIALOG_CHANNEL) return { ok: true, value: ['/picked'] };
      if (channel === IPC_SAVE_DIALOG_CHANNEL) return { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
      return { ok: true, value: 'called' };
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
    },
    off: () => undefined,
    send: () => {
      throw new Error('the preload must not use send');
    },
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/real/${file.name}` },
}));

let api: ContextStoreBridge;
beforeAll(async () => {
  await import('../../electron/preload/index.ts');
  api = exposed.get('contextStore') as ContextStoreBridge;
});

const emit = (name: string, payload: unknown) => {
  for (const listener of rendererListeners.get(IPC_EVENT_CHANNEL) ?? []) listener({}, name, payload);
};

describe('preload', () => {
  it('exposes only contextStore, with exactly the bridge methods', () => {
    expect([...exposed.keys()]).toEqual(['contextStore']);
    expect(Object.keys(api).sort()).toEqual(['call', 'openFileDialog', 'pathForFile', 'saveFileDialog', 'subscribe']);
  });

  it('sends calls on the call channel and dialogs on theirs', async () => {
    expect(await api.call('getStats', {})).toEqual({ ok: true, value: 'called' });
    expect(invoked.at(-1)).toEqual([IPC_CALL_CHANNEL, 'getStats', {}]);
    expect(await api.openFileDialog({ multiple: true })).toEqual(['/picked']);
    expect(invoked.at(-1)).toEqual([IPC_OPEN_DIALOG_CHANNEL, { multiple: true }]);
    await expect(api.saveFileDialog({})).rejects.toThrow('no');
  });

  it('gives a dropped file its path', () => {
    expect(api.pathForFile({ name: 'notes.json' } as File)).toBe('/real/notes.json');
  });

  it('routes events to their subscribers, with one IPC listener in all', () => {
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    const offA = api.subscribe('operation.progress', (p) => progress.push(p));
    const offB = api.subscribe('operation.finished', (p) => finished.push(p));
    for (let i = 0; i < 20; i++) api.subscribe('operation.progress', () => undefined)();
    emit('operation.progress', { n: 1 });
    emit('operation.finished', { n: 2 });
    emit('something.else', { n: 3 });
    expect(progress).toEqual([{ n: 1 }]);
    expect(finished).toEqual([{ n: 2 }]);
    offA();
    emit('operation.progress', { n: 4 });
    expect(progress).toEqual([{ n: 1 }]);
    offB();
    expect(rendererListeners.get(IPC_EVENT_CHANNEL)).toHaveLength(1);
    expect(() => api.subscribe('not.an.event', () => undefined)).toThrow();
  });
});
