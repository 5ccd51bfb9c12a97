/**
 * A packaged app ignores environment variables that would make it load code from elsewhere (a SQLite
 * binary, modules, a dev-server page): they would step around the runAsNode and NODE_OPTIONS fuses. A
 * development run keeps them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electronState, emitAppEvent, settle } from './electron-stand-in.ts';
import { dropCodeLoadingOverrides, isCodeLoadingVariable } from '../../electron/main/environment.ts';

vi.mock('electron', async () => (await import('./electron-stand-in.ts')).electronStandIn());

const planted = {
  CONTEXT_STORE_NATIVE_BINDING: '/tmp/evil.node',
  ELECTRON_RENDERER_URL: 'http://attacker.example/',
  NODE_PATH: '/tmp/evil-modules',
};

describe('code-loading overrides', () => {
  it('are dropped when packaged, and only those', () => {
    const env: NodeJS.ProcessEnv = {
      ...planted,
      CONTEXT_STORE_FROM_SOURCE: '1',
      CONTEXT_STORE_WORKER_PATH: '/tmp/w.js',
      context_store_native_binding: 'x',
      CONTEXT_STORE_USER: 'ann',
      LOG_LEVEL: 'debug',
      PATH: '/usr/bin',
    };
    const removed = dropCodeLoadingOverrides(env, true);
    expect(removed.sort()).toEqual(
      [
        'CONTEXT_STORE_FROM_SOURCE',
        'CONTEXT_STORE_NATIVE_BINDING',
        'CONTEXT_STORE_WORKER_PATH',
        'ELECTRON_RENDERER_URL',
        'NODE_PATH',
        'context_store_native_binding',
      ].sort(),
    );
    expect(env).toEqual({ CONTEXT_STORE_USER: 'ann', LOG_LEVEL: 'debug', PATH: '/usr/bin' });
  });

  it('are kept in development', () => {
    const env: NodeJS.ProcessEnv = { ...planted };
    expect(dropCodeLoadingOverrides(env, false)).toEqual([]);
    expect(env).toEqual(planted);
  });

  it('do not catch the store, token, passphrase or log settings', () => {
    for (const name of [
      'CONTEXT_STORE_DB',
      'CONTEXT_STORE_TOKEN',
      'CONTEXT_STORE_PASSPHRASE',
      'CONTEXT_STORE_KEY',
      'CONTEXT_STORE_LOG_FILE',
      'CONTEXT_STORE_USER',
    ])
      expect(isCodeLoadingVariable(name), name).toBe(false);
  });
});

describe('the packaged main process', () => {
  const saved = { ...process.env };
  beforeAll(async () => {
    electronState.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-packaged-'));
    electronState.isPackaged = true;
    Object.assign(process.env, planted);
    await import('../../electron/main/index.ts');
    await settle();
  });
  afterAll(async () => {
    emitAppEvent('before-quit', { preventDefault: () => undefined });
    await settle();
    for (const name of Object.keys(planted))
      if (name in saved) process.env[name] = saved[name];
      else Reflect.deleteProperty(process.env, name);
    fs.rmSync(electronState.userData, { recursive: true, force: true });
  });

  it('removes the planted variables before the start, so workers never see them', () => {
    for (const name of Object.keys(planted)) expect(process.env[name], name).toBeUndefined();
  });

  it('loads its own app:// page, not the page ELECTRON_RENDERER_URL named', () => {
    expect(electronState.errorBoxes).toEqual([]);
    expect(electronState.windows[0]!.loaded).toEqual(['app://context-store/index.html']);
  });
});
