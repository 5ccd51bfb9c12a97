/**
 * The browser host: the built UI at `/` with the token in a meta tag (never a URL) and a strict CSP, static
 * assets, and the browser client (renderer/src/client/http-client.ts) against the real server: calls, errors,
 * the event stream and the upload endpoint. Plus the token's sources and the concurrent-upload cap.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { createHttpClient, type HttpClient } from '../../renderer/src/client/http-client.ts';
import { ClientError } from '../../renderer/src/client/errors.ts';
import type { Events } from '../../shared/events.ts';
import { contextsJson, multipart, raw, tempDir } from './helpers.ts';

let server: RunningServer;
let dir: string;
let client: HttpClient;

beforeAll(async () => {
  dir = tempDir('cs-host-');
  const ui = path.join(dir, 'ui');
  fs.mkdirSync(path.join(ui, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(ui, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /><title>Context Store</title></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>',
  );
  fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log("app");');
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: ui, token: 'test-token-0123456789abcdef0123456789' });
  client = createHttpClient({ baseUrl: server.url, token: server.token });
});
afterAll(async () => {
  client?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the page', () => {
  it('serves index.html without the token (issue 13: the page holds no secret) and with a strict CSP', async () => {
    const page = await raw(server.url, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).not.toContain(server.token);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the assets, and 404 for files that are not there', async () => {
    const asset = await raw(server.url, 'GET', '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('console.log');
    expect((await raw(server.url, 'GET', '/assets/missing.js')).status).toBe(404);
    expect([403, 404]).toContain((await raw(server.url, 'GET', '/../store.db')).status);
    expect([403, 404]).toContain((await raw(server.url, 'GET', '/%2e%2e/store.db')).status);
  });

  it('answers a deep link into the app with the page, but never an API path or a missing file', async () => {
    const deep = await raw(server.url, 'GET', '/import/step-2', { headers: { Accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<!doctype html>');
    expect(deep.text).not.toContain(server.token);
    expect((await raw(server.url, 'GET', '/missing.png', { headers: { Accept: 'text/html' } })).status).toBe(404);
    expect((await raw(server.url, 'GET', '/api/nothing', { headers: { Accept: 'text/html', Authorization: `Bearer ${server.token}` } })).status).toBe(404);
  });

  it('does not hand the page (and so the token) to a rebinding host or a foreign origin', async () => {
    expect((await raw(server.url, 'GET', '/', { headers: { Host: `attacker.test:${server.port}` } })).status).toBe(403);
    expect((await raw(server.url, 'GET', '/', { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
  });
});

describe('the browser client', () => {
  it('makes contract calls', async () => {
    const stats = await client.call('getStats', {});
    expect(stats.contexts).toBe(0);
    const formats = await client.call('getFormats', {});
    expect(formats.length).toBeGreaterThan(0);
  });

  it('throws ClientError with the service error code and the HTTP status', async () => {
    const error = await client.call('getOperationProgress', { operationId: 'op_missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('NOT_FOUND');
    expect((error as ClientError).status).toBe(404);
    const bad = await client.call('listContexts', { limit: -1 } as never).catch((e: unknown) => e);
    expect((bad as ClientError).code).toBe('BAD_ARGUMENT');
    const wrongToken = createHttpClient({ baseUrl: server.url, token: 'nope' });
    const unauthorized = await wrongToken.call('getStats', {}).catch((e: unknown) => e);
    expect((unauthorized as ClientError).code).toBe('UNAUTHORIZED');
  });

  it('uploads a file, imports it by its server path, and receives progress and finished events', async () => {
    const finished: Events['operation.finished'][] = [];
    const progress: Events['operation.progress'][] = [];
    const offFinished = client.subscribe('operation.finished', (e) => finished.push(e));
    const offProgress = client.subscribe('operation.progress', (e) => progress.push(e));
    // Let the event stream connect before the operation starts.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const form = new FormData();
    form.append('file', new Blob([contextsJson(5)], { type: 'application/json' }), 'five.json');
    const uploadResponse = await client.request('/api/files', { method: 'POST', body: form });
    expect(uploadResponse.status).toBe(201);
    const uploaded = (await uploadResponse.json()) as { path: string; name: string; bytes: number };
    expect(uploaded.name).toBe('five.json');
    expect(path.basename(uploaded.path)).toBe('five.json');
    expect(uploaded.path.startsWith(server.uploadDir)).toBe(true);

    const result = await client.call('importData', { files: [uploaded.path], options: { dataType: 'contexts' }, operationId: 'op_browser_1' });
    expect(result.insertedRecords).toBe(5);
    await waitFor(() => finished.some((e) => e.operationId === 'op_browser_1'));
    const event = finished.find((e) => e.operationId === 'op_browser_1')!;
    expect(event.status).toBe('completed');
    expect(progress.some((p) => p.operationId === 'op_browser_1')).toBe(true);
    offFinished();
    offProgress();
  });

  it('keeps the files of one upload together in one folder, so a split export finds its parts', async () => {
    const form = new FormData();
    form.append('file', new Blob(['[]']), 'export.json.manifest.json');
    form.append('file', new Blob(['{}']), 'export.json.part001');
    form.append('file', new Blob(['x']), 'export.json.part001');
    const response = await client.request('/api/files', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const files = (await response.json()) as { path: string; name: string }[];
    expect(files).toHaveLength(3);
    expect(new Set(files.map((f) => path.dirname(f.path))).size).toBe(1);
    expect(files.map((f) => path.basename(f.path))).toEqual(['export.json.manifest.json', 'export.json.part001', 'export.json (2).part001']);
  });

  it('downloads an export with the Authorization header', async () => {
    const result = await client.call('exportData', { options: { format: 'jsonl' } });
    const response = await client.request(`/api/data-migration/exports/${result.exportId}/download`);
    expect(response.status).toBe(200);
    expect((await response.text()).trim().split('\n')).toHaveLength(5);
  });
});

describe('limits and tokens', () => {
  it('caps concurrent uploads', async () => {
    const capped = await startServer({
      storePath: path.join(dir, 'capped.db'),
      port: 0,
      staticDir: null,
      token: 'cap-token-0123456789abcdef0123456789',
      maxConcurrentUploads: 1,
    });
    try {
      // A first upload that stays open (body not finished)...
      const boundary = 'slowboundary';
      const slow = http.request({
        host: '127.0.0.1',
        port: capped.port,
        method: 'POST',
        path: '/api/files',
        headers: { Authorization: `Bearer ${capped.token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
      });
      slow.on('error', () => undefined);
      slow.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.json"\r\n\r\n[`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // ...so a second one is refused.
      const form = multipart([{ name: 'file', filename: 'b.json', content: '[]' }]);
      const second = await raw(capped.url, 'POST', '/api/files', {
        headers: { Authorization: `Bearer ${capped.token}`, 'Content-Type': form.contentType },
        body: form.body,
      });
      expect(second.status).toBe(429);
      expect(second.json.error.code).toBe('LIMIT_EXCEEDED');
      slow.destroy();
    } finally {
      await capped.close();
    }
  });

  it('takes the token from CONTEXT_STORE_TOKEN when set', async () => {
    const previous = process.env.CONTEXT_STORE_TOKEN;
    process.env.CONTEXT_STORE_TOKEN = 'env-token-0123456789abcdef0123456789';
    try {
      const envServer = await startServer({ storePath: path.join(dir, 'env.db'), port: 0, staticDir: null });
      try {
        expect(envServer.token).toBe('env-token-0123456789abcdef0123456789');
        const ok = await raw(envServer.url, 'GET', '/api/data-migration/operations/active', {
          headers: { Authorization: 'Bearer env-token-0123456789abcdef0123456789' },
        });
        expect(ok.status).toBe(200);
      } finally {
        await envServer.close();
      }
    } finally {
      if (previous === undefined) delete process.env.CONTEXT_STORE_TOKEN;
      else process.env.CONTEXT_STORE_TOKEN = previous;
    }
  });

  it('keeps the same generated token across restarts', async () => {
    const previous = process.env.CONTEXT_STORE_TOKEN;
    delete process.env.CONTEXT_STORE_TOKEN;
    try {
      const first = await startServer({ storePath: path.join(dir, 'again.db'), port: 0, staticDir: null });
      const token = first.token;
      await first.close();
      const second = await startServer({ storePath: path.join(dir, 'again.db'), port: 0, staticDir: null });
      expect(second.token).toBe(token);
      expect(token.length).toBeGreaterThanOrEqual(32);
      await second.close();
    } finally {
      if (previous !== undefined) process.env.CONTEXT_STORE_TOKEN = previous;
    }
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
