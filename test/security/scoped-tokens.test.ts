/**
 * Scoped, named tokens over real HTTP: before, one shared secret guarded everything (and the page handed it out).
 * Tokens are made with the real CLI against the same store the server uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { cli } from '../cli-helpers.ts';
import { contextsJson, multipart, raw, tempDir } from '../server/helpers.ts';

let dir: string;
let db: string;
let server: RunningServer;
const token: Record<string, string> = {};

function make(name: string, scope: string, extra: string[] = []): string {
  const run = cli(['--db', db, 'tokens', 'create', '--name', name, '--scope', scope, '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return run.json<{ token: string }>().token;
}
const as = (who: string, method: string, p: string, body?: unknown) =>
  raw(server.url, method, p, {
    headers: { Authorization: `Bearer ${token[who] ?? who}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  dir = tempDir('cs-sec-tokens-');
  db = path.join(dir, 'store.db');
  for (const scope of ['read', 'export', 'import', 'admin']) token[scope] = make(`${scope}-job`, scope);
  token.expired = make('old-job', 'admin', ['--expires', '1m']);
  server = await startServer({ storePath: db, port: 0, staticDir: null, exportDir: path.join(dir, 'exports') });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('scoped tokens', () => {
  it('stores only a hash and lists name, scope, created, last used and expiry', () => {
    const bytes = fs.readFileSync(db);
    expect(bytes.includes(Buffer.from(token.read!))).toBe(false);
    const list = cli(['--db', db, 'tokens', 'list', '--json']).json<
      { name: string; scope: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null }[]
    >();
    expect(list.map((t) => t.name).sort()).toEqual(['admin-job', 'export-job', 'import-job', 'old-job', 'read-job']);
    expect(list.find((t) => t.name === 'old-job')!.expiresAt).toBeTruthy();
    expect(JSON.stringify(list)).not.toContain('cst_');
  });

  it('read may read, not export, import or change templates: 403 naming the scope needed', async () => {
    expect((await as('read', 'GET', '/api/data-migration/operations/history')).status).toBe(200);
    expect((await as('read', 'POST', '/api/rpc/getStats', {})).status).toBe(200);
    const exp = await as('read', 'POST', '/api/data-migration/export', { format: 'json' });
    expect(exp.status).toBe(403);
    expect(exp.json.error.message).toContain('"export" scope');
    expect((await as('read', 'POST', '/api/rpc/listContexts', {})).status).toBe(403);
    expect((await as('read', 'POST', '/api/rpc/createDataTemplate', { name: 'x' })).json.error.message).toContain('"admin" scope');
  });

  it("every route and every call needs the scope the issue's list gives it, over HTTP with each scope's token", async () => {
    // The list: read (stats, history, progress, templates list), export (+ exports, downloads, record
    // contents), import (+ validate, import, undo/cancel of its own), admin (everything else).
    const ROUTES: Record<string, string> = {
      'GET /api/data-migration/operations/:id/progress': 'read',
      'GET /api/data-migration/operations/active': 'read',
      'GET /api/data-migration/operations/history': 'read',
      'GET /api/data-migration/templates': 'read',
      'GET /api/data-migration/templates/:id': 'read',
      'GET /api/events': 'read',
      'POST /api/data-migration/export': 'export',
      'GET /api/data-migration/exports/:id/download': 'export',
      'POST /api/data-migration/import': 'import',
      'POST /api/data-migration/validate': 'import',
      'POST /api/data-migration/operations/:id/cancel': 'import',
      'GET /api/data-migration/operations/:id/rejects': 'import',
      'POST /api/files': 'import',
      'POST /api/data-migration/templates': 'admin',
    };
    const CALLS: Record<string, string> = {
      ...Object.fromEntries(
        [
          'countRecords',
          'getOperationProgress',
          'getActiveOperations',
          'getOperationHistory',
          'getOperation',
          'getDataTemplates',
          'getDataTemplate',
          'getTemplateVersions',
          'evaluateExpression',
          'suggestMapping',
          'previewMapping',
          'getStats',
          'getFormats',
          'getSources',
          'listSnapshots',
          'getBackupSettings',
          'listExportDestinations',
        ].map((c) => [c, 'read']),
      ),
      ...Object.fromEntries(['exportData', 'previewExport', 'listContexts', 'listSessions', 'searchContexts'].map((c) => [c, 'export'])),
      ...Object.fromEntries(
        ['importData', 'validateFile', 'inspectFile', 'cancelOperation', 'undoImport', 'saveRejectedRecords', 'forgetMapping'].map((c) => [c, 'import']),
      ),
      ...Object.fromEntries(
        ['createDataTemplate', 'updateDataTemplate', 'deleteDataTemplate', 'backupStore', 'restoreStore', 'verifyExport', 'updateBackupSettings'].map((c) => [
          c,
          'admin',
        ]),
      ),
    };
    const { CALL_NAMES } = await import('../../shared/contract.ts');
    expect(Object.keys(CALLS).sort()).toEqual([...CALL_NAMES].sort());
    const registered = server.routes
      .filter((r) => r.method !== 'HEAD' && !['/', '/index.html', '/favicon.ico', '/*'].includes(r.url) && r.url !== '/api/rpc/:name')
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.sort()).toEqual(Object.keys(ROUTES).sort());

    const RANK = ['read', 'export', 'import', 'admin'];
    const allowed = (held: string, needed: string) => held === 'admin' || held === needed || needed === 'read';
    const refusedFor = async (who: string, method: string, url: string, body?: unknown) => {
      const res = await as(who, method, url, method === 'POST' ? (body ?? {}) : undefined);
      return res.status === 403 && String(res.json?.error?.message).includes('scope');
    };
    const wrong: string[] = [];
    for (const held of RANK.slice(0, 3)) {
      for (const [route, needed] of Object.entries(ROUTES)) {
        if (route === 'GET /api/events') continue; // a stream: its scope is checked in the guard like the others
        const [method, pattern] = route.split(' ') as [string, string];
        if (allowed(held, needed) && method === 'POST') continue; // would run the operation; the refusals are what this checks
        if ((await refusedFor(`${held}`, method, pattern.replace(':id', 'op_none'))) !== !allowed(held, needed)) wrong.push(`${held} ${route}`);
      }
      for (const [call, needed] of Object.entries(CALLS)) {
        if (allowed(held, needed) && needed !== 'read') continue;
        if ((await refusedFor(held, 'POST', `/api/rpc/${call}`)) !== !allowed(held, needed)) wrong.push(`${held} ${call}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('export may export and download, not import; import may import, not export', async () => {
    const exp = await as('export', 'POST', '/api/data-migration/export', { format: 'json' });
    expect(exp.status).toBe(200);
    expect((await as('export', 'GET', exp.json.downloadUrl)).status).toBe(200);
    expect((await as('export', 'POST', '/api/data-migration/validate', { file: '/etc/passwd' })).status).toBe(403);
    const form = multipart([{ name: 'file', filename: 'a.json', content: contextsJson(2, 'i') }]);
    const imp = await raw(server.url, 'POST', '/api/data-migration/import', {
      headers: { Authorization: `Bearer ${token.import}`, 'Content-Type': form.contentType },
      body: form.body,
    });
    expect(imp.status).toBe(200);
    expect((await as('import', 'POST', '/api/data-migration/export', { format: 'json' })).status).toBe(403);
    expect((await as('import', 'GET', exp.json.downloadUrl)).status).toBe(403);
  });

  it('records the token name as the user, whatever the body claims, and filters history by user', async () => {
    const form = multipart([
      { name: 'file', filename: 'b.json', content: contextsJson(1, 'b') },
      { name: 'options', value: JSON.stringify({ user: 'someone-else' }) },
    ]);
    const imp = await raw(server.url, 'POST', '/api/data-migration/import', {
      headers: { Authorization: `Bearer ${token.import}`, 'Content-Type': form.contentType },
      body: form.body,
    });
    expect(imp.status).toBe(200);
    const mine = await as('admin', 'GET', '/api/data-migration/operations/history?user=import-job');
    expect(mine.status).toBe(200);
    expect(mine.json.length).toBeGreaterThanOrEqual(2);
    expect(mine.json.every((op: { user: string }) => op.user === 'import-job')).toBe(true);
    const ops = cli(['--db', db, 'ops', 'list', '--user', 'export-job', '--json']);
    expect(ops.code, ops.stderr).toBe(0);
    expect(ops.json<{ user: string }[]>().map((o) => o.user)).toEqual(['export-job']);
  });

  it('an import token undoes only its own imports', async () => {
    const form = multipart([{ name: 'file', filename: 'c.json', content: contextsJson(1, 'c') }]);
    const byAdmin = await raw(server.url, 'POST', '/api/data-migration/import', {
      headers: { Authorization: `Bearer ${token.admin}`, 'Content-Type': form.contentType },
      body: form.body,
    });
    expect(byAdmin.status).toBe(200);
    const refused = await as('import', 'POST', '/api/rpc/undoImport', { operationId: byAdmin.json.operationId });
    expect(refused.status).toBe(403);
    const own = (await as('admin', 'GET', '/api/data-migration/operations/history?user=import-job')).json.find((op: { type: string }) => op.type === 'import');
    expect((await as('import', 'POST', '/api/rpc/undoImport', { operationId: own.operationId, dryRun: true })).status).toBe(200);
    expect(refused.json.error.message).toContain('"admin" scope');
    expect(refused.json.error.data).toEqual({ scopeNeeded: 'admin' });
  });

  it('an import token cancels only its own operations, on both cancel routes; admin any', async () => {
    const form = multipart([{ name: 'file', filename: 'd.json', content: contextsJson(1, 'd') }]);
    const byAdmin = (
      await raw(server.url, 'POST', '/api/data-migration/import', {
        headers: { Authorization: `Bearer ${token.admin}`, 'Content-Type': form.contentType },
        body: form.body,
      })
    ).json;
    const seed = await as('import', 'POST', `/api/data-migration/operations/${byAdmin.operationId}/cancel`);
    expect(seed.status).toBe(403);
    expect(seed.json.error.message).toContain('"admin" scope');
    const rpc = await as('import', 'POST', '/api/rpc/cancelOperation', { operationId: byAdmin.operationId });
    expect(rpc.status).toBe(403);
    // Its own (finished) import: allowed, and answered as finished; admin reaches anyone's.
    const own = (await as('admin', 'GET', '/api/data-migration/operations/history?user=import-job')).json.find((op: { type: string }) => op.type === 'import');
    expect((await as('import', 'POST', `/api/data-migration/operations/${own.operationId}/cancel`)).status).toBe(409);
    expect((await as('import', 'POST', '/api/rpc/cancelOperation', { operationId: own.operationId })).json).toEqual({ value: false });
    expect((await as('admin', 'POST', `/api/data-migration/operations/${byAdmin.operationId}/cancel`)).status).toBe(409);
    // export and read tokens cannot cancel at all.
    expect((await as('export', 'POST', '/api/rpc/cancelOperation', { operationId: own.operationId })).json.error.message).toContain('"import" scope');
  });

  it('a revoked or expired token stops working at once, on the running server', async () => {
    expect((await as('read', 'POST', '/api/rpc/getStats', {})).status).toBe(200);
    expect(cli(['--db', db, 'tokens', 'revoke', 'read-job']).code).toBe(0);
    expect((await as('read', 'POST', '/api/rpc/getStats', {})).status).toBe(401);
    const sqlite = (await import('better-sqlite3')).default;
    const conn = new sqlite(db);
    conn.prepare("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE name = 'old-job'").run();
    conn.close();
    expect((await as('expired', 'POST', '/api/rpc/getStats', {})).status).toBe(401);
  });

  it('counts failed attempts per route', async () => {
    await raw(server.url, 'POST', '/api/rpc/getStats', { headers: { Authorization: 'Bearer cst_wrong' } });
    await raw(server.url, 'POST', '/api/rpc/getStats', { headers: { Authorization: 'Bearer cst_wrong' } });
    expect(server.authFailures.get('POST /api/rpc/:name')).toBeGreaterThanOrEqual(2);
  });
});
