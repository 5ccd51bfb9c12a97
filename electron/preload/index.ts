/**
 * The preload: exposes only the typed bridge (`window.contextStore`, ContextStoreBridge in shared/ipc.ts)
 * through contextBridge: call, subscribe, the dropped-file path and the two native dialogs. Only the
 * channels declared in shared/ipc.ts are used; the main process validates everything again.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, type EventName } from '../../shared/events.ts';
import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_OPEN_DIALOG_CHANNEL,
  IPC_SAVE_DIALOG_CHANNEL,
  type ContextStoreBridge,
  type OpenDialogRequest,
  type SaveDialogRequest,
} from '../../shared/ipc.ts';

async function unwrap<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

// One IPC listener for all subscribers (many components subscribe; Node warns past 10 listeners).
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
});

const api: ContextStoreBridge = {
  call(name, input) {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, String(name), input);
  },
  subscribe(event, listener) {
    if (!EVENT_NAMES.includes(event as EventName)) throw new Error(`Unknown event ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const wrapped = (payload: unknown) => listener(payload);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  openFileDialog(request?: OpenDialogRequest) {
    return unwrap<string[]>(ipcRenderer.invoke(IPC_OPEN_DIALOG_CHANNEL, request ?? {}));
  },
  saveFileDialog(request?: SaveDialogRequest) {
    return unwrap<string | null>(ipcRenderer.invoke(IPC_SAVE_DIALOG_CHANNEL, request ?? {}));
  },
};

contextBridge.exposeInMainWorld('contextStore', api);
