/**
 * The main process with a stand-in `electron` module: single-instance lock, store in userData, the window's
 * webPreferences, permissions denied, navigation/new windows/webviews refused, IPC channels registered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL } from '../../shared/ipc.ts';

const state = vi.hoisted(() => ({
  userData: '',
  windows: [] as { options: any; loaded: string[]; handlers: Map<string, (...args: any[]) => void> }[],
  appHandlers: new Map<string, (...args: any[]) => void>(),
  ipcChannels: new Set<string>(),
  permissionAnswers: [] as boolean[],
  permissionCheck: undefined as undefined | (() => boolean),
  singleInstanceAsked: false,
  menuSet: false,
  headersHook: undefined as undefined | ((details: any, cb: (r: any) => void) => void),
  opened: [] as string[],
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  readyWhenPrivileged: false,
  ready: false,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any;
    constructor(options: any) {
      const record = { options, loaded: [] as string[], handlers: new Map() };
      state.windows.push(record);
      this.webContents = { mainFrame: {}, send: () => undefined };
      (this as any).record = record;
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    loadFile(file: string) {
      (this as any).record.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      (this as any).record.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged: false,
    setName: () => undefined,
    getPath: (name: string) => (name === 'userData' ? state.userData : os.tmpdir()),
    requestSingleInstanceLock: () => {
      state.singleInstanceAsked = true;
      return true;
    },
    whenReady: () => Promise.resolve().then(() => (state.ready = true)),
    on: (event: string, handler: (...args: any[]) => void) => state.appHandlers.set(event, handler),
    releaseSingleInstanceLock: () => undefined,
    quit: () => undefined,
    exit: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string) => state.ipcChannels.add(channel), removeHandler: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: any) => handler(null, 'media', (answer: boolean) => state.permissionAnswers.push(answer)),
        setPermissionCheckHandler: (handler: () => boolean) => (state.permissionCheck = handler),
        webRequest: { onHeadersReceived: (hook: any) => (state.headersHook = hook) },
      },
    },
    shell: { openExternal: (url: string) => state.opened.push(url), openPath: () => undefined },
    dialog: {},
    protocol: {
      registerSchemesAsPrivileged: (schemes: any[]) => {
        state.readyWhenPrivileged = state.ready;
        state.privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.handlers.set(scheme, handler),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => (state.menuSet = true) },
  };
});

beforeAll(async () => {
  state.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-main-'));
  Reflect.deleteProperty(process.env, 'ELECTRON_RENDERER_URL');
  await import('../../electron/main/index.ts');
  await new Promise((resolve) => setTimeout(resolve, 50));
});
afterAll(async () => {
  // Quitting is what closes the service (before-quit), as Cmd+Q or the last window closing would.
  state.appHandlers.get('before-quit')?.({ preventDefault: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 50));
  fs.rmSync(state.userData, { recursive: true, force: true });
});

describe('main process', () => {
  it('takes the single-instance lock, sets a menu and keeps the store in userData', () => {
    expect(state.singleInstanceAsked).toBe(true);
    expect(state.menuSet).toBe(true);
    expect(fs.existsSync(path.join(state.userData, 'store.db'))).toBe(true);
  });

  it('opens one locked-down window on the built renderer', () => {
    expect(state.windows).toHaveLength(1);
    const prefs = state.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.windows[0]!.loaded[0]).toBe('app://context-store/index.html');
  });

  it('serves the page from a privileged app:// scheme registered before ready, with the CSP as a header', async () => {
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(state.readyWhenPrivileged).toBe(false);
    const handler = state.handlers.get('app')!;
    expect(handler).toBeTypeOf('function');
    const refused = await handler(new Request('app://context-store/../../etc/passwd'));
    expect(refused.status).toBe(404);
  });

  it('denies every permission and sets a strict CSP header', () => {
    expect(state.permissionAnswers).toEqual([false]);
    expect(state.permissionCheck?.()).toBe(false);
    let headers: any;
    state.headersHook!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toMatch(/script-src 'self'/);
    expect(headers['Content-Security-Policy'][0]).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('refuses navigation, webviews and new windows for every webContents; only https/mailto open outside', () => {
    const created = state.appHandlers.get('web-contents-created')!;
    const events = new Map<string, (...args: any[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    created({}, { on: (name: string, handler: any) => events.set(name, handler), setWindowOpenHandler: (h: any) => (openHandler = h) });
    for (const name of ['will-navigate', 'will-attach-webview', 'will-redirect']) {
      let prevented = false;
      events.get(name)!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://example.com/docs']);
  });

  it('registers the call and dialog channels', () => {
    expect([...state.ipcChannels].sort()).toEqual([IPC_CALL_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL].sort());
  });
});
