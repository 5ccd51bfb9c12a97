/**
 * The preload: exposes only the typed contract (`window.contextStore`) through contextBridge: one `call`,
 * one `subscribe`, and the dropped-file path helper. Only channels named in the contract pass.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, type EventName } from '../../shared/events.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc.ts';

const api = {
  // The main process checks the call name and validates the input against the contract.
  call(name: string, input: unknown) {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input);
  },
  subscribe(event: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const handler = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('contextStore', api);
