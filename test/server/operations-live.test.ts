/**
 * A running operation seen over REST: it shows in `operations/active` and its progress while the import
 * request is still open, and `cancel` stops it with the store left as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { contextsJson, multipart, raw, tempDir } from './helpers.ts';

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = tempDir('cs-live-');
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: null, token: 'live-token-0123456789abcdef0123456789' });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${server.token}` });

it('follows and cancels a running import by the operation id the client chose', async () => {
  const form = multipart([
    { name: 'dataType', value: 'contexts' },
    { name: 'operationId', value: 'live-import-1' },
    { name: 'file', filename: 'big.json', content: contextsJson(60_000) },
  ]);
  const pending = raw(server.url, 'POST', '/api/data-migration/import', { headers: { ...auth(), 'Content-Type': form.contentType }, body: form.body });

  let active: { operationId: string; status: string }[] = [];
  const start = Date.now();
  while (!active.some((op) => op.operationId === 'live-import-1')) {
    if (Date.now() - start > 20_000) throw new Error('the import never showed as active');
    await new Promise((resolve) => setTimeout(resolve, 10));
    active = (await raw(server.url, 'GET', '/api/data-migration/operations/active', { headers: auth() })).json;
  }
  const progress = await raw(server.url, 'GET', '/api/data-migration/operations/live-import-1/progress', { headers: auth() });
  expect(progress.status).toBe(200);
  expect(progress.json.status).toBe('running');

  const cancel = await raw(server.url, 'POST', '/api/data-migration/operations/live-import-1/cancel', { headers: auth() });
  expect(cancel.status).toBe(200);
  expect(cancel.json).toEqual({ operationId: 'live-import-1', cancelled: true });

  const result = await pending;
  expect(result.json.status ?? result.json.result?.status).toBe('cancelled');
  const count = await raw(server.url, 'POST', '/api/rpc/countRecords', { headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{}' });
  expect(count.json.value.count).toBe(0);
  const after = await raw(server.url, 'GET', '/api/data-migration/operations/live-import-1/progress', { headers: auth() });
  expect(after.json.status).toBe('cancelled');
});
