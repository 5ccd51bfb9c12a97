/**
 * The local REST API over real HTTP against a temp store: the seed's endpoints, the RPC route, auth, the
 * Host/Origin/content-type guards, size caps, uploads, downloads, and error bodies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { tokenFilePath } from '../../electron/server/token.ts';
import { CALL_NAMES } from '../../shared/contract.ts';
import { contextsJson, multipart, raw, tempDir } from './helpers.ts';

let server: RunningServer;
let dir: string;
const MAX_UPLOAD = 64 * 1024;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({
    storePath: path.join(dir, 'store.db'),
    port: 0,
    staticDir: null,
    maxUploadBytes: MAX_UPLOAD,
    maxJsonBytes: 256 * 1024,
    allowDirs: [dir],
  });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${server.token}` });
const get = (p: string, headers: Record<string, string> = auth()) => raw(server.url, 'GET', p, { headers });
const postJson = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(server.url, 'POST', p, {
    headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const postMultipart = (p: string, parts: Parameters<typeof multipart>[0]) => {
  const form = multipart(parts);
  return raw(server.url, 'POST', p, { headers: { ...auth(), 'Content-Type': form.contentType }, body: form.body });
};

function expectErrorBody(response: { json: any; text: string }, code: string) {
  expect(response.json?.error?.code).toBe(code);
  expect(typeof response.json.error.message).toBe('string');
  expect(response.text).not.toMatch(/\n\s+at |stack/i);
}

describe('authentication', () => {
  it('refuses a request without a token with 401 and a JSON error', async () => {
    const response = await get('/api/data-migration/operations/active', {});
    expect(response.status).toBe(401);
    expectErrorBody(response, 'UNAUTHORIZED');
  });

  it('refuses a wrong token, and a token given any other way than Bearer', async () => {
    expect((await get('/api/data-migration/operations/active', { Authorization: 'Bearer wrong-token-value' })).status).toBe(401);
    expect((await get('/api/data-migration/operations/active', { Authorization: `Basic ${server.token}` })).status).toBe(401);
    expect((await get(`/api/data-migration/operations/active?token=${server.token}`, {})).status).toBe(401);
  });

  it('accepts the right token', async () => {
    const response = await get('/api/data-migration/operations/active');
    expect(response.status).toBe(200);
    expect(response.json).toEqual([]);
  });

  it('stores the generated token owner-only next to the store and reuses it', async () => {
    const file = tokenFilePath(path.join(dir, 'store.db'));
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(server.token);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('request guards', () => {
  it('refuses a Host header that is not the bound address (DNS rebinding), even with the token', async () => {
    const response = await get('/api/data-migration/operations/active', { ...auth(), Host: `evil.example:${server.port}` });
    expect([403, 421]).toContain(response.status);
    expectErrorBody(response, 'FORBIDDEN');
    expect((await get('/api/data-migration/operations/active', { ...auth(), Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    // Even the page and unknown paths: the Host check comes before anything else.
    expect((await get('/', { Host: 'rebind.attacker.test' })).status).toBe(403);
  });

  it('checks the Host before the token', async () => {
    const response = await get('/api/data-migration/operations/active', { Host: `evil.example:${server.port}` });
    expect(response.status).toBe(403);
  });

  it('accepts localhost and 127.0.0.1 on the bound port', async () => {
    expect((await get('/api/data-migration/operations/active', { ...auth(), Host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/api/data-migration/operations/active', { ...auth(), Host: `127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin and sends no CORS headers', async () => {
    const response = await get('/api/data-migration/operations/active', { ...auth(), Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const same = await get('/api/data-migration/operations/active', { ...auth(), Origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses writes that are not JSON or multipart (no simple cross-site form posts)', async () => {
    const response = await raw(server.url, 'POST', '/api/data-migration/export', { headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(415);
    expectErrorBody(response, 'BAD_ARGUMENT');
    const form = await raw(server.url, 'POST', '/api/data-migration/templates', {
      headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(form.status).toBe(415);
  });
});

describe('JSON bodies', () => {
  it('answers 400 with a JSON error for malformed JSON', async () => {
    const response = await postJson('/api/data-migration/export', '{"format": ');
    expect(response.status).toBe(400);
    expectErrorBody(response, 'BAD_ARGUMENT');
  });

  it('answers 400 for a body nested too deep and 413 for one too large', async () => {
    const deep = '['.repeat(200) + ']'.repeat(200);
    const tooDeep = await postJson('/api/rpc/getStats', deep);
    expect(tooDeep.status).toBe(400);
    expectErrorBody(tooDeep, 'BAD_ARGUMENT');
    const big = await postJson('/api/rpc/getStats', JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expectErrorBody(big, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 400 for input that does not match the contract', async () => {
    const response = await postJson('/api/data-migration/export', { format: 'docx' });
    expect(response.status).toBe(400);
    expectErrorBody(response, 'BAD_ARGUMENT');
    expect(response.json.error.message).toContain('format');
  });
});

describe('import and validate (multipart)', () => {
  it('imports an uploaded file and reports it under its own name', async () => {
    const response = await postMultipart('/api/data-migration/import', [
      { name: 'dataType', value: 'contexts' },
      { name: 'options', value: JSON.stringify({ errorHandling: 'strict' }) },
      { name: 'file', filename: 'three.json', content: contextsJson(3), type: 'application/json' },
    ]);
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('completed');
    expect(response.json.insertedRecords).toBe(3);
    expect(response.json.inputs[0].file).toBe('three.json');
    const stats = await postJson('/api/rpc/getStats', {});
    expect(stats.json.value.contexts).toBe(3);

    const progress = await get(`/api/data-migration/operations/${response.json.operationId}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.json.status).toBe('completed');
    expect(progress.json.progress).toBe(100);

    const history = await get('/api/data-migration/operations/history?limit=1');
    expect(history.status).toBe(200);
    expect(history.json).toHaveLength(1);
    expect(history.json[0].operationId).toBe(response.json.operationId);
  });

  it('takes the file before the fields as well, and a dry run writes nothing', async () => {
    const response = await postMultipart('/api/data-migration/import', [
      { name: 'file', filename: 'more.json', content: contextsJson(2, 'dry') },
      { name: 'options', value: JSON.stringify({ dryRun: true }) },
    ]);
    expect(response.status).toBe(200);
    expect(response.json.dryRun).toBe(true);
    expect(response.json.successfulRecords).toBe(2);
    expect((await postJson('/api/rpc/countRecords', { dataType: 'contexts' })).json.value.count).toBe(3);
  });

  it('answers a whole-run failure with its error status and the result, and leaves the store as it was', async () => {
    const response = await postMultipart('/api/data-migration/import', [
      { name: 'dataType', value: 'contexts' },
      { name: 'file', filename: 'broken.json', content: '[{"id": "x1", "title": "t", "content": "c", "createdAt": "2026-01-01T00:00:00Z"}, {"id": ' },
    ]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.json.error.code).toBeTruthy();
    expect(response.json.result.status).toBe('failed');
    expect((await postJson('/api/rpc/countRecords', { dataType: 'contexts' })).json.value.count).toBe(3);
  });

  it('answers 400 for options that are not JSON and for a missing file', async () => {
    const badOptions = await postMultipart('/api/data-migration/import', [
      { name: 'options', value: '{nope' },
      { name: 'file', filename: 'a.json', content: contextsJson(1) },
    ]);
    expect(badOptions.status).toBe(400);
    expectErrorBody(badOptions, 'BAD_ARGUMENT');
    const noFile = await postMultipart('/api/data-migration/import', [{ name: 'dataType', value: 'contexts' }]);
    expect(noFile.status).toBe(400);
    expectErrorBody(noFile, 'BAD_ARGUMENT');
  });

  it('also takes a JSON body naming a file under a folder allowed with --allow-dir (dry run here)', async () => {
    const file = path.join(dir, 'local.json');
    fs.writeFileSync(file, contextsJson(4, 'local'));
    const response = await postJson('/api/data-migration/import', { file, dataType: 'contexts', options: { dryRun: true } });
    expect(response.status).toBe(200);
    expect(response.json.successfulRecords).toBe(4);
    expect(fs.existsSync(file)).toBe(true);
    const validate = await postJson('/api/data-migration/validate', { files: [file], options: '{"dataType":"contexts"}' });
    expect(validate.status).toBe(200);
    expect(validate.json.valid).toBe(true);
    const missing = await postJson('/api/data-migration/import', { file: path.join(dir, 'nope.json') });
    expect(missing.status).toBe(400);
    expectErrorBody(missing, 'FILE_NOT_FOUND');
    const wrongShape = await postJson('/api/data-migration/import', { file: 42 });
    expect(wrongShape.status).toBe(400);
  });

  it('refuses an upload larger than the cap with 413', async () => {
    const response = await postMultipart('/api/data-migration/import', [{ name: 'file', filename: 'huge.json', content: Buffer.alloc(MAX_UPLOAD * 2, 0x20) }]);
    expect(response.status).toBe(413);
    expectErrorBody(response, 'PAYLOAD_TOO_LARGE');
  });

  it('validates an uploaded file without writing', async () => {
    const response = await postMultipart('/api/data-migration/validate', [
      { name: 'dataType', value: 'contexts' },
      { name: 'file', filename: 'v.json', content: JSON.stringify([{ id: 'v1', title: 't', content: 'c', createdAt: 'not a date' }]) },
    ]);
    expect(response.status).toBe(200);
    expect(response.json.valid).toBe(false);
    expect(response.json.invalidRecords).toBe(1);
    expect((await postJson('/api/rpc/countRecords', { dataType: 'contexts' })).json.value.count).toBe(3);
  });

  it('removes uploaded files once the import is done', async () => {
    const response = await postMultipart('/api/data-migration/import', [
      { name: 'options', value: '{"dryRun": true}' },
      { name: 'file', filename: 'gone.json', content: contextsJson(1, 'gone') },
    ]);
    expect(response.status).toBe(200);
    const left = fs.existsSync(server.uploadDir) ? fs.readdirSync(server.uploadDir) : [];
    expect(left).toEqual([]);
  });
});

describe('export and download', () => {
  it('exports, then downloads exactly the exported file', async () => {
    const response = await postJson('/api/data-migration/export', { dataType: 'contexts', format: 'jsonl' });
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('completed');
    expect(response.json.recordCount).toBe(3);
    const onDisk = fs.readFileSync(response.json.files[0].path);
    const download = await get(response.json.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.from(download.text)).toEqual(onDisk);
    expect(download.text.trim().split('\n')).toHaveLength(3);
    // Also by operation id.
    const byOperation = await get(`/api/data-migration/exports/${response.json.operationId}/download`);
    expect(byOperation.status).toBe(200);
  });

  it('accepts the options wrapped as { options } too', async () => {
    const response = await postJson('/api/data-migration/export', { options: { format: 'jsonl' }, operationId: 'wrapped-export-1' });
    expect(response.status).toBe(200);
    expect(response.json.format).toBe('jsonl');
    expect(response.json.operationId).toBe('wrapped-export-1');
  });

  it('downloads exports made through the RPC route too', async () => {
    const response = await postJson('/api/rpc/exportData', { options: { format: 'json' } });
    expect(response.status).toBe(200);
    const download = await get(`/api/data-migration/exports/${response.json.value.exportId}/download`);
    expect(download.status).toBe(200);
    expect(JSON.parse(download.text)).toHaveLength(3);
  });

  it('never serves a file it did not export', async () => {
    expect((await get('/api/data-migration/exports/exp_unknown/download')).status).toBe(404);
    expect((await get(`/api/data-migration/exports/${encodeURIComponent('../../etc/passwd')}/download`)).status).toBe(404);
    expect((await get('/api/data-migration/exports/..%2F..%2Fstore.db/download')).status).toBe(404);
  });

  it('needs the token to download', async () => {
    const response = await postJson('/api/data-migration/export', { format: 'json' });
    expect((await get(response.json.downloadUrl, {})).status).toBe(401);
  });
});

describe('operations', () => {
  it('answers 404 for an unknown operation id', async () => {
    const progress = await get('/api/data-migration/operations/op_does_not_exist/progress');
    expect(progress.status).toBe(404);
    expectErrorBody(progress, 'NOT_FOUND');
    const cancel = await raw(server.url, 'POST', '/api/data-migration/operations/op_does_not_exist/cancel', { headers: auth() });
    expect(cancel.status).toBe(404);
    expectErrorBody(cancel, 'NOT_FOUND');
  });

  it('answers 409 when cancelling an operation that has finished', async () => {
    const history = await get('/api/data-migration/operations/history');
    const finished = history.json[0].operationId;
    const cancel = await postJson(`/api/data-migration/operations/${finished}/cancel`, {});
    expect(cancel.status).toBe(409);
    expectErrorBody(cancel, 'CONFLICT');
  });

  it('checks the history limit', async () => {
    expect((await get('/api/data-migration/operations/history?limit=abc')).status).toBe(400);
    expect((await get('/api/data-migration/operations/history?limit=0')).status).toBe(400);
    expect((await get('/api/data-migration/operations/history?limit=5000')).status).toBe(200);
    const all = await get('/api/data-migration/operations/history');
    expect(all.status).toBe(200);
    expect(all.json.length).toBeGreaterThan(2);
  });
});

describe('templates', () => {
  it('creates, lists and reads a template; 404 for an unknown one', async () => {
    const created = await postJson('/api/data-migration/templates', {
      name: 'Notes',
      description: 'd',
      schema: { type: 'contexts', fields: [{ name: 'title' }] },
    });
    expect(created.status).toBe(201);
    expect(created.json.id).toBeTruthy();
    const list = await get('/api/data-migration/templates');
    expect(list.status).toBe(200);
    expect(list.json.map((t: { id: string }) => t.id)).toContain(created.json.id);
    const one = await get(`/api/data-migration/templates/${created.json.id}`);
    expect(one.status).toBe(200);
    expect(one.json.name).toBe('Notes');
    const missing = await get('/api/data-migration/templates/tpl_missing');
    expect(missing.status).toBe(404);
    expectErrorBody(missing, 'NOT_FOUND');
    const invalid = await postJson('/api/data-migration/templates', { description: 'no name' });
    expect(invalid.status).toBe(400);
  });
});

describe('RPC route', () => {
  it('runs any contract call and wraps its value', async () => {
    const formats = await postJson('/api/rpc/getFormats', {});
    expect(formats.status).toBe(200);
    expect(formats.json.value.map((f: { id: string }) => f.id)).toContain('json');
    const page = await postJson('/api/rpc/listContexts', { limit: 2 });
    expect(page.json.value.items).toHaveLength(2);
    expect(page.json.value.total).toBe(3);
  });

  it('serves every contract call (a new call needs no route of its own)', async () => {
    for (const name of CALL_NAMES) {
      const response = await postJson(`/api/rpc/${name}`, {});
      expect(response.json?.error?.message ?? '', name).not.toMatch(/no call named/i);
      expect(response.status, name).not.toBe(500);
    }
  });

  it('answers 404 for an unknown call, also for names on Object.prototype', async () => {
    expect((await postJson('/api/rpc/dropEverything', {})).status).toBe(404);
    expect((await postJson('/api/rpc/constructor', {})).status).toBe(404);
    expect((await postJson('/api/rpc/__proto__', {})).status).toBe(404);
  });

  it('answers 400 for invalid input and 404 for an unknown API path', async () => {
    const bad = await postJson('/api/rpc/listContexts', { limit: 'many' });
    expect(bad.status).toBe(400);
    expectErrorBody(bad, 'BAD_ARGUMENT');
    const unknownRoute = await get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expectErrorBody(unknownRoute, 'NOT_FOUND');
  });
});
