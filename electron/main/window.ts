/** The one app window: contextIsolation, sandbox, no nodeIntegration, webSecurity, no navigation. */
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './app-protocol.ts';

export interface AppPaths {
  preload: string;
  /** The built renderer, which the app:// handler serves. */
  rendererDir: string;
}

export function appPaths(mainDir: string): AppPaths {
  return {
    preload: path.join(mainDir, '../preload/index.cjs'),
    rendererDir: path.join(mainDir, '../renderer'),
  };
}

export function createMainWindow(paths: AppPaths, devServerUrl?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    title: 'Context Store',
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadURL(APP_INDEX_URL);
  return window;
}
