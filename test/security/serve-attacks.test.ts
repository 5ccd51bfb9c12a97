/**
 * The findings tried again as an attacker on the same machine would: the real `context-store serve`,
 * plain HTTP, no test-only entry points. Each test is the attack; it passes because the attack no longer works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, tempDir } from '../server/helpers.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
let dir: string;
let dataDir: string;
let serve: ServeProcess;

beforeAll(async () => {
  dir = tempDir('cs-sec-attack-');
  // A data folder serve creates itself (`--db` in a folder that does not exist yet), as a first run does.
  dataDir = path.join(dir, 'data');
  const previous = process.umask(0o022);
  try {
    serve = await startServe(path.join(dataDir, 'store.db'), ['--allow-dir', dir]);
  } finally {
    process.umask(previous);
  }
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('what another local user can list or read', () => {
  it('the data folder serve created, and its log folder, are 0700 (the logger made them 0755 before the store narrowed only its files)', () => {
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(path.join(dataDir, 'logs')).toString(8)).toBe('700');
    for (const f of ['store.db', 'store.db.api-token', 'logs/context-store.log']) expect(mode(path.join(dataDir, f)).toString(8), f).toBe('600');
  });
});
