/**
 * The Electron main process: one window, locked down (contextIsolation, sandbox, no nodeIntegration, strict
 * CSP, no navigation or new windows), and IPC handlers generated from the shared contract.
 */
/// <reference types="electron-vite/node" />
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { CALL_NAMES, EVENT_NAMES, type CallName } from '../../shared/contract.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc.ts';
import { ContextStoreService } from '../engine/service.ts';
import { setDefaultNativeBinding } from '../engine/store/open.ts';
import { WorkerRunner, fileWorkerLauncher } from '../engine/operations/worker-runner.ts';
// electron-vite bundles the pipeline worker as its own entry and gives its path: pipelines never run on main.
import pipelineWorkerPath from '../workers/pipeline.ts?modulePath';

app.setName('Context Store');
let service: ContextStoreService | undefined;
let window: BrowserWindow | undefined;

function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || !window || frame !== window.webContents.mainFrame) return false;
  const url = frame.url;
  return url.startsWith('file://') || (process.env.ELECTRON_RENDERER_URL !== undefined && url.startsWith(process.env.ELECTRON_RENDERER_URL));
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Context Store',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window?.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'mailto:') void shell.openExternal(parsed.toString());
    } catch {
      /* not a URL: nothing to open */
    }
    return { action: 'deny' };
  });
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(path.join(__dirname, '../renderer/index.html'));
}

function registerIpc(svc: ContextStoreService): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: CallName, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app window.' } };
    if (!CALL_NAMES.includes(name)) return { ok: false, error: { code: 'BAD_ARGUMENT', message: `Unknown call ${String(name)}` } };
    return svc.call(name, input);
  });
  for (const eventName of EVENT_NAMES) {
    svc.events.on(eventName, (payload: unknown) => window?.webContents.send(IPC_EVENT_CHANNEL, eventName, payload));
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    if (process.env.CONTEXT_STORE_NATIVE_BINDING) setDefaultNativeBinding(process.env.CONTEXT_STORE_NATIVE_BINDING);
    service = new ContextStoreService({
      storePath: path.join(app.getPath('userData'), 'store.db'),
      runner: (store) => new WorkerRunner(store, { launch: fileWorkerLauncher(pipelineWorkerPath), nativeBinding: process.env.CONTEXT_STORE_NATIVE_BINDING }),
    });
    registerIpc(service);
    createWindow();
  });
  app.on('window-all-closed', () => {
    void service?.close();
    app.quit();
  });
}
