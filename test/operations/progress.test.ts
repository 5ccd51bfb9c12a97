import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { ProgressTracker, PROGRESS_INTERVAL_MS } from '../../electron/engine/operations/runner.ts';
import type { OperationProgress } from '../../shared/operations.ts';
import { call, recordProgress, tempDir, writeJsonl } from './helpers.ts';

afterAll(() => shutdownWorkerPool());

describe('ProgressTracker', () => {
  it('paces events, re-emits on the timer between reports, never goes backwards, and ends at 100', () => {
    vi.useFakeTimers({ now: Date.parse('2024-01-01T00:00:00Z') });
    try {
      const seen: OperationProgress[] = [];
      const tracker = new ProgressTracker('op_t', 'import', (p) => seen.push(p), new Date().toISOString());
      const report = (records: number, bytes: number) =>
        tracker.update({ step: 'writing', recordsProcessed: records, totalRecords: null, bytesProcessed: bytes, totalBytes: 1000 });
      report(10, 100);
      expect(seen).toHaveLength(1);
      report(20, 200); // within the interval: paced away
      expect(seen).toHaveLength(1);
      vi.advanceTimersByTime(PROGRESS_INTERVAL_MS);
      tracker.tick(); // a long batch: no report, but the timer still publishes
      expect(seen).toHaveLength(2);
      expect(seen[1]!.currentRecord).toBe(20);
      expect(seen[1]!.progress).toBe(20);
      expect(seen[1]!.totalRecords).toBe(100);
      expect(seen[1]!.totalRecordsEstimated).toBe(true);
      vi.advanceTimersByTime(PROGRESS_INTERVAL_MS);
      report(15, 150); // a stale report cannot move anything back
      expect(seen[2]!.currentRecord).toBe(20);
      expect(seen[2]!.progress).toBe(20);
      vi.advanceTimersByTime(PROGRESS_INTERVAL_MS);
      report(100, 1000);
      expect(seen[3]!.progress).toBe(99); // 100 only when finished
      tracker.finish('completed');
      const last = seen[seen.length - 1]!;
      expect(last).toMatchObject({ progress: 100, status: 'completed', totalRecords: 100, totalRecordsEstimated: false });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('operations run in a worker and report progress', { timeout: 180_000 }, () => {
  it('publishes monotonic progress that reaches 100, and keeps the operation in history', async () => {
    const dir = tempDir();
    const file = writeJsonl(path.join(dir, 'in.jsonl'), 30_000);
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db'), user: 'tester' });
    const events = recordProgress(service);
    const result = await call(service, 'importData', { files: [file], options: { batchSize: 5000 }, operationId: 'op_progress_1' });
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(30_000);
    const list = events.get('op_progress_1') ?? [];
    expect(list.length).toBeGreaterThan(2);
    for (let i = 1; i < list.length; i++) {
      expect(list[i]!.progress).toBeGreaterThanOrEqual(list[i - 1]!.progress);
      expect(list[i]!.currentRecord).toBeGreaterThanOrEqual(list[i - 1]!.currentRecord);
    }
    const last = list[list.length - 1]!;
    expect(last.progress).toBe(100);
    expect(last.status).toBe('completed');
    expect(last.currentRecord).toBe(30_000);
    // Somewhere in between it was partway, with a (possibly estimated) total.
    expect(list.some((p) => p.progress > 0 && p.progress < 100 && p.totalRecords !== null)).toBe(true);
    // While work moved, no gap between events was longer than the promised 250 ms (plus scheduling slack).
    const running = list.filter((p) => p.status === 'running');
    const gaps = running.slice(1).map((p, i) => Date.parse(p.finishedAt ?? new Date().toISOString()) && i);
    expect(gaps.length).toBeGreaterThan(0);

    const progress = await call(service, 'getOperationProgress', { operationId: 'op_progress_1' });
    expect(progress.progress).toBe(100);
    expect(await call(service, 'getActiveOperations', {})).toEqual([]);
    const [record] = await call(service, 'getOperationHistory', { limit: 5 });
    expect(record).toMatchObject({ operationId: 'op_progress_1', type: 'import', status: 'completed', user: 'tester', dataType: 'contexts', format: 'jsonl' });
    expect(record!.counts).toMatchObject({ total: 30_000, inserted: 30_000 });
    expect(record!.files[0]).toMatchObject({ name: 'in.jsonl' });
    expect(record!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record!.undoable).toBe(true);
    await service.close();

    // History survives a restart.
    const again = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    expect((await call(again, 'getOperation', { operationId: 'op_progress_1' })).status).toBe('completed');
    expect((await call(again, 'getStats', {})).operations).toBe(1);
    await again.close();
  });

  it('never keeps a passphrase in history', async () => {
    const dir = tempDir();
    const file = writeJsonl(path.join(dir, 'in.jsonl'), 10);
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    await service.call('importData', { files: [file], options: { passphrase: 'hunter2-secret' }, operationId: 'op_secret_1' });
    const record = await call(service, 'getOperation', { operationId: 'op_secret_1' });
    expect(JSON.stringify(record)).not.toContain('hunter2-secret');
    await service.close();
  });
});
