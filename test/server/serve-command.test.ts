/** `context-store serve` as a user runs it: prints where it listens and the token, answers, stops on SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { raw, tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'context-store.mjs');
const dir = tempDir('cs-serve-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('serves on a free port, prints url and token, and exits 0 on SIGTERM', async () => {
  const env = { ...process.env };
  delete env.CONTEXT_STORE_TOKEN;
  const child = spawn(process.execPath, [BIN, '--db', path.join(dir, 'store.db'), 'serve', '--port', '0', '--json'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no output: ${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; port: number; host: string; token: string };
  expect(info.host).toBe('127.0.0.1');
  expect(info.port).toBeGreaterThan(0);
  expect(info.token).toBe(fs.readFileSync(path.join(dir, 'store.db.api-token'), 'utf8').trim());
  const response = await raw(info.url, 'GET', '/api/data-migration/operations/history', { headers: { Authorization: `Bearer ${info.token}` } });
  expect(response.status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('refuses a port that is not a number with exit code 2', () => {
  const result = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'store.db'), 'serve', '--port', 'eighty'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('--port');
});
