/**
 * Rejected records over REST (issue 16), over real HTTP: an import of a CSV with 5 bad rows answers a download
 * link; the download is a CSV of those 5 rows with an `_error` column, written in the server's export folder;
 * fixed, the same request imports exactly those 5. A rejects path outside the export folder is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { multipart, raw, tempDir } from './helpers.ts';

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: null, exportDir: path.join(dir, 'exports') });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${server.token}` });
const importCsv = (name: string, csv: string, options: Record<string, unknown>) => {
  const form = multipart([
    { name: 'file', filename: name, content: csv, type: 'text/csv' },
    { name: 'options', value: JSON.stringify(options) },
  ]);
  return raw(server.url, 'POST', '/api/data-migration/import', { headers: { ...auth(), 'Content-Type': form.contentType }, body: form.body });
};

const rowsOf = (prefix: string) =>
  Array.from({ length: 20 }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}`, content: 'x', createdAt: i % 4 === 1 ? 'someday' : '2024-05-01T00:00:00Z' }));
const rows = rowsOf('r');

describe('rejected records as a download over REST', () => {
  it('answers a link to the rejected rows, which fixed re-import exactly those rows', async () => {
    const options = { dataType: 'contexts', errorHandling: 'lenient' };
    const dry = await importCsv('rows.csv', Papa.unparse(rows), { ...options, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, failedRecords: 5, rejects: { format: 'csv', records: 5 } });
    expect(dry.json.rejectsUrl).toBe(`/api/data-migration/operations/${dry.json.operationId}/rejects`);

    const first = await importCsv('rows.csv', Papa.unparse(rows), options);
    expect(first.json).toMatchObject({ insertedRecords: 15, failedRecords: 5, rejects: { format: 'csv', records: 5, downloadUrl: first.json.rejectsUrl } });
    // Written in the server's export folder, under a name the server chose.
    expect(path.dirname(fs.realpathSync(first.json.rejects.path))).toBe(fs.realpathSync(path.join(dir, 'exports')));

    const download = await raw(server.url, 'GET', first.json.rejectsUrl, { headers: auth() });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^text\/csv/);
    expect(download.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const rejected = Papa.parse<Record<string, string>>(download.text, { header: true, skipEmptyLines: true });
    expect(rejected.meta.fields).toEqual(['id', 'title', 'content', 'createdAt', '_error']);
    expect(rejected.data.map((r) => r.id)).toEqual(['r1', 'r5', 'r9', 'r13', 'r17']);
    expect(rejected.data[0]!._error).toMatch(/createdAt/);

    // Fixed in a spreadsheet, sent again with the same options: exactly those 5, nothing rejected, no link.
    const fixed = Papa.unparse(rejected.data.map((r) => ({ ...r, createdAt: '2024-05-02T00:00:00Z' })));
    const retry = await importCsv('rows.rejects.csv', fixed, options);
    expect(retry.json).toMatchObject({ status: 'completed', insertedRecords: 5, failedRecords: 0 });
    expect(retry.json.rejectsUrl).toBeUndefined();
    expect(server.service.store.contexts.count({})).toBe(20);
  });

  it('needs the token, knows only its own operations, and keeps a named rejects file inside the export folder', async () => {
    expect((await raw(server.url, 'GET', '/api/data-migration/operations/op_nothing/rejects', {})).status).toBe(401);
    const unknown = await raw(server.url, 'GET', '/api/data-migration/operations/op_nothing/rejects', { headers: auth() });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');

    const outside = await importCsv('rows.csv', Papa.unparse(rows), {
      dataType: 'contexts',
      errorHandling: 'lenient',
      dryRun: true,
      rejectsPath: path.join(dir, 'elsewhere.csv'),
    });
    expect(outside.status).toBe(403);
    expect(outside.json.error).toMatchObject({ code: 'FORBIDDEN', field: 'rejectsPath' });
    expect(fs.existsSync(path.join(dir, 'elsewhere.csv'))).toBe(false);

    const named = await importCsv('rows.csv', Papa.unparse(rowsOf('n')), {
      dataType: 'contexts',
      errorHandling: 'lenient',
      dryRun: true,
      rejectsPath: 'to-fix.csv',
    });
    expect(named.json.rejects).toMatchObject({ records: 5, path: path.join(fs.realpathSync(path.join(dir, 'exports')), 'to-fix.csv') });
    expect((await raw(server.url, 'GET', named.json.rejectsUrl, { headers: auth() })).text).toContain('_error');
  });
});
