/** The application menu: the platform's usual roles, the store and log folders, nothing that loads remote content. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs';
import { logFolder } from '../engine/logging/logger.ts';

export interface MenuOptions {
  isMac: boolean;
  isPackaged: boolean;
  /** The app's data folder (userData): the store, and logs/ with the rotating log file. */
  dataDir: string;
  /** shell.openPath: resolves to an error message, or '' when the folder opened. */
  openPath: (folder: string) => Promise<string>;
}

function openFolder(options: MenuOptions, folder: string): void {
  // The log folder exists only once something was logged; the file manager should open it anyway.
  fs.mkdirSync(folder, { recursive: true });
  void options.openPath(folder).then((error) => {
    if (error) console.error(`Could not open ${folder}: ${error}`);
  });
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Show the store folder', click: () => openFolder(options, options.dataDir) },
        { label: 'Open log folder', click: () => openFolder(options, logFolder(options.dataDir)) },
      ],
    },
  ];
}

export function installMenu(): void {
  const template = menuTemplate({
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    dataDir: app.getPath('userData'),
    openPath: (folder) => shell.openPath(folder),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
