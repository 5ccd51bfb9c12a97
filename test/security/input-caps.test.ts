/**
 * Unbounded input over real HTTP: 40,000 tags in a filter ended in "too many SQL variables" (500); an `options`
 * field over 1 MiB was cut and then called "not valid JSON"; uploads to /api/files had no total cap and lived
 * until the server stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { cli } from '../cli-helpers.ts';
import { contextsJson, multipart, raw, tempDir } from '../server/helpers.ts';

let dir: string;
let server: RunningServer;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = tempDir('cs-sec-caps-');
  server = await startServer({
    storePath: path.join(dir, 'store.db'),
    port: 0,
    staticDir: null,
    exportDir: path.join(dir, 'exports'),
    maxKeptUploadBytes: 4096,
  });
  auth = { Authorization: `Bearer ${server.token}` };
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (name: string, content: string) => {
  const form = multipart([{ name: 'file', filename: name, content }]);
  return raw(server.url, 'POST', '/api/files', { headers: { ...auth, 'Content-Type': form.contentType }, body: form.body });
};

describe('caps', () => {
  it('40,000 tags in a filter: 400 naming the list, not a 500', async () => {
    const tags = Array.from({ length: 40_000 }, (_, i) => `t${i}`);
    const res = await raw(server.url, 'POST', '/api/rpc/countRecords', {
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filters: { tags } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/400 tags/);
  });

  it('10,000 tags on the CLI (one argument holds no more): exit 2', () => {
    const run = cli([
      '--db',
      path.join(dir, 'cli.db'),
      'export',
      '--type',
      'contexts',
      '--format',
      'json',
      '--out',
      path.join(dir, 'x.json'),
      '--tags',
      Array.from({ length: 10_000 }, (_, i) => `t${i}`).join(','),
    ]);
    expect(run.code).toBe(2);
  });

  it('an options field over 1 MiB: 413', async () => {
    const form = multipart([
      { name: 'options', value: JSON.stringify({ dataType: 'contexts', pad: 'x'.repeat(1024 * 1024 + 10) }) },
      { name: 'file', filename: 'a.json', content: contextsJson(1) },
    ]);
    const res = await raw(server.url, 'POST', '/api/data-migration/validate', { headers: { ...auth, 'Content-Type': form.contentType }, body: form.body });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/options/);
  });

  it('kept uploads have a total cap, and an upload is removed after its import', async () => {
    const first = await upload('a.json', contextsJson(3, 'a'));
    expect(first.status).toBe(201);
    const tooMuch = await upload('big.json', 'x'.repeat(5000));
    expect(tooMuch.status).toBe(413);
    const imported = await raw(server.url, 'POST', '/api/rpc/importData', {
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [first.json.path], options: {} }),
    });
    expect(imported.status).toBe(200);
    expect(fs.existsSync(first.json.path)).toBe(false);
  });

  it('unused uploads expire', async () => {
    const short = await startServer({ storePath: path.join(dir, 'ttl.db'), port: 0, staticDir: null, exportDir: path.join(dir, 'exports2'), uploadTtlMs: 1 });
    try {
      const form = multipart([{ name: 'file', filename: 'a.json', content: contextsJson(1) }]);
      const up = await raw(short.url, 'POST', '/api/files', {
        headers: { Authorization: `Bearer ${short.token}`, 'Content-Type': form.contentType },
        body: form.body,
      });
      expect(fs.existsSync(up.json.path)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      const again = await raw(short.url, 'POST', '/api/files', {
        headers: { Authorization: `Bearer ${short.token}`, 'Content-Type': form.contentType },
        body: form.body,
      });
      expect(again.status).toBe(201);
      expect(fs.existsSync(up.json.path)).toBe(false);
    } finally {
      await short.close();
    }
  });
});
