/**
 * The application menu's template: "Open log folder" (issue 17) opens the folder the desktop app's rotating
 * log file is written to (creating it when nothing was logged yet), "Show the store folder" the data folder;
 * developer tools only in development; the macOS app menu only on macOS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { logFileIn } from '../../electron/engine/logging/logger.ts';

vi.mock('electron', async () => (await import('./electron-stand-in.ts')).electronStandIn());
const { menuTemplate } = await import('../../electron/main/menu.ts');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-menu-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item!.click as () => void)();
}

describe('the application menu', () => {
  it('"Open log folder" opens the folder of the log file the app writes, creating it first', async () => {
    const opened: string[] = [];
    const template = menuTemplate({
      isMac: false,
      isPackaged: true,
      dataDir,
      openPath: async (f) => {
        opened.push(f);
        return '';
      },
    });
    const logFolder = path.dirname(logFileIn(dataDir)); // where main/index.ts points configureLogging
    expect(fs.existsSync(logFolder)).toBe(false);
    click(items(template).find((i) => i.label === 'Open log folder'));
    expect(opened).toEqual([logFolder]);
    expect(fs.statSync(logFolder).isDirectory()).toBe(true);
    click(items(template).find((i) => i.label === 'Show the store folder'));
    expect(opened).toEqual([logFolder, dataDir]);
  });

  it('says so on stderr when the folder cannot be opened', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const template = menuTemplate({ isMac: false, isPackaged: true, dataDir, openPath: async () => 'No application is registered' });
    click(items(template).find((i) => i.label === 'Open log folder'));
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith(expect.stringContaining('No application is registered')));
    error.mockRestore();
  });

  it('offers developer tools only in development, and the app menu only on macOS', () => {
    const roles = (options: { isMac: boolean; isPackaged: boolean }) =>
      items(menuTemplate({ ...options, dataDir, openPath: async () => '' }))
        .map((i) => i.role)
        .filter(Boolean);
    expect(roles({ isMac: false, isPackaged: true })).not.toContain('toggleDevTools');
    expect(roles({ isMac: false, isPackaged: false })).toContain('toggleDevTools');
    expect(roles({ isMac: true, isPackaged: true })[0]).toBe('appMenu');
    expect(roles({ isMac: false, isPackaged: true })).not.toContain('appMenu');
  });

  it('installMenu sets the template built from the app (Help has the log folder item)', async () => {
    const { electronState } = await import('./electron-stand-in.ts');
    const { installMenu } = await import('../../electron/main/menu.ts');
    electronState.userData = dataDir;
    installMenu();
    const installed = electronState.menuTemplates.at(-1) as MenuItemConstructorOptions[];
    const help = installed.find((i) => i.role === 'help')!;
    expect((help.submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['Show the store folder', 'Open log folder']);
  });
});
