/**
 * Cancel reaches a worker between records; one stuck inside a record (a transformation in a long loop) never
 * reads it. Issue 13: after a grace period the worker is terminated, the operation ends cancelled and recorded,
 * the write lock is free for the next import, and the pool starts a fresh worker. Through the real worker: the
 * test hook CONTEXT_STORE_TEST_STALL_OPERATION makes that operation's worker spin forever once it is writing
 * (inside BEGIN IMMEDIATE, so it holds SQLite's write lock as a stuck import would).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { WorkerRunner, shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { call, integrity, snapshot, tempDir, writeJsonl } from './helpers.ts';

const STUCK = 'op_stuck_in_a_record';

beforeAll(async () => {
  // Workers copy the environment when they start: none from before the hook was set may be reused.
  await shutdownWorkerPool();
  process.env.CONTEXT_STORE_TEST_STALL_OPERATION = STUCK;
});
afterAll(async () => {
  delete process.env.CONTEXT_STORE_TEST_STALL_OPERATION;
  await shutdownWorkerPool();
});

describe('cancel of a worker that does not answer', { timeout: 60_000 }, () => {
  it('terminates it after the grace period: cancelled in history, nothing written, the next import runs', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const service = new ContextStoreService({ storePath: db, runner: (store) => new WorkerRunner(store, { cancelGraceMs: 300 }) });
    await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 10, 'seed')], options: {} });
    const before = snapshot(db);

    let cancelled: Promise<boolean> | undefined;
    service.events.onEvent('operation.progress', (p) => {
      if (p.operationId === STUCK && p.status === 'running' && p.currentStep === 'writing' && !cancelled)
        cancelled = call(service, 'cancelOperation', { operationId: STUCK });
    });
    const big = writeJsonl(path.join(dir, 'big.jsonl'), 5_000, 'big');
    // A second import queued behind the stuck one: it waits for the writer and must then run.
    const stuck = call(service, 'importData', { files: [big], options: { batchSize: 100 }, operationId: STUCK });
    const queued = call(service, 'importData', { files: [writeJsonl(path.join(dir, 'next.jsonl'), 20, 'next')], options: {}, operationId: 'op_after_stuck' });

    const result = await stuck;
    expect(await cancelled).toBe(true);
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('CANCELLED');
    expect(result.error?.message).toMatch(/terminated/);

    const next = await queued;
    expect(next.status).toBe('completed');
    expect(next.insertedRecords).toBe(20);

    const record = await call(service, 'getOperation', { operationId: STUCK });
    expect(record.status).toBe('cancelled');
    expect(record.errors[0]?.message).toMatch(/did not stop within 0.3 s/);
    await service.close();
    // On disk too, and the stuck import left no record behind.
    const reopened = new ContextStoreService({ storePath: db });
    expect(reopened.runner.get(STUCK)?.status).toBe('cancelled');
    expect(reopened.store.counts().contexts).toBe(30);
    await reopened.close();
    expect(integrity(db)).toBe('ok');
    expect(before).not.toBe(snapshot(db)); // the queued import's 20 records, nothing of big.jsonl
  });
});
