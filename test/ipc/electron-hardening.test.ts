/**
 * What can be checked of the Electron layer without an Electron binary: the window's webPreferences, the CSP,
 * the preload's single exposed API, and that the IPC module stays free of the `electron` import (so it can
 * be tested with a fake ipcMain).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP_FOR_TEST } from './csp.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('electron hardening', () => {
  it('creates the window with contextIsolation, sandbox, no nodeIntegration, webSecurity and no webview', () => {
    const source = read('electron/main/window.ts');
    expect(source).toMatch(/contextIsolation:\s*true/);
    expect(source).toMatch(/sandbox:\s*true/);
    expect(source).toMatch(/nodeIntegration:\s*false/);
    expect(source).toMatch(/webSecurity:\s*true/);
    expect(source).toMatch(/webviewTag:\s*false/);
  });

  it('blocks navigation, new windows, webviews and permissions', () => {
    const source = read('electron/main/security.ts');
    expect(source).toMatch(/'will-navigate'[^\n]*preventDefault/);
    expect(source).toMatch(/'will-attach-webview'[^\n]*preventDefault/);
    expect(source).toMatch(/action: 'deny'/);
    expect(source).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)/);
    expect(read('electron/main/index.ts')).toMatch(/requestSingleInstanceLock/);
  });

  it('uses a CSP without inline or eval script', () => {
    expect(APP_CSP_FOR_TEST).toMatch(/script-src 'self'/);
    expect(APP_CSP_FOR_TEST).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CSP_FOR_TEST).toMatch(/object-src 'none'/);
  });

  it('exposes exactly one API from the preload', () => {
    const source = read('electron/preload/index.ts');
    const exposed = [...source.matchAll(/exposeInMainWorld\('([^']+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['contextStore']);
    expect(source).not.toMatch(/ipcRenderer\.(send|sendSync)\(/);
  });

  it('keeps the IPC module free of the electron import', () => {
    expect(read('electron/main/ipc.ts')).not.toMatch(/from ['"]electron['"]/);
  });
});
