/**
 * The main process's life with a stand-in `electron`: quitting closes the service first (before-quit held,
 * then one real quit); the last window closing quits on Linux and Windows but not on macOS, where `activate`
 * (a Dock click) opens a new window on the same service.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeWindow, electronState, emitAppEvent, settle } from './electron-stand-in.ts';
import { ContextStoreService } from '../../electron/engine/service.ts';

vi.mock('electron', async () => (await import('./electron-stand-in.ts')).electronStandIn());

const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
function pretendPlatform(name: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { ...platform, value: name });
}

let closes = 0;
beforeAll(async () => {
  electronState.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lifecycle-'));
  const close = ContextStoreService.prototype.close;
  vi.spyOn(ContextStoreService.prototype, 'close').mockImplementation(function (this: ContextStoreService) {
    closes++;
    return close.call(this);
  });
  await import('../../electron/main/index.ts');
  await settle();
});
afterAll(() => {
  Object.defineProperty(process, 'platform', platform);
  vi.restoreAllMocks();
  fs.rmSync(electronState.userData, { recursive: true, force: true });
});

describe('main process lifecycle', () => {
  it('starts without an error box and opens one window', () => {
    expect(electronState.errorBoxes).toEqual([]);
    expect(electronState.windows).toHaveLength(1);
  });

  it('on macOS, closing the last window keeps the app (and the store) running; activate opens a new window', () => {
    pretendPlatform('darwin');
    closeWindow(electronState.windows[0]!);
    emitAppEvent('window-all-closed');
    expect(electronState.quitCalls).toBe(0);
    expect(closes).toBe(0);
    emitAppEvent('activate');
    expect(electronState.windows).toHaveLength(2);
    // A window already open is not doubled.
    emitAppEvent('activate');
    expect(electronState.windows).toHaveLength(2);
  });

  it('elsewhere, closing the last window quits', () => {
    pretendPlatform('linux');
    closeWindow(electronState.windows[1]!);
    emitAppEvent('window-all-closed');
    expect(electronState.quitCalls).toBe(1);
  });

  it('before-quit is held until the service has closed, then the app quits again and that quit goes through', async () => {
    const quitsBefore = electronState.quitCalls;
    let prevented = false;
    emitAppEvent('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await settle();
    expect(closes).toBe(1);
    expect(electronState.quitCalls).toBe(quitsBefore + 1);
    let preventedAgain = false;
    emitAppEvent('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
    expect(closes).toBe(1);
    expect(electronState.exitCodes).toEqual([]);
  });
});
