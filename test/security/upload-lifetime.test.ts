/**
 * Uploads over real HTTP (issue 13: "uploads to /api/files have no total cap and live until the server stops").
 * Written as the attacks that worked: a dropped folder uploaded to /api/files stayed on disk after its import
 * (only single files were removed), and the seed import route streamed any number of files of up to 1 GiB each
 * to disk, outside the total cap, which only /api/files checked and only once a request had been written whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { contextsJson, multipart, raw, tempDir } from '../server/helpers.ts';

let dir: string;
let server: RunningServer;
let auth: Record<string, string>;
const CAP = 64 * 1024;

beforeAll(async () => {
  dir = tempDir('cs-sec-uploads-');
  server = await startServer({
    storePath: path.join(dir, 'store.db'),
    port: 0,
    staticDir: null,
    exportDir: path.join(dir, 'exports'),
    maxKeptUploadBytes: CAP,
  });
  auth = { Authorization: `Bearer ${server.token}` };
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const onDisk = () => (fs.existsSync(server.uploadDir) ? fs.readdirSync(server.uploadDir) : []);
const note = (title: string) => `---\ntitle: ${title}\n---\nBody of ${title}.\n`;

describe('uploads', () => {
  it('a dropped folder uploaded to /api/files is removed after its import', async () => {
    const form = multipart([
      { name: 'relativePath', value: 'vault/a.md' },
      { name: 'file', filename: 'a.md', content: note('A') },
      { name: 'relativePath', value: 'vault/Sub/b.md' },
      { name: 'file', filename: 'b.md', content: note('B') },
    ]);
    const up = await raw(server.url, 'POST', '/api/files', { headers: { ...auth, 'Content-Type': form.contentType }, body: form.body });
    expect(up.status).toBe(201);
    expect(up.json.name).toBe('vault');
    expect(onDisk()).toHaveLength(1);
    const imported = await raw(server.url, 'POST', '/api/rpc/importData', {
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [up.json.path], options: {} }),
    });
    expect(imported.status).toBe(200);
    expect(imported.json.value.insertedRecords).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(up.json.path)).toBe(false);
    expect(onDisk()).toEqual([]);
  });

  it('the total cap holds for every upload route, and what is refused leaves nothing behind', async () => {
    // One request of several files, each under the per-file limit, together over the total.
    const parts = Array.from({ length: 5 }, (_, i) => ({ name: 'file', filename: `part${i}.json`, content: contextsJson(1, `p${i}`) + ' '.repeat(20_000) }));
    const viaSeed = multipart(parts);
    const seed = await raw(server.url, 'POST', '/api/data-migration/import', { headers: { ...auth, 'Content-Type': viaSeed.contentType }, body: viaSeed.body });
    expect(seed.status).toBe(413);
    expect(seed.json.error.message).toMatch(/uploads on this server would pass 65536 bytes/);
    const viaFiles = multipart(parts);
    const files = await raw(server.url, 'POST', '/api/files', { headers: { ...auth, 'Content-Type': viaFiles.contentType }, body: viaFiles.body });
    expect(files.status).toBe(413);
    expect(onDisk()).toEqual([]);
    // Kept uploads count against the cap until they are imported.
    const small = multipart([{ name: 'file', filename: 'k.json', content: contextsJson(1, 'k') + ' '.repeat(40_000) }]);
    const kept = await raw(server.url, 'POST', '/api/files', { headers: { ...auth, 'Content-Type': small.contentType }, body: small.body });
    expect(kept.status).toBe(201);
    const second = multipart([{ name: 'file', filename: 'l.json', content: contextsJson(1, 'l') + ' '.repeat(40_000) }]);
    expect(
      (await raw(server.url, 'POST', '/api/data-migration/validate', { headers: { ...auth, 'Content-Type': second.contentType }, body: second.body })).status,
    ).toBe(413);
    expect(
      (
        await raw(server.url, 'POST', '/api/rpc/importData', {
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ files: [kept.json.path], options: {} }),
        })
      ).status,
    ).toBe(200);
    const third = multipart([{ name: 'file', filename: 'l.json', content: contextsJson(1, 'l') + ' '.repeat(40_000) }]);
    expect(
      (await raw(server.url, 'POST', '/api/data-migration/validate', { headers: { ...auth, 'Content-Type': third.contentType }, body: third.body })).status,
    ).toBe(200);
    expect(onDisk()).toEqual([]);
  });
});
