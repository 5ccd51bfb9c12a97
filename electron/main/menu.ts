/** The application menu: the platform's usual roles, nothing that loads remote content. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs';
import { logFolder } from '../engine/logging/logger.ts';

export function installMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
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
        { label: 'Show the store folder', click: () => void shell.openPath(app.getPath('userData')) },
        {
          label: 'Open log folder',
          click: () => {
            const folder = logFolder(app.getPath('userData'));
            fs.mkdirSync(folder, { recursive: true });
            void shell.openPath(folder);
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
