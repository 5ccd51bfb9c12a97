/** Debug logs never carry secrets or record contents; backup, restore, verify and raw keys over REST. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { raw } from '../server/helpers.ts';
import { RotatingFile } from '../../electron/engine/logging/logger.ts';
import { contextLines, tempDir } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('debug logs', () => {
  it('of an encrypted import at debug: operation id on every line, no passphrase, key or record content', () => {
    const db = path.join(dir, 'log.db');
    const passphrase = 'PASS-phrase-never-logged-7781';
    const marker = 'CONTENT-MARKER-zq81';
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        id: `r${i}`,
        title: `TITLE-MARKER-${i}`,
        content: `${marker} ${i}`,
        type: 'note',
        createdAt: '2020-01-01T00:00:00Z',
        metadata: { secretField: 'META-MARKER' },
      }),
    );
    const src = path.join(dir, 'src.jsonl');
    fs.writeFileSync(src, lines.join('\n') + '\n');
    const seed = cli(['--db', db, 'import', src]);
    expect(seed.code).toBe(0);
    const passFile = path.join(dir, 'pass.txt');
    fs.writeFileSync(passFile, passphrase);
    const enc = path.join(dir, 'enc.jsonl.gz.enc');
    expect(
      cli(['--db', db, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', enc, '--compression', 'gzip', '--encrypt', '--passphrase-file', passFile])
        .code,
    ).toBe(0);
    const key = cli(['keygen']).stdout.trim();
    const encKey = path.join(dir, 'enc-key.jsonl.enc');
    expect(cli(['--db', db, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', encKey, '--encrypt'], { env: { CONTEXT_STORE_KEY: key } }).code).toBe(
      0,
    );

    const target = path.join(dir, 'target.db');
    const first = cli(['--db', target, 'import', enc, '--passphrase-file', passFile, '--batch-size', '5'], { env: { LOG_LEVEL: 'debug' } });
    expect(first.code).toBe(0);
    const second = cli(['--db', target, '--log-level', 'debug', 'import', encKey, '--overwrite-existing', '--batch-size', '5'], {
      env: { CONTEXT_STORE_KEY: key },
    });
    expect(second.code).toBe(0);
    const logs = first.stderr + second.stderr;
    const records = logs
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r.operationId).toMatch(/^op_/);
    const messages = records.map((r) => r.msg);
    expect(messages).toContain('input detected');
    expect(messages).toContain('batch done');
    expect(messages).toContain('duplicate id: policy decided');
    expect(messages).toContain('snapshot written');
    for (const secret of [passphrase, key, marker, 'TITLE-MARKER', 'META-MARKER', 'secretField']) expect(logs).not.toContain(secret);
  });

  it('rotates the log file by size', () => {
    const file = path.join(dir, 'logs', 'x.log');
    const rotating = new RotatingFile(file, 100, 2);
    for (let i = 0; i < 10; i++) rotating.write(`${'x'.repeat(40)}\n`);
    expect(fs.existsSync(`${file}.1`)).toBe(true);
    expect(fs.existsSync(`${file}.2`)).toBe(true);
    expect(fs.existsSync(`${file}.3`)).toBe(false);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(100);
  });
});

describe('over REST', () => {
  let server: RunningServer;
  let restDir: string;
  const post = (p: string, body: unknown) =>
    raw(server.url, 'POST', p, { headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  beforeAll(async () => {
    restDir = tempDir();
    // The folder the file is in is allowed, as `serve --allow-dir` would allow it (REST reads nothing else).
    server = await startServer({ storePath: path.join(restDir, 'store.db'), port: 0, staticDir: null, allowDirs: [restDir] });
    fs.writeFileSync(path.join(restDir, 'in.jsonl'), contextLines(12, 'w'));
    const imported = await post('/api/rpc/importData', { files: [path.join(restDir, 'in.jsonl')], options: {} });
    expect(imported.json.value.insertedRecords).toBe(12);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(restDir, { recursive: true, force: true });
  });

  it("exports with the seed's encryption { enabled, algorithm, key }, verifies it, and refuses it without the key", async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    // Over REST an export goes into the server's export folder, under the name asked for.
    const exported = await post('/api/data-migration/export', {
      dataType: 'contexts',
      format: 'jsonl',
      outputPath: 'seed.jsonl.enc',
      encryption: { enabled: true, algorithm: 'aes-256-gcm', key },
    });
    expect(exported.status).toBe(200);
    const out = path.join(server.service.exportDir, 'seed.jsonl.enc');
    expect(fs.existsSync(out)).toBe(true);
    expect(exported.text).not.toContain(key);
    const verified = await post('/api/rpc/verifyExport', { file: out, key });
    expect(verified.json.value).toMatchObject({ ok: true, verified: 12, total: 12 });
    const refused = await post('/api/rpc/verifyExport', { file: out, passphrase: 'a passphrase' });
    expect(refused.json.error.code).toBe('PASSPHRASE_REQUIRED');
    expect(refused.json.error.message).toMatch(/raw key, not a passphrase/);
    const history = await raw(server.url, 'GET', '/api/data-migration/operations/history', { headers: { Authorization: `Bearer ${server.token}` } });
    expect(history.text).not.toContain(key);
  });

  it('backs up, restores after a change (dry run first) and lists snapshots', async () => {
    const backup = await post('/api/rpc/backupStore', { compression: 'brotli' });
    expect(backup.json.value.summary.counts.contexts).toBe(12);
    fs.writeFileSync(path.join(restDir, 'more.jsonl'), contextLines(3, 'extra'));
    await post('/api/rpc/importData', { files: [path.join(restDir, 'more.jsonl')], options: {} });
    const plan = await post('/api/rpc/restoreStore', { file: backup.json.value.path });
    expect(plan.json.value.dryRun).toBe(true);
    expect(plan.json.value.changes[0]).toMatchObject({ dataType: 'contexts', current: 15, restored: 12, removed: 3 });
    const done = await post('/api/rpc/restoreStore', { file: backup.json.value.path, dryRun: false });
    expect(done.json.value.safetyBackup.summary.counts.contexts).toBe(15);
    expect((await post('/api/rpc/getStats', {})).json.value.contexts).toBe(12);
    const list = await post('/api/rpc/listSnapshots', {});
    expect(list.json.value.map((s: { reason: string }) => s.reason)).toEqual(expect.arrayContaining(['manual', 'before-restore']));
  });

  it('exports incrementally to a named destination (an archive folder is a CLI choice: REST writes only its export folder)', async () => {
    const archive = path.join(restDir, 'archive');
    const first = await post('/api/rpc/exportData', {
      options: { dataType: 'contexts', format: 'jsonl', since: 'last', destination: 'dw', archiveDir: archive, outputPath: 'dw1.jsonl' },
    });
    expect(first.json.value.recordCount).toBe(12);
    const second = await post('/api/rpc/exportData', {
      options: { dataType: 'contexts', format: 'jsonl', since: 'last', destination: 'dw', outputPath: 'dw2.jsonl' },
    });
    expect(second.json.value.recordCount).toBe(0);
    const destinations = await post('/api/rpc/listExportDestinations', {});
    expect(destinations.json.value[0]).toMatchObject({ name: 'dw', lastPath: path.join(server.service.exportDir, 'dw2.jsonl') });
    expect(fs.existsSync(archive)).toBe(false);
  });
});
