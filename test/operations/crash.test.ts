/**
 * The CLI as a separate process: kill -9 in the middle of an import, and cancel from another shell.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { call, integrity, snapshot, tempDir, writeJsonl } from './helpers.ts';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/context-store.mjs');

afterAll(() => shutdownWorkerPool());

function startImport(db: string, file: string): { child: ChildProcess; exit: Promise<number | null>; stdout: () => string } {
  const child = spawn(process.execPath, [CLI, '--db', db, 'import', file, '--batch-size', '500', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', () => {});
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, stdout: () => out };
}

/** Waits until the child's import is really writing: its row says running and the WAL has grown. */
async function waitUntilWriting(db: string, walBefore: number): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await sleep(50);
    if (!fs.existsSync(db)) continue;
    let id: string | undefined;
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      id = (conn.prepare("SELECT id FROM operations WHERE type = 'import' AND status = 'running'").get() as { id: string } | undefined)?.id;
    } catch {
      /* table not there yet */
    } finally {
      conn.close();
    }
    const wal = fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0;
    if (id && wal > walBefore + 2 * 1024 * 1024) return id;
  }
  throw new Error('the import never got going');
}

function cli(db: string, ...args: string[]): { status: number | null; json: unknown } {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, json: r.stdout ? JSON.parse(r.stdout) : undefined };
}

// Separate processes on a shared 2-core machine: generous time, never a timed assert.
describe('crash safety and cross-process cancel (CLI)', { timeout: 300_000 }, () => {
  it('kill -9 mid-import: integrity ok, counts unchanged, history says interrupted', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const seed = new ContextStoreService({ storePath: db });
    await call(seed, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 100, 'seed')], options: {} });
    await seed.close();
    const before = snapshot(db);
    const big = writeJsonl(path.join(dir, 'big.jsonl'), 50_000, 'big');
    const walBefore = fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0;

    const run = startImport(db, big);
    const id = await waitUntilWriting(db, walBefore);
    run.child.kill('SIGKILL');
    await run.exit;

    expect(integrity(db)).toBe('ok');
    expect(snapshot(db)).toBe(before);
    const after = new ContextStoreService({ storePath: db });
    expect(after.store.counts().contexts).toBe(100);
    const record = await call(after, 'getOperation', { operationId: id });
    expect(record.status).toBe('interrupted');
    expect(record.errors[0]?.code).toBe('INTERRUPTED');
    expect(record.files[0]?.name).toBe('big.jsonl');
    expect(record.files[0]?.bytes).toBe(fs.statSync(big).size);
    await after.close();
    // The dead process's progress file was cleaned up at the next start.
    expect(fs.readdirSync(dir).filter((f) => f.includes('.progress-') || f.includes('.cancel-'))).toEqual([]);
    // And the CLI's own history says so too.
    const list = cli(db, 'ops', 'list');
    expect(list.status).toBe(0);
    expect((list.json as { operationId: string; status: string }[]).find((o) => o.operationId === id)?.status).toBe('interrupted');
    const shown = cli(db, 'ops', 'show', id);
    expect((shown.json as { status: string }).status).toBe('interrupted');
  });

  it('two CLI imports at once (two processes, one store): the second waits its turn, both complete', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const a = writeJsonl(path.join(dir, 'a.jsonl'), 20_000, 'a');
    const b = writeJsonl(path.join(dir, 'b.jsonl'), 20_000, 'b');
    const one = startImport(db, a);
    const two = startImport(db, b);
    expect(await one.exit).toBe(0);
    expect(await two.exit).toBe(0);
    expect(JSON.parse(one.stdout())).toMatchObject({ status: 'completed', insertedRecords: 20_000 });
    expect(JSON.parse(two.stdout())).toMatchObject({ status: 'completed', insertedRecords: 20_000 });
    expect(integrity(db)).toBe('ok');
    const list = cli(db, 'ops', 'list').json as { type: string; status: string }[];
    expect(list.filter((o) => o.type === 'import' && o.status === 'completed')).toHaveLength(2);
    const check = new Database(db, { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM contexts').get() as { n: number }).n).toBe(40_000);
    check.close();
  });

  it('ops cancel from another shell stops a running CLI import, which rolls back', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const seed = new ContextStoreService({ storePath: db });
    await call(seed, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 10, 'seed')], options: {} });
    await seed.close();
    const before = snapshot(db);
    const big = writeJsonl(path.join(dir, 'big.jsonl'), 100_000, 'big');
    const walBefore = fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0;

    const run = startImport(db, big);
    const id = await waitUntilWriting(db, walBefore);
    // Another process sees it running, with live progress (the store itself is locked by the import).
    const watcher = new ContextStoreService({ storePath: db });
    expect((await call(watcher, 'getOperation', { operationId: id })).status).toBe('running');
    const deadline = Date.now() + 10_000;
    let seen = await call(watcher, 'getOperationProgress', { operationId: id });
    while (seen.currentRecord === 0 && Date.now() < deadline) {
      await sleep(100);
      seen = await call(watcher, 'getOperationProgress', { operationId: id });
    }
    expect(seen).toMatchObject({ operationId: id, type: 'import', status: 'running' });
    expect(seen.currentRecord).toBeGreaterThan(0);
    expect((await call(watcher, 'getActiveOperations', {})).map((p) => p.operationId)).toContain(id);
    await watcher.close();
    const cancel = cli(db, 'ops', 'cancel', id);
    expect(cancel.json).toEqual({ operationId: id, cancelled: true });
    expect(cancel.status).toBe(0);
    expect(await run.exit).toBe(1);
    expect(JSON.parse(run.stdout())).toMatchObject({ operationId: id, status: 'cancelled' });
    expect(snapshot(db)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.progress-') || f.includes('.cancel-'))).toEqual([]);
    expect((cli(db, 'ops', 'show', id).json as { status: string }).status).toBe('cancelled');
    // Nothing left to cancel.
    const again = cli(db, 'ops', 'cancel', id);
    expect(again).toEqual({ status: 1, json: { operationId: id, cancelled: false } });
  });
});
