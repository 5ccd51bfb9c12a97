/**
 * Attacks on the token, over real HTTP: each request below answered without a token before this file existed
 * (the guard compared the raw URL with "/api/" while the router decodes it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { raw, tempDir } from '../server/helpers.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = tempDir('cs-sec-auth-');
  const ui = path.join(dir, 'ui');
  fs.mkdirSync(path.join(ui, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: ui });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = { 'Content-Type': 'application/json' };

describe('no way around the token', () => {
  for (const p of [
    '/%61pi/rpc/getStats',
    '/ap%69/rpc/getStats',
    '/%61%70%69/rpc/getStats',
    '/%2561pi/rpc/getStats',
    '//api/rpc/getStats',
    '/./api/rpc/getStats',
    '/API/rpc/getStats',
    '/Api/rpc/getStats',
    '/api/rpc/getStats',
    '/api/rpc/getStats?x=1',
    '/api//rpc/getStats',
    '/api/rpc/%67etStats',
  ]) {
    it(`POST ${p} without a token gets no data`, async () => {
      const res = await raw(server.url, 'POST', p, { headers: json, body: '{}' });
      expect([401, 404]).toContain(res.status);
      expect(res.text).not.toContain('"value"');
    });
  }
  for (const p of ['/%61pi/events', '/ap%69/events', '/api/events', '/%61pi/data-migration/operations/history']) {
    it(`GET ${p} without a token is refused`, async () => {
      const res = await raw(server.url, 'GET', p);
      expect([401, 404]).toContain(res.status);
      expect(res.headers['content-type'] ?? '').not.toContain('event-stream');
      expect(res.text).not.toContain('operations');
    });
  }
  it('the encoded path still skips nothing: a form post is refused as well', async () => {
    const res = await raw(server.url, 'POST', '/%61pi/rpc/getStats', {
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${server.token}` },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });
  it('every registered route other than the static page and assets refuses a request without a token', async () => {
    const publicRoutes = new Set(['/', '/index.html', '/favicon.ico', '/*']);
    const apiRoutes = server.routes.filter((r) => !publicRoutes.has(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const r of apiRoutes) {
      const url = r.url.replace(/:(\w+)/g, 'x1234567');
      const res = await raw(server.url, r.method, url, r.method === 'GET' ? {} : { headers: json, body: '{}' });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });
  it('with the token the API answers (the guard is not simply closed)', async () => {
    const res = await raw(server.url, 'POST', '/%61pi/rpc/getStats', { headers: { ...json, Authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(res.status).toBe(200);
  });
});

describe('no secret in the unauthenticated page', () => {
  it('GET / and a deep link carry no token', async () => {
    for (const p of ['/', '/index.html', '/import/step-2']) {
      const page = await raw(server.url, 'GET', p, { headers: { Accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(server.token);
    }
  });
  it('the one-time URL carries the token in its fragment only', () => {
    expect(server.openUrl).toBe(`${server.url}/#token=${server.token}`);
  });
});

describe('CONTEXT_STORE_TOKEN', () => {
  it('is refused when shorter than 32 characters', async () => {
    await expect(startServer({ storePath: path.join(dir, 'short.db'), port: 0, staticDir: null, token: 'short-token-123' })).rejects.toThrow(/32/);
  });
});
