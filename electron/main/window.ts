/** The one app window: contextIsolation, sandbox, no nodeIntegration, webSecurity, no navigation. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

export interface AppPaths {
  preload: string;
  rendererIndex: string;
}

export function appPaths(mainDir: string): AppPaths {
  return {
    preload: path.join(mainDir, '../preload/index.cjs'),
    rendererIndex: path.join(mainDir, '../renderer/index.html'),
  };
}

export const rendererIndexUrl = (paths: AppPaths): string => pathToFileURL(paths.rendererIndex).toString();

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
  else void window.loadFile(paths.rendererIndex);
  return window;
}
