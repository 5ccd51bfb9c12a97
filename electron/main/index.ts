/**
 * The Electron main process: a single instance, one locked-down window, the store in the userData folder,
 * and the IPC handlers generated from the shared contract (ipc.ts), which check the sender frame and
 * validate every input. A start that fails says why and exits; quitting closes the store first.
 */
/// <reference types="electron-vite/node" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, protocol, type BrowserWindow } from 'electron';
import { ContextStoreService } from '../engine/service.ts';
import { configureLogging, logFileIn, logFolder } from '../engine/logging/logger.ts';
import { WorkerRunner, fileWorkerLauncher } from '../engine/operations/worker-runner.ts';
// electron-vite bundles the pipeline worker as its own entry and gives its path: pipelines never run on main.
import pipelineWorkerPath from '../workers/pipeline.ts?modulePath';
import { registerIpcHandlers, isAppUrl } from './ipc.ts';
import { appPaths, createMainWindow } from './window.ts';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { hardenSession, lockDownWebContents } from './security.ts';
import { createDialogs } from './dialogs.ts';
import { installMenu } from './menu.ts';
import { dropCodeLoadingOverrides } from './environment.ts';
import { failStartup } from './startup-failure.ts';
import { closeServiceBeforeQuit } from './quit.ts';

// First, before anything reads the environment: a packaged app loads no code a variable points at.
dropCodeLoadingOverrides(process.env, app.isPackaged);
const mainDir = typeof __dirname !== 'undefined' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

app.setName('Context Store');
// Before ready, or Chromium treats app:// as a plain unknown scheme (no origin, no fetch, no secure context).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
let service: ContextStoreService | undefined;
let window: BrowserWindow | undefined;
let started = false;
const paths = appPaths(mainDir);

function dataDir(): string {
  return app.getPath('userData');
}

function openWindow(): void {
  window = createMainWindow(paths, devServerUrl);
  window.on('closed', () => {
    window = undefined;
  });
}

function start(): void {
  hardenSession(devServerUrl);
  lockDownWebContents();
  installMenu();
  // Logs (LOG_LEVEL) go to a rotating file in the data folder; the menu's "Open log folder" opens it.
  configureLogging({ file: logFileIn(dataDir()) });

  service = new ContextStoreService({
    storePath: path.join(dataDir(), 'store.db'),
    user: 'desktop', // the audit trail's name for the window (the CLI records the OS user, REST the token)
    runner: (store) => new WorkerRunner(store, { launch: fileWorkerLauncher(pipelineWorkerPath) }),
  });
  // The page, its scripts and styles come from app://context-store/, with the CSP as a response header.
  if (!devServerUrl) protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));
  registerIpcHandlers(ipcMain, {
    service,
    isTrustedSender: (event) => {
      const frame = event.senderFrame;
      if (!frame || !window || window.isDestroyed() || frame !== window.webContents.mainFrame) return false;
      return isAppUrl(frame.url, APP_INDEX_URL, devServerUrl);
    },
    send: (channel, ...args) => {
      if (window && !window.isDestroyed()) window.webContents.send(channel, ...args);
    },
    dialogs: createDialogs(() => window),
  });
  openWindow();
  started = true;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!started) return;
    if (!window) openWindow();
    else if (window.isMinimized()) window.restore();
    window?.focus();
  });
  // Everything the start does is inside this chain, so whatever fails (store, SQLite binary, log folder)
  // reaches the error box instead of leaving a windowless process behind.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStartup({ app, dialog }, error, { storePath: path.join(dataDir(), 'store.db'), logFolder: logFolder(dataDir()) }));
  closeServiceBeforeQuit(app, () => service);
  // macOS keeps an app running with no window (the Dock icon reopens it); elsewhere the last window quits,
  // and quitting closes the service (before-quit above).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (started && !window) openWindow();
  });
}
