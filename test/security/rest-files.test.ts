/**
 * "REST reaches the whole disk": with the token, exportData.outputPath wrote anywhere (it renamed an export over
 * ~/.bashrc) and importData/validateFile/inspectFile read any path (inspectFile of /etc/passwd returned its lines).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { contextsJson, multipart, raw, tempDir } from '../server/helpers.ts';

let dir: string;
let server: RunningServer;
let allowed: string;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = tempDir('cs-sec-files-');
  allowed = path.join(dir, 'allowed');
  fs.mkdirSync(allowed);
  fs.writeFileSync(path.join(allowed, 'ok.json'), contextsJson(2, 'ok'));
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: null, exportDir: path.join(dir, 'exports'), allowDirs: [allowed] });
  auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rpc = (name: string, body: unknown) => raw(server.url, 'POST', `/api/rpc/${name}`, { headers: auth, body: JSON.stringify(body) });

describe('REST reads only its own files', () => {
  it('inspectFile of /etc/passwd is refused', async () => {
    const res = await rpc('inspectFile', { file: '/etc/passwd', options: {} });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('root:');
  });
  it('importData and validateFile of a path outside are refused, on both the RPC and the seed route', async () => {
    const outside = path.join(dir, 'outside.json');
    fs.writeFileSync(outside, contextsJson(1, 'out'));
    expect((await rpc('importData', { files: [outside], options: {} })).status).toBe(403);
    expect((await rpc('validateFile', { files: [outside], options: {} })).status).toBe(403);
    const seed = await raw(server.url, 'POST', '/api/data-migration/import', { headers: auth, body: JSON.stringify({ file: outside }) });
    expect(seed.status).toBe(403);
    expect((await rpc('getStats', {})).json.value.contexts).toBe(0);
  });
  it("inspectFile's companions are held to the same rule as its file", async () => {
    const res = await rpc('inspectFile', { file: path.join(allowed, 'ok.json'), companions: ['/etc/passwd'], options: {} });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('root:');
  });
  it('a symlink or .. from an allowed folder that leads out is refused', async () => {
    fs.symlinkSync('/etc/passwd', path.join(allowed, 'link.txt'));
    expect((await rpc('inspectFile', { file: path.join(allowed, 'link.txt'), options: {} })).status).toBe(403);
    expect((await rpc('inspectFile', { file: `${allowed}/../outside.json`, options: {} })).status).toBe(403);
  });
  it('reads a file under --allow-dir and a file uploaded to this server', async () => {
    expect((await rpc('validateFile', { files: [path.join(allowed, 'ok.json')], options: {} })).status).toBe(200);
    const form = multipart([{ name: 'file', filename: 'up.json', content: contextsJson(1, 'up') }]);
    const up = await raw(server.url, 'POST', '/api/files', {
      headers: { Authorization: auth.Authorization, 'Content-Type': form.contentType },
      body: form.body,
    });
    expect(up.status).toBe(201);
    expect((await rpc('importData', { files: [up.json.path], options: {} })).status).toBe(200);
  });
});

describe('REST writes only inside its export folder', () => {
  it('an export over a file outside the folder is refused and the file is untouched', async () => {
    const victim = path.join(dir, 'home', '.bashrc');
    fs.mkdirSync(path.dirname(victim));
    fs.writeFileSync(victim, 'echo safe\n');
    for (const outputPath of [victim, '../home/.bashrc', path.join(dir, 'newdir', 'x.json')]) {
      const res = await rpc('exportData', { options: { format: 'json', outputPath } });
      expect(res.status, outputPath).toBe(403);
      const seed = await raw(server.url, 'POST', '/api/data-migration/export', { headers: auth, body: JSON.stringify({ format: 'json', outputPath }) });
      expect(seed.status, outputPath).toBe(403);
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('echo safe\n');
    expect(fs.existsSync(path.join(dir, 'newdir'))).toBe(false);
  });
  it('a symlink planted in the export folder does not lead out', async () => {
    fs.mkdirSync(path.join(dir, 'exports', 'sub'), { recursive: true });
    fs.symlinkSync(dir, path.join(dir, 'exports', 'escape'));
    expect((await rpc('exportData', { options: { format: 'json', outputPath: 'escape/x.json' } })).status).toBe(403);
  });
  it('writes a server-chosen name, or a name inside the folder, and never overwrites unless asked', async () => {
    const chosen = await rpc('exportData', { options: { format: 'json' } });
    expect(chosen.status).toBe(200);
    expect(fs.realpathSync(path.dirname(chosen.json.value.filePath))).toBe(fs.realpathSync(path.join(dir, 'exports')));
    expect((await rpc('exportData', { options: { format: 'json', outputPath: 'nightly.json' } })).status).toBe(200);
    expect(fs.existsSync(path.join(dir, 'exports', 'nightly.json'))).toBe(true);
    expect((await rpc('exportData', { options: { format: 'json', outputPath: 'nightly.json' } })).status).toBe(409);
    expect((await rpc('exportData', { options: { format: 'json', outputPath: 'nightly.json' }, overwrite: true })).status).toBe(200);
  });
});
