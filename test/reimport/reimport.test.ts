/** Re-import without loss (issue 16), through the real pipeline and the service. */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { context, importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

afterAll(() => shutdownWorkerPool());

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
/** A note as a preset gives it: its own id scheme, and a source identity in metadata. */
const note = (n: number, extra: Record<string, unknown> = {}) =>
  context(`note-${n}`, { title: `Note ${n}`, content: `Body ${n}`, metadata: { source: 'obsidian', sourceId: `vault/Note ${n}.md` }, ...extra });

describe('identity: the same export imported twice', () => {
  it('changes nothing the second time and says every record is unchanged', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(dir, 'vault.jsonl', jsonl([note(1), note(2), note(3)]));
    const first = await runImport(store, [file], importOptions());
    expect(first).toMatchObject({ status: 'completed', insertedRecords: 3 });
    const second = await runImport(store, [file], importOptions());
    expect(second).toMatchObject({ status: 'completed', insertedRecords: 0, overwrittenRecords: 0, mergedRecords: 0, unchangedRecords: 3, failedRecords: 0 });
  });

  it('finds a record by its source identity even when the source gives it another id', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    await runImport(store, [writeFile(dir, 'a.jsonl', jsonl([note(1)]))], importOptions());
    const renamed = { ...note(1), id: 'other-id', title: 'Note 1 (corrected)' };
    const result = await runImport(store, [writeFile(dir, 'b.jsonl', jsonl([renamed]))], importOptions({ merge: true }));
    expect(result).toMatchObject({ insertedRecords: 0, mergedRecords: 1 });
    expect(store.contexts.get('note-1')?.title).toBe('Note 1 (corrected)');
    expect(store.contexts.exists('other-id')).toBe(false);
  });

  it('--match content finds a record by its title and body', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    await runImport(store, [writeFile(dir, 'a.jsonl', jsonl([note(1)]))], importOptions());
    const copy = { ...note(1), id: 'copy', metadata: {} };
    const result = await runImport(store, [writeFile(dir, 'b.jsonl', jsonl([copy]))], importOptions({ match: 'content', skipDuplicates: true }));
    expect(result).toMatchObject({ insertedRecords: 0, skippedRecords: 1 });
  });
});

describe('merge with conflicts', () => {
  async function editedOnBothSides() {
    const dir = tempDir();
    const store = tempStore(dir);
    await runImport(store, [writeFile(dir, 'v1.jsonl', jsonl([note(1), note(2)]))], importOptions());
    // The user edits note 1 in the store; the source changes note 1's content and note 2's title.
    store.contexts.replace({ ...store.contexts.get('note-1')!, content: 'edited in the store' });
    const v2 = writeFile(dir, 'v2.jsonl', jsonl([note(1, { content: 'changed in the source' }), note(2, { title: 'Note 2 renamed' })]));
    return { store, v2 };
  }

  it('the dry run lists each conflict with both values and what the rule would do', async () => {
    const { store, v2 } = await editedOnBothSides();
    const dry = await runImport(store, [v2], importOptions({ dryRun: true, merge: true, onConflict: 'keep-local' }));
    expect(dry.conflictCount).toBe(1);
    expect(dry.conflicts).toEqual([
      {
        record: 1,
        dataType: 'contexts',
        id: 'note-1',
        field: 'content',
        rule: 'source',
        local: 'edited in the store',
        incoming: 'changed in the source',
        resolution: 'kept-local',
      },
    ]);
    expect(dry.outcomes!.map((o) => [o.id, o.action, o.changedFields])).toEqual([
      ['note-1', 'unchanged', undefined],
      ['note-2', 'merge', ['title']],
    ]);
    expect(store.contexts.get('note-2')?.title).toBe('Note 2');
  });

  it('keep-local keeps the edit and takes the other change', async () => {
    const { store, v2 } = await editedOnBothSides();
    const result = await runImport(store, [v2], importOptions({ merge: true, onConflict: 'keep-local' }));
    expect(result).toMatchObject({ status: 'completed', mergedRecords: 1, unchangedRecords: 1, conflictCount: 1 });
    expect(store.contexts.get('note-1')?.content).toBe('edited in the store');
    expect(store.contexts.get('note-2')?.title).toBe('Note 2 renamed');
  });

  it('take-source takes the source value', async () => {
    const { store, v2 } = await editedOnBothSides();
    const result = await runImport(store, [v2], importOptions({ merge: true, onConflict: 'take-source' }));
    expect(result).toMatchObject({ status: 'completed', mergedRecords: 2, conflictCount: 1 });
    expect(store.contexts.get('note-1')?.content).toBe('changed in the source');
  });

  it('a choice per record (conflictChoices, by the store id) wins over onConflict for that record only', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    await runImport(store, [writeFile(dir, 'v1.jsonl', jsonl([note(1), note(2), note(3)]))], importOptions());
    for (const id of ['note-1', 'note-2', 'note-3']) store.contexts.replace({ ...store.contexts.get(id)!, content: `${id} edited in the store` });
    const v2 = writeFile(dir, 'v2.jsonl', jsonl([1, 2, 3].map((n) => note(n, { content: `note ${n} changed in the source` }))));
    const options = { merge: true, onConflict: 'keep-local' as const, conflictChoices: { 'note-2': 'take-source' as const } };
    const dry = await runImport(store, [v2], importOptions({ ...options, dryRun: true }));
    expect(dry.conflicts.map((c) => [c.id, c.resolution])).toEqual([
      ['note-1', 'kept-local'],
      ['note-2', 'took-source'],
      ['note-3', 'kept-local'],
    ]);
    const result = await runImport(store, [v2], importOptions(options));
    expect(result).toMatchObject({ status: 'completed', mergedRecords: 1, unchangedRecords: 2, conflictCount: 3 });
    expect(['note-1', 'note-2', 'note-3'].map((id) => store.contexts.get(id)?.content)).toEqual([
      'note-1 edited in the store',
      'note 2 changed in the source',
      'note-3 edited in the store',
    ]);
    // Under a strict run's `fail`, an answered record goes through and an unanswered one still stops the run.
    const unanswered = await runImport(store, [v2], importOptions({ merge: true, conflictChoices: { 'note-1': 'take-source' } }));
    expect(unanswered).toMatchObject({ status: 'failed', error: { code: 'CONFLICT', record: 3 } });
    expect(store.contexts.get('note-1')?.content).toBe('note-1 edited in the store');
    const answered = await runImport(store, [v2], importOptions({ merge: true, conflictChoices: { 'note-1': 'take-source', 'note-3': 'keep-local' } }));
    expect(answered).toMatchObject({ status: 'completed', mergedRecords: 1, unchangedRecords: 2, conflictCount: 2 });
    expect(store.contexts.get('note-1')?.content).toBe('note 1 changed in the source');
    expect(store.contexts.get('note-3')?.content).toBe('note-3 edited in the store');
  });

  it('fail (strict default) refuses the import and writes nothing', async () => {
    const { store, v2 } = await editedOnBothSides();
    const result = await runImport(store, [v2], importOptions({ merge: true }));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'CONFLICT', field: 'content', record: 1 });
    expect(store.contexts.get('note-1')?.content).toBe('edited in the store');
    expect(store.contexts.get('note-2')?.title).toBe('Note 2');
  });

  it('a record the user did not touch takes the source change silently, and tags are united', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    await runImport(store, [writeFile(dir, 'v1.jsonl', jsonl([note(1, { tags: ['a'] })]))], importOptions());
    store.contexts.replace({ ...store.contexts.get('note-1')!, tags: ['a', 'mine'] });
    const result = await runImport(
      store,
      [writeFile(dir, 'v2.jsonl', jsonl([note(1, { tags: ['a', 'theirs'], title: 'New' })]))],
      importOptions({ merge: true }),
    );
    expect(result).toMatchObject({ status: 'completed', mergedRecords: 1, conflictCount: 0 });
    expect(store.contexts.get('note-1')).toMatchObject({ title: 'New', tags: ['a', 'mine', 'theirs'] });
  });

  it('undo of a merge restores exactly what it changed', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const call = async (name: 'importData' | 'undoImport', input: never) => {
      const r = await service.call(name, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as unknown as Record<string, unknown>;
    };
    await call('importData', { files: [writeFile(dir, 'v1.jsonl', jsonl([note(1), note(2)]))], options: {} } as never);
    const before = service.store.contexts.get('note-1');
    const merged = await call('importData', {
      files: [writeFile(dir, 'v2.jsonl', jsonl([note(1, { title: 'Changed' }), note(2)]))],
      options: { merge: true },
    } as never);
    expect(merged).toMatchObject({ mergedRecords: 1, unchangedRecords: 1 });
    expect(service.store.contexts.get('note-1')?.title).toBe('Changed');
    const undo = await call('undoImport', { operationId: merged.operationId } as never);
    expect(undo).toMatchObject({ status: 'completed', restored: 1, removed: 0 });
    expect(service.store.contexts.get('note-1')).toEqual(before);
    await service.close();
  });
});

describe('rejected records as a file to fix and retry', () => {
  it('a CSV with 5 bad rows gives a CSV of those 5; fixed, it imports exactly those 5', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: `r${i}`,
      title: `Row ${i}`,
      content: 'x',
      createdAt: i % 4 === 1 ? 'someday' : '2024-05-01T00:00:00Z',
    }));
    const csv = writeFile(dir, 'rows.csv', Papa.unparse(rows));
    const rejectsPath = path.join(dir, 'rows.rejects.csv');
    const result = await runImport(store, [csv], importOptions({ errorHandling: 'lenient', rejectsPath }));
    expect(result).toMatchObject({ insertedRecords: 15, failedRecords: 5, rejects: { path: rejectsPath, format: 'csv', records: 5 } });

    const rejected = Papa.parse<Record<string, string>>(fs.readFileSync(rejectsPath, 'utf8'), { header: true, skipEmptyLines: true });
    expect(rejected.meta.fields).toEqual(['id', 'title', 'content', 'createdAt', '_error']);
    expect(rejected.data.map((r) => r.id)).toEqual(['r1', 'r5', 'r9', 'r13', 'r17']);
    expect(rejected.data[0]!._error).toMatch(/createdAt/);

    // Fixed in a spreadsheet: the dates corrected; the _error column may stay.
    const fixed = writeFile(dir, 'rows.fixed.csv', Papa.unparse(rejected.data.map((r) => ({ ...r, createdAt: '2024-05-02T00:00:00Z' }))));
    const retry = await runImport(store, [fixed], importOptions({ errorHandling: 'lenient', rejectsPath }));
    expect(retry).toMatchObject({ status: 'completed', insertedRecords: 5, failedRecords: 0 });
    expect(store.contexts.count()).toBe(20);
  });
});

describe('rejected records kept by the service (the wizard, REST)', () => {
  it('keepRejects writes them in the export folder under the operation, and saveRejectedRecords copies them where the user chose', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db'), exportDir: path.join(dir, 'exports') });
    const rows = [
      { id: 'a', title: 'A', content: 'x', createdAt: '2024-05-01T00:00:00Z' },
      { id: 'b', title: 'B', content: 'x', createdAt: 'later' },
    ];
    const file = writeFile(dir, 'rows.jsonl', jsonl(rows));
    const result = await service.call('importData', { files: [file], options: { dryRun: true, errorHandling: 'lenient', keepRejects: true } });
    if (!result.ok) throw new Error(result.error.message);
    const kept = result.value.rejects!;
    expect(kept).toMatchObject({ format: 'jsonl', records: 1 });
    expect(kept.path).toBe(path.join(dir, 'exports', `rejected-records-${result.value.operationId}.jsonl`));
    const chosen = path.join(dir, 'chosen.jsonl');
    const saved = await service.call('saveRejectedRecords', { operationId: result.value.operationId, outputPath: chosen });
    expect(saved).toEqual({ ok: true, value: { path: chosen, format: 'jsonl', records: 1 } });
    expect(JSON.parse(fs.readFileSync(chosen, 'utf8'))).toMatchObject({ id: 'b', _error: expect.stringMatching(/createdAt/) });
    // Nothing rejected: no file is left behind, and there is nothing to save.
    const clean = await service.call('importData', { files: [writeFile(dir, 'ok.jsonl', jsonl([rows[0]]))], options: { dryRun: true, keepRejects: true } });
    expect(clean.ok && clean.value.rejects).toBeUndefined();
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([path.basename(kept.path)]);
    const none = await service.call('saveRejectedRecords', { operationId: clean.ok ? clean.value.operationId : '', outputPath: chosen });
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await service.close();
  });
});

describe('history tells dry runs apart', () => {
  it('marks a dry run as one, and can leave dry runs out', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const file = writeFile(dir, 'n.jsonl', jsonl([note(1)]));
    const dry = await service.call('importData', { files: [file], options: { dryRun: true } });
    const real = await service.call('importData', { files: [file], options: {} });
    expect(dry.ok && real.ok).toBe(true);
    const all = await service.call('getOperationHistory', { limit: 10 });
    const withoutDry = await service.call('getOperationHistory', { limit: 10, includeDryRuns: false });
    if (!all.ok || !withoutDry.ok) throw new Error('history failed');
    expect(all.value.map((o) => o.dryRun)).toEqual([false, true]);
    expect(withoutDry.value).toHaveLength(1);
    expect(withoutDry.value[0]!.dryRun).toBe(false);
    await service.close();
  });
});

describe('mapping memory tells the truth', () => {
  it('remembers a mapping only from an import that wrote records, and only for a source with those fields', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const suggest = async (fields: string[]) => {
      const r = await service.call('suggestMapping', { fields, samples: {} });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const file = writeFile(dir, 'odd.jsonl', '{"Zeug":"body","Kopf":"head"}\n');
    const mapping = { fieldMappings: { Zeug: 'content', Kopf: 'title' }, transformations: [] };
    // A dry run, and an import whose every record was rejected, teach nothing.
    await service.call('importData', { files: [file], options: { mapping, dryRun: true } });
    await service.call('importData', {
      files: [file],
      options: {
        mapping: { ...mapping, transformations: [{ field: 'Zeug', transformation: 'custom', customFunction: 'toNumber' }] },
        errorHandling: 'lenient',
      },
    });
    expect((await suggest(['Zeug', 'Kopf'])).fields.some((f) => f.reason === 'remembered')).toBe(false);
    const real = await service.call('importData', { files: [file], options: { mapping } });
    expect(real.ok && real.value.status).toBe('completed');
    expect((await suggest(['Zeug', 'Kopf'])).fields.every((f) => f.reason === 'remembered')).toBe(true);
    // Another source, which lacks one of the fields that mapping named, is not told to use it.
    expect((await suggest(['Zeug', 'Other'])).fields.some((f) => f.reason === 'remembered')).toBe(false);
    await service.close();
  });
});
