import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { call, context, integrity, snapshot, tempDir, writeJsonl } from './helpers.ts';

afterAll(() => shutdownWorkerPool());

describe('cancel and concurrency', { timeout: 180_000 }, () => {
  it('cancels an import of a large file mid-way: the store is exactly as before, history says cancelled', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const seed = writeJsonl(path.join(dir, 'seed.jsonl'), 50, 'seed');
    const big = writeJsonl(path.join(dir, 'big.jsonl'), 60_000, 'big');
    const service = new ContextStoreService({ storePath: db });
    await call(service, 'importData', { files: [seed], options: {} });
    const before = snapshot(db);

    let cancelled: Promise<boolean> | undefined;
    service.events.onEvent('operation.progress', (p) => {
      if (p.operationId === 'op_cancel_big' && p.currentRecord >= 5000 && !cancelled)
        cancelled = call(service, 'cancelOperation', { operationId: 'op_cancel_big' });
    });
    const result = await call(service, 'importData', { files: [big], options: { batchSize: 500 }, operationId: 'op_cancel_big' });
    expect(cancelled).toBeDefined();
    expect(await cancelled).toBe(true);
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('CANCELLED');
    expect(result.totalRecords).toBeLessThan(60_000);
    expect(snapshot(db)).toBe(before);
    expect(integrity(db)).toBe('ok');
    const record = await call(service, 'getOperation', { operationId: 'op_cancel_big' });
    expect(record.status).toBe('cancelled');
    expect(record.undoable).toBeFalsy();
    // Cancelling what is no longer running says false.
    expect(await call(service, 'cancelOperation', { operationId: 'op_cancel_big' })).toBe(false);
    expect(await call(service, 'cancelOperation', { operationId: 'op_unknown_1' })).toBe(false);
    await service.close();
    expect((await new ContextStoreService({ storePath: db }).runner.get('op_cancel_big'))?.status).toBe('cancelled');
  });

  it('a failed import (strict, bad record late in the file) leaves the store exactly as before; history keeps the error', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const service = new ContextStoreService({ storePath: db });
    await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 20, 'seed')], options: {} });
    const before = snapshot(db);
    const bad = writeJsonl(path.join(dir, 'bad.jsonl'), 3000, 'bad', (i) => ({
      ...context(`bad-${i}`),
      createdAt: i === 2500 ? 'not a date' : '2024-01-01T00:00:00.000Z',
    }));
    const result = await call(service, 'importData', { files: [bad], options: {}, operationId: 'op_fail_strict' });
    expect(result.status).toBe('failed');
    expect(snapshot(db)).toBe(before);
    const record = await call(service, 'getOperation', { operationId: 'op_fail_strict' });
    expect(record.status).toBe('failed');
    expect(record.totalErrors).toBeGreaterThan(0);
    expect(record.errors[0]).toMatchObject({ record: 2501 });
    expect(record.undoable).toBeFalsy();
    await service.close();
  });

  it('runs in-process for an in-memory store, with the same history and undo', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: ':memory:' });
    const imported = await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'a.jsonl'), 100, 'm')], options: {} });
    expect((await call(service, 'getOperation', { operationId: imported.operationId })).undoable).toBe(true);
    const undo = await call(service, 'undoImport', { operationId: imported.operationId });
    expect(undo).toMatchObject({ status: 'completed', removed: 100 });
    expect(service.store.counts().contexts).toBe(0);
    await service.close();
  });

  it('runs two imports at once without losing or mixing writes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const a = writeJsonl(path.join(dir, 'a.jsonl'), 15_000, 'a');
    const b = writeJsonl(path.join(dir, 'b.jsonl'), 15_000, 'b');
    const service = new ContextStoreService({ storePath: db });
    const [ra, rb, exported] = await Promise.all([
      call(service, 'importData', { files: [a], options: {}, operationId: 'op_two_a' }),
      call(service, 'importData', { files: [b], options: {}, operationId: 'op_two_b' }),
      call(service, 'validateFile', { files: [a], options: {}, operationId: 'op_two_v' }),
    ]);
    expect(ra.status).toBe('completed');
    expect(rb.status).toBe('completed');
    expect(exported.validRecords).toBe(15_000);
    expect(service.store.counts().contexts).toBe(30_000);
    const history = await call(service, 'getOperationHistory', { limit: 10 });
    expect(history.map((h) => h.operationId).sort()).toEqual(['op_two_a', 'op_two_b', 'op_two_v']);
    expect(history.every((h) => h.status === 'completed')).toBe(true);
    await service.close();
    expect(integrity(db)).toBe('ok');
  });

  it('lets a second service (another process, in effect) import while the first one writes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const a = writeJsonl(path.join(dir, 'a.jsonl'), 15_000, 'a');
    const b = writeJsonl(path.join(dir, 'b.jsonl'), 2_000, 'b');
    const one = new ContextStoreService({ storePath: db });
    const two = new ContextStoreService({ storePath: db });
    const [ra, rb] = await Promise.all([call(one, 'importData', { files: [a], options: {} }), call(two, 'importData', { files: [b], options: {} })]);
    expect([ra.status, rb.status]).toEqual(['completed', 'completed']);
    expect(one.store.counts().contexts).toBe(17_000);
    await one.close();
    await two.close();
  });
});
