/**
 * A stand-in for the `electron` module, enough for electron/main/index.ts to start, fail, quit and reopen
 * its window in a plain Node process: every call is recorded in `electronState`, app events are kept so a
 * test can emit them. Use it as `vi.mock('electron', async () => (await import('./electron-stand-in.ts')).electronStandIn())`.
 */
import os from 'node:os';

type Listener = (...args: any[]) => unknown;

export interface StandInWindow {
  options: any;
  loaded: string[];
  listeners: Map<string, Listener>;
  destroyed: boolean;
}

export const electronState = {
  userData: '',
  isPackaged: false,
  lockGranted: true,
  appListeners: new Map<string, Listener[]>(),
  windows: [] as StandInWindow[],
  errorBoxes: [] as { title: string; content: string }[],
  exitCodes: [] as number[],
  quitCalls: 0,
  lockReleased: false,
  menuTemplates: [] as unknown[],
  openedPaths: [] as string[],
};

/** Emits an app event as Electron would; returns the listeners' results. */
export function emitAppEvent(name: string, ...args: unknown[]): unknown[] {
  return (electronState.appListeners.get(name) ?? []).map((listener) => listener(...args));
}

/** Closes a stand-in window as the user would: it is destroyed, then `closed` fires. */
export function closeWindow(record: StandInWindow): void {
  record.destroyed = true;
  record.listeners.get('closed')?.();
}

export function electronStandIn() {
  class BrowserWindow {
    webContents = { mainFrame: {}, send: () => undefined };
    private readonly record: StandInWindow;
    constructor(options: any) {
      this.record = { options, loaded: [], listeners: new Map(), destroyed: false };
      electronState.windows.push(this.record);
    }
    once() {}
    on(event: string, listener: Listener) {
      this.record.listeners.set(event, listener);
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    get isPackaged() {
      return electronState.isPackaged;
    },
    setName: () => undefined,
    getPath: (name: string) => (name === 'userData' ? electronState.userData : os.tmpdir()),
    requestSingleInstanceLock: () => electronState.lockGranted,
    releaseSingleInstanceLock: () => {
      electronState.lockReleased = true;
    },
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    on: (event: string, listener: Listener) => {
      electronState.appListeners.set(event, [...(electronState.appListeners.get(event) ?? []), listener]);
      return app;
    },
    quit: () => {
      electronState.quitCalls++;
    },
    exit: (code: number) => {
      electronState.exitCodes.push(code);
    },
  };
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => electronState.errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: { handle: () => undefined, removeHandler: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    shell: {
      openExternal: () => undefined,
      openPath: async (target: string) => {
        electronState.openedPaths.push(target);
        return '';
      },
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => electronState.menuTemplates.push(menu),
    },
  };
}

/** Lets the start's promise chain (whenReady → start → catch) run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
