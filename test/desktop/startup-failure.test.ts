/**
 * A start that fails (here: the store file cannot be opened, because a folder sits where it should be) shows
 * an error box naming the problem and the store's place, gives up the single-instance lock and exits 1,
 * instead of leaving a windowless process that every later launch would hand its arguments to.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electronState, settle } from './electron-stand-in.ts';
import { describeStartupFailure, STARTUP_FAILURE_TITLE } from '../../electron/main/startup-failure.ts';
import { AppError } from '../../shared/errors.ts';

vi.mock('electron', async () => (await import('./electron-stand-in.ts')).electronStandIn());

let storePath: string;
beforeAll(async () => {
  electronState.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-start-fail-'));
  storePath = path.join(electronState.userData, 'store.db');
  // SQLite cannot open a directory as a database: the same failure as an unreadable or locked file.
  fs.mkdirSync(storePath);
  fs.writeFileSync(path.join(storePath, 'not-a-database'), 'x');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await import('../../electron/main/index.ts');
  await settle();
});
afterAll(() => {
  vi.restoreAllMocks();
  fs.rmSync(electronState.userData, { recursive: true, force: true });
});

describe('a start that fails', () => {
  it('shows one error box that says what went wrong and where the store is', () => {
    expect(electronState.errorBoxes).toHaveLength(1);
    const [box] = electronState.errorBoxes;
    expect(box!.title).toBe(STARTUP_FAILURE_TITLE);
    expect(box!.content).toContain(`The store: ${storePath}`);
    expect(box!.content).toContain(`The logs: ${path.join(electronState.userData, 'logs')}`);
    // The cause itself, not a generic sentence: SQLite's or the file system's words and a code.
    expect(box!.content.split('\n')[0]).toMatch(/\([A-Z_]+\)$/);
  });

  it('releases the single-instance lock and exits with code 1, with no window left open', () => {
    expect(electronState.lockReleased).toBe(true);
    expect(electronState.exitCodes).toEqual([1]);
    expect(electronState.windows).toHaveLength(0);
  });
});

describe('the error box text', () => {
  it('carries an error value’s code and message', () => {
    const text = describeStartupFailure(new AppError('STORE_BUSY', 'The store is busy.'), { storePath: '/s/store.db', logFolder: '/s/logs' });
    expect(text.split('\n')[0]).toBe('The store is busy. (STORE_BUSY)');
    expect(text).toContain('The store: /s/store.db');
  });
});
