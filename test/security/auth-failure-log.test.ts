/**
 * Someone on the machine guessing at the token (issue 13: "failed authentication attempts are counted per route
 * and visible in serve's log"): the real `serve`, real HTTP. Each refusal is counted on its route, on the
 * terminal and in the log file, and neither the guessed token nor the real one is ever written there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { raw, tempDir } from '../server/helpers.ts';
import { startServe } from './serve-process.ts';

const dir = tempDir('cs-sec-authlog-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('counts refused tokens per route in stderr and the log file, never writing a token', async () => {
  const db = path.join(dir, 'store.db');
  const serve = await startServe(db);
  const guess = 'cst_guess_' + 'A'.repeat(40);
  for (let i = 0; i < 3; i++)
    expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: { Authorization: `Bearer ${guess}` } })).status).toBe(401);
  expect((await raw(serve.info.url, 'GET', '/api/data-migration/operations/history')).status).toBe(401);
  // The percent-encoded path is counted on the route it reaches.
  expect(
    (await raw(serve.info.url, 'GET', '/%61pi/data-migration/operations/history', { headers: { Authorization: `Bearer ${serve.info.token.slice(0, -1)}x` } }))
      .status,
  ).toBe(401);
  expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: { Authorization: `Bearer ${serve.info.token}` } })).status).toBe(200);
  expect(await serve.stop()).toBe(0);

  const stderr = serve.stderr();
  expect(stderr).toContain('auth: refused POST /api/rpc/:name from 127.0.0.1 (no valid token; 3 refused on this route)');
  expect(stderr).toContain('auth: refused GET /api/data-migration/operations/history from 127.0.0.1 (no valid token; 2 refused on this route)');
  const logFile = path.join(dir, 'logs', 'context-store.log');
  const lines = fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { msg: string; route?: string; refusedOnRoute?: number });
  const refused = lines.filter((l) => l.msg === 'authentication refused');
  expect(refused.map((l) => `${l.route} ${l.refusedOnRoute}`)).toEqual([
    'POST /api/rpc/:name 1',
    'POST /api/rpc/:name 2',
    'POST /api/rpc/:name 3',
    'GET /api/data-migration/operations/history 1',
    'GET /api/data-migration/operations/history 2',
  ]);
  const everything = stderr + fs.readFileSync(logFile, 'utf8');
  expect(everything).not.toContain(guess);
  expect(everything).not.toContain(serve.info.token);
  expect(everything).not.toContain(serve.info.token.slice(0, 16));
}, 90_000);
