/**
 * A server that fails to start leaves nothing open (issue 13 follow-up): `--allow-dir` of a folder that does not
 * exist used to throw after the service had opened the store (and the upload folder had been made), so an
 * in-process caller kept a store handle and a temp folder it had no way to close. The CLI says so and exits 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { startServer } from '../../electron/server/index.ts';
import { tempDir } from '../server/helpers.ts';
import { BIN } from './serve-process.ts';

const dir = tempDir('cs-sec-start-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Files this process holds open (Linux): the store's handles show up here while a connection is open. */
const openFiles = () =>
  fs.readdirSync('/proc/self/fd').map((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  });
const uploadFolders = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('context-store-uploads-'));

it.runIf(process.platform === 'linux')('startServer with a missing --allow-dir rejects, and closes the store and its temp folder', async () => {
  const db = path.join(dir, 'store.db');
  const before = new Set(uploadFolders());
  await expect(startServer({ storePath: db, port: 0, staticDir: null, allowDirs: [path.join(dir, 'no-such-folder')] })).rejects.toMatchObject({
    code: 'BAD_ARGUMENT',
    message: expect.stringContaining('no such folder'),
  });
  expect(openFiles().filter((f) => f.startsWith(db))).toEqual([]);
  expect(uploadFolders().filter((n) => !before.has(n))).toEqual([]);
});

it('serve --allow-dir of a missing folder: a clear error and exit 2', () => {
  const run = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'cli.db'), 'serve', '--port', '0', '--allow-dir', path.join(dir, 'missing')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`--allow-dir ${path.join(dir, 'missing')}: no such folder.`);
  expect(run.stdout).not.toContain('Token:');
});
