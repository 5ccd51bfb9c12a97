import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { call, context, snapshot, tempDir, writeJsonl } from './helpers.ts';

afterAll(() => shutdownWorkerPool());

function setup() {
  const dir = tempDir();
  const db = path.join(dir, 'store.db');
  return { dir, db, service: new ContextStoreService({ storePath: db }) };
}

describe('undo of an import', { timeout: 180_000 }, () => {
  it('removes what an insert-only import inserted', async () => {
    const { dir, db, service } = setup();
    await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 20, 'seed')], options: {} });
    const before = snapshot(db);
    const imported = await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'new.jsonl'), 500, 'new')], options: {} });
    expect(service.store.counts().contexts).toBe(520);

    const dry = await call(service, 'undoImport', { operationId: imported.operationId, dryRun: true });
    expect(dry).toMatchObject({ status: 'completed', dryRun: true, removed: 500, restored: 0, conflicts: [] });
    expect(service.store.counts().contexts).toBe(520);

    const undo = await call(service, 'undoImport', { operationId: imported.operationId });
    expect(undo).toMatchObject({ status: 'completed', undoneOperationId: imported.operationId, removed: 500, restored: 0 });
    expect(snapshot(db)).toBe(before);

    // Undo is itself an operation in history, linked both ways.
    const undoRecord = await call(service, 'getOperation', { operationId: undo.operationId });
    expect(undoRecord).toMatchObject({ type: 'undo', status: 'completed', relatedOperationId: imported.operationId });
    const importRecord = await call(service, 'getOperation', { operationId: imported.operationId });
    expect(importRecord).toMatchObject({ relatedOperationId: undo.operationId, undoable: false });

    // Undo of an undone import is refused, clearly.
    const again = await call(service, 'undoImport', { operationId: imported.operationId });
    expect(again.status).toBe('refused');
    expect(again.error?.code).toBe('CONFLICT');
    expect(again.error?.message).toMatch(/already undone/);
    expect(snapshot(db)).toBe(before);
    await service.close();
  });

  it('restores what an overwrite import replaced, and removes a record it inserted then overwrote', async () => {
    const { dir, db, service } = setup();
    await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'seed.jsonl'), 100, 'c')], options: {} });
    const before = snapshot(db);
    // Overwrites c-0..c-49, inserts n-1 and then overwrites it within the same file.
    const lines = [
      ...Array.from({ length: 50 }, (_, i) => context(`c-${i}`, `Changed ${i}`, 'new content')),
      context('n-1', 'first'),
      context('n-1', 'second'),
    ];
    const file = path.join(dir, 'over.jsonl');
    writeJsonl(file, lines.length, 'x', (i) => lines[i]!);
    const imported = await call(service, 'importData', { files: [file], options: { overwriteExisting: true } });
    expect(imported).toMatchObject({ status: 'completed', overwrittenRecords: 51, insertedRecords: 1 });
    expect(service.store.contexts.get('c-3')?.title).toBe('Changed 3');

    const undo = await call(service, 'undoImport', { operationId: imported.operationId });
    expect(undo).toMatchObject({ status: 'completed', removed: 1, restored: 50, conflicts: [] });
    expect(snapshot(db)).toBe(before);
    expect(service.store.contexts.exists('n-1')).toBe(false);
    await service.close();
  });

  it('puts back sessions, templates (with their versions) and contexts with attachments exactly', async () => {
    const { dir, db, service } = setup();
    const bytes = (text: string) => Buffer.from(text).toString('base64');
    const seed = [
      { id: 's-1', name: 'Session one', description: 'first', createdAt: '2024-01-01T00:00:00.000Z', metadata: { a: 1 } },
      { id: 't-1', name: 'Template one', version: 3, schema: { type: 'contexts', fields: [{ name: 'title' }] }, createdAt: '2024-01-01T00:00:00.000Z' },
      { ...context('c-1'), attachments: [{ name: 'a.txt', mimeType: 'text/plain', data: bytes('original bytes') }] },
    ];
    const seedFile = path.join(dir, 'seed.jsonl');
    fs.writeFileSync(seedFile, seed.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const seeded = await call(service, 'importData', { files: [seedFile], options: { dataType: 'auto-detect' } });
    expect(seeded).toMatchObject({ status: 'completed', insertedRecords: 3 });
    const before = snapshot(db);

    const changes = [
      { id: 's-1', name: 'Session renamed', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 's-2', name: 'Session new', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 't-1', name: 'Template changed', version: 5, schema: { type: 'contexts', fields: [] }, createdAt: '2024-01-01T00:00:00.000Z' },
      { ...context('c-1', 'changed'), attachments: [{ name: 'b.bin', mimeType: 'application/octet-stream', data: bytes('new bytes') }] },
    ];
    const changeFile = path.join(dir, 'changes.jsonl');
    fs.writeFileSync(changeFile, changes.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const imported = await call(service, 'importData', { files: [changeFile], options: { overwriteExisting: true } });
    expect(imported).toMatchObject({ status: 'completed', insertedRecords: 1, overwrittenRecords: 3 });
    expect(snapshot(db)).not.toBe(before);

    const undo = await call(service, 'undoImport', { operationId: imported.operationId });
    expect(undo).toMatchObject({ status: 'completed', removed: 1, restored: 3 });
    expect(snapshot(db)).toBe(before);
    await service.close();
  });

  it('refuses when a later change touched the same records, names them, and changes nothing', async () => {
    const { dir, db, service } = setup();
    const first = await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'a.jsonl'), 30, 'c')], options: {} });
    // A later edit of c-7 (another import overwriting it).
    const editFile = path.join(dir, 'edit.jsonl');
    writeJsonl(editFile, 1, 'x', () => context('c-7', 'Edited later'));
    const edit = await call(service, 'importData', { files: [editFile], options: { overwriteExisting: true } });
    // And a direct change to c-9 that went around the import pipeline altogether.
    const c9 = service.store.contexts.get('c-9')!;
    service.store.contexts.replace({ ...c9, tags: ['touched'] });
    const before = snapshot(db);

    const refused = await call(service, 'undoImport', { operationId: first.operationId });
    expect(refused.status).toBe('refused');
    expect(refused.conflicts).toEqual(
      expect.arrayContaining([
        { dataType: 'contexts', id: 'c-7' },
        { dataType: 'contexts', id: 'c-9' },
      ]),
    );
    expect(refused.conflicts).toHaveLength(2);
    expect(refused.error?.message).toMatch(/c-7/);
    expect(snapshot(db)).toBe(before);
    const record = await call(service, 'getOperation', { operationId: refused.operationId });
    expect(record).toMatchObject({ type: 'undo', status: 'failed' });

    // Undoing the later edit is fine, and puts c-7 back as the first import wrote it.
    const undoEdit = await call(service, 'undoImport', { operationId: edit.operationId });
    expect(undoEdit).toMatchObject({ status: 'completed', restored: 1 });
    expect(service.store.contexts.get('c-7')?.title).toBe('Title c-7');
    await service.close();
  });

  it('says clearly when there is nothing to undo', async () => {
    const { dir, service } = setup();
    const dry = await call(service, 'importData', { files: [writeJsonl(path.join(dir, 'a.jsonl'), 5, 'c')], options: { dryRun: true } });
    expect((await call(service, 'undoImport', { operationId: dry.operationId })).status).toBe('refused');
    const missing = await service.call('undoImport', { operationId: 'op_nope_123' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
    await service.close();
  });
});
