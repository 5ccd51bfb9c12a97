/** Atomicity, error handling, duplicate policies, dry runs, filters and detection, through the real pipelines. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { runValidate } from '../../electron/engine/pipeline/validate-file.ts';
import { context, exportOptions, importOptions, snapshot, tempDir, tempStore, writeFile } from '../helpers.ts';
import { cli } from '../cli-helpers.ts';

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

function mixedFile(dir: string) {
  return writeFile(
    dir,
    'mixed.jsonl',
    jsonl([
      context('ok1'),
      { ...context('bad-date'), createdAt: 'yesterday' },
      context('ok2'),
      { id: '', title: 'no id', content: '', createdAt: '2024-01-01' },
      { ...context('bad-importance'), metadata: { importance: 'urgent' } },
    ]) + 'not json at all\n',
  );
}

describe('error handling', () => {
  it('strict: the first error aborts and nothing is written', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    store.contexts.insert(context('existing'));
    const before = snapshot(store);
    const result = await runImport(store, [mixedFile(dir)], importOptions({ errorHandling: 'strict' }));
    expect(result.status).toBe('failed');
    expect(result.error?.record).toBe(2);
    expect(result.error?.field).toBe('createdAt');
    expect(result.successfulRecords).toBe(0);
    expect(snapshot(store)).toEqual(before);
  });

  it('lenient: valid records are written, every rejected one is reported with record, field, message and data', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [mixedFile(dir)], importOptions({ errorHandling: 'lenient' }));
    expect(result.status).toBe('completed_with_errors');
    expect(result.totalRecords).toBe(6);
    expect(result.successfulRecords).toBe(2);
    expect(result.failedRecords).toBe(4);
    expect(result.errors.map((e) => [e.record, e.field])).toEqual([
      [2, 'createdAt'],
      [4, 'id'],
      [5, 'metadata.importance'],
      [6, undefined],
    ]);
    expect(result.errors[0]!.data).toMatchObject({ id: 'bad-date' });
    expect(result.errors[3]!.code).toBe('PARSE_ERROR');
    expect(result.validationErrors.some((v) => v.record === 5 && v.field === 'metadata.importance')).toBe(true);
    // A missing field says it is required; a field of the wrong type says what it should be.
    expect(result.validationErrors.find((v) => v.record === 4)).toMatchObject({ field: 'id' });
    expect(store.contexts.count()).toBe(2);
  });

  it('skip-errors: valid records are written, rejected ones counted, only the first 100 itemised', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const records = Array.from({ length: 250 }, (_, i) => (i % 2 ? context(`ok${i}`) : { ...context(`bad${i}`), createdAt: 'nope' }));
    const result = await runImport(store, [writeFile(dir, 'many.jsonl', jsonl(records))], importOptions({ errorHandling: 'skip-errors', batchSize: 7 }));
    expect(result.failedRecords).toBe(125);
    expect(result.totalErrors).toBe(125);
    expect(result.errors.length).toBe(100);
    expect(store.contexts.count()).toBe(125);
  });
});

describe('duplicates', () => {
  async function importTwice(options: Parameters<typeof importOptions>[0]) {
    const dir = tempDir();
    const store = tempStore(dir);
    store.contexts.insert(context('a', { title: 'old' }));
    const file = writeFile(dir, 'dup.jsonl', jsonl([context('a', { title: 'new' }), context('b')]));
    const result = await runImport(store, [file], importOptions(options));
    return { store, result };
  }

  it('neither policy: a duplicate is an error', async () => {
    const { store, result } = await importTwice({ errorHandling: 'lenient' });
    expect(result.errors[0]).toMatchObject({ record: 1, code: 'DUPLICATE_ID', field: 'id' });
    expect(store.contexts.get('a')!.title).toBe('old');
    expect(store.contexts.exists('b')).toBe(true);
  });

  it('skipDuplicates: the existing record stays', async () => {
    const { store, result } = await importTwice({ skipDuplicates: true });
    expect(result).toMatchObject({ status: 'completed', skippedRecords: 1, insertedRecords: 1, successfulRecords: 1 });
    expect(store.contexts.get('a')!.title).toBe('old');
  });

  it('overwriteExisting: the record is replaced', async () => {
    const { store, result } = await importTwice({ overwriteExisting: true });
    expect(result).toMatchObject({ status: 'completed', overwrittenRecords: 1, insertedRecords: 1, successfulRecords: 2 });
    expect(store.contexts.get('a')!.title).toBe('new');
  });

  it('sees duplicates inside one file, in a dry run too', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(dir, 'self.jsonl', jsonl([context('x'), context('x')]));
    const dry = await runImport(store, [file], importOptions({ dryRun: true, skipDuplicates: true }));
    expect(dry.outcomes!.map((o) => o.action)).toEqual(['insert', 'skip']);
    const real = await runImport(store, [file], importOptions({ skipDuplicates: true }));
    expect(real).toMatchObject({ insertedRecords: 1, skippedRecords: 1 });
  });
});

describe('a record that repeats an earlier one of the same file', () => {
  it('is said to repeat it, not to "already exist" in the store, in a dry run and a real import', async () => {
    const dir = tempDir();
    // A CSV without ids: two identical rows get the one id derived from their fields.
    const file = writeFile(dir, 'rows.csv', 'title,content,created\nSame,Body,2024-01-01\nSame,Body,2024-01-01\nOther,B2,2024-01-02\n');
    const mapping = { fieldMappings: { title: 'title', content: 'content', created: 'createdAt' }, transformations: [] };
    const dry = await runImport(tempStore(dir), [file], importOptions({ dryRun: true, mapping, errorHandling: 'lenient' }));
    expect(dry.errors).toEqual([expect.objectContaining({ record: 2, code: 'DUPLICATE_ID' })]);
    expect(dry.errors[0]!.error).toMatch(
      /^Record 2 repeats an earlier record of this import: both have the id "ctx_[0-9a-f]{24}" \(derived from the record's fields/,
    );
    const map = writeFile(dir, 'm.json', JSON.stringify(mapping));
    const real = cli(['--db', path.join(dir, 'real.db'), 'import', file, '--mapping', map]);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/Record 2 repeats an earlier record of this import/);
    expect(real.stderr).not.toMatch(/already exists/);
  });

  it('a record the store held before the import still "already exists"', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    store.contexts.insert(context('a'));
    const result = await runImport(store, [writeFile(dir, 'a.jsonl', jsonl([context('a', { title: 'new' })]))], importOptions({ errorHandling: 'lenient' }));
    expect(result.errors[0]!.error).toMatch(/already exists/);
  });
});

describe('dry run', () => {
  it('reports every outcome and leaves the store untouched', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    store.contexts.insert(context('a', { title: 'old' }));
    const before = snapshot(store);
    const file = writeFile(dir, 'd.jsonl', jsonl([context('a', { title: 'new' }), context('b'), { ...context('c'), createdAt: 'bad' }]));
    const result = await runImport(store, [file], importOptions({ dryRun: true, overwriteExisting: true, errorHandling: 'lenient' }));
    expect(result.dryRun).toBe(true);
    expect(result.outcomes!.map((o) => [o.id, o.action])).toEqual([
      ['a', 'overwrite'],
      ['b', 'insert'],
      ['c', 'reject'],
    ]);
    expect(result.outcomes![0]!.before).toMatchObject({ title: 'old' });
    // Reasons group: they say what went wrong, not which record.
    expect(result.outcomes![2]!.reason).toBe('createdAt not an ISO 8601 date-time');
    expect(result.outcomes![0]!.after).toMatchObject({ title: 'new' });
    expect(snapshot(store)).toEqual(before);
  });

  it('validate never writes, and counts what is already in the store', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    store.contexts.insert(context('a'));
    const before = snapshot(store);
    const file = writeFile(dir, 'v.json', JSON.stringify([context('a'), context('b'), { ...context('c'), createdAt: 'bad' }]));
    const result = await runValidate(store, [file], importOptions());
    expect(result).toMatchObject({
      valid: false,
      totalRecords: 3,
      validRecords: 2,
      invalidRecords: 1,
      duplicateRecords: 1,
      format: 'json',
      dataType: 'contexts',
    });
    expect(snapshot(store)).toEqual(before);
  });
});

describe('filters', () => {
  async function exportWith(filters: Record<string, unknown>) {
    const dir = tempDir();
    const store = tempStore(dir);
    store.db.transaction(() => {
      store.contexts.insert(
        context('jan', { createdAt: '2024-01-15T10:00:00.000Z', type: 'note', tags: ['work'], sessionId: 's1', metadata: { importance: 'high' } }),
      );
      store.contexts.insert(
        context('feb', { createdAt: '2024-02-15T10:00:00.000Z', type: 'task', tags: ['home', 'work'], sessionId: 's2', metadata: { importance: 'low' } }),
      );
      store.contexts.insert(context('mar', { createdAt: '2024-03-31T23:59:59.000Z', type: 'note', tags: ['misc'], sessionId: null, metadata: {} }));
    })();
    const out = path.join(dir, 'out.jsonl');
    const result = await runExport(store, exportOptions({ format: 'jsonl', outputPath: out, filters }));
    expect(result.status).toBe('completed');
    return fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).id);
  }

  it('by date range (a date-only end includes that whole day)', async () => {
    expect(await exportWith({ dateRange: { start: '2024-02-01', end: '2024-03-31' } })).toEqual(['feb', 'mar']);
    expect(await exportWith({ dateRange: { end: '2024-01-15T09:00:00Z' } })).toEqual([]);
  });
  it('by type, tags (any of), sessions and importance', async () => {
    expect(await exportWith({ types: ['note'] })).toEqual(['jan', 'mar']);
    expect(await exportWith({ tags: ['work'] })).toEqual(['jan', 'feb']);
    expect(await exportWith({ tags: ['home', 'misc'] })).toEqual(['feb', 'mar']);
    expect(await exportWith({ sessionIds: ['s2'] })).toEqual(['feb']);
    expect(await exportWith({ importance: ['high', 'critical'] })).toEqual(['jan']);
    expect(await exportWith({ types: ['note'], tags: ['work'] })).toEqual(['jan']);
  });
});

describe('detection', () => {
  it('detects JSON and JSON Lines from content whatever the extension', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const a = writeFile(dir, 'a.txt', JSON.stringify([context('j1')]));
    const b = writeFile(dir, 'b.data', jsonl([context('l1'), context('l2')]));
    const result = await runImport(store, [a, b], importOptions());
    expect(result.inputs.map((i) => i.format)).toEqual(['json', 'jsonl']);
    expect(result.dataType).toBe('contexts'); // what was found, not "auto-detect"
    expect(store.contexts.count()).toBe(3);
  });

  it('detects the data type of each record, and of an `all` file by its sections', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(
      dir,
      'all.json',
      JSON.stringify({ contexts: [context('c1')], sessions: [{ id: 's1', name: 'S', createdAt: '2024-01-01' }], templates: [] }),
    );
    const result = await runImport(store, [file], importOptions());
    expect(result.status).toBe('completed');
    expect(store.counts()).toMatchObject({ contexts: 1, sessions: 1 });
    expect(result.inputs[0]!.dataType).toBe('all');
  });

  it('a file that matches nothing gets an error naming what was tried', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [writeFile(dir, 'x.bin', 'GIF89a\u0000\u0001 not data')], importOptions());
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('FORMAT_UNDETECTED');
    expect(result.error?.message).toMatch(/JSON Lines/);
  });

  it('a missing file fails before anything is read', async () => {
    const store = tempStore();
    const result = await runImport(store, ['/nonexistent/file.json'], importOptions());
    expect(result.error?.code).toBe('FILE_NOT_FOUND');
  });
});

describe('validation messages', () => {
  it('say "is required" only for a missing field, and name the expected type otherwise', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(
      dir,
      'v.jsonl',
      jsonl([
        { id: 'a', content: 'c', createdAt: '2024-01-01' },
        { id: 'b', title: 't', content: 'c', createdAt: '2024-01-01', metadata: 'oops' },
      ]),
    );
    const result = await runImport(store, [file], importOptions({ errorHandling: 'lenient' }));
    expect(result.validationErrors).toEqual([
      { record: 1, field: 'title', message: 'is required' },
      { record: 2, field: 'metadata', message: 'must be an object of fields, not text' },
    ]);
  });

  it('name the types in words a person reads (not the validator’s), with what to do for a nested value', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(
      dir,
      'w.jsonl',
      jsonl([
        { id: 'a', title: 't', content: { text: 'x' }, createdAt: '2024-01-01' },
        { id: 'c', title: 't', content: 'c', createdAt: '2024-01-01', attachments: 'file.png' },
      ]),
    );
    const result = await runImport(store, [file], importOptions({ errorHandling: 'lenient' }));
    expect(result.validationErrors).toEqual([
      { record: 1, field: 'content', message: 'must be text, not an object (map one of its fields to content: suggest-mapping proposes one)' },
      { record: 2, field: 'attachments', message: 'must be a list, not text' },
    ]);
  });

  it('a whole-number id or sessionId is read as its digits (API dumps number their records)', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(
      dir,
      'ids.jsonl',
      jsonl([
        { id: 42, title: 't', content: 'c', createdAt: '2024-01-01', sessionId: 7 },
        { id: 1.5, title: 't', content: 'c', createdAt: '2024-01-01' },
      ]),
    );
    const result = await runImport(store, [file], importOptions({ errorHandling: 'lenient' }));
    expect(result.insertedRecords).toBe(1);
    expect(store.contexts.get('42')).toMatchObject({ id: '42', sessionId: '7' });
    expect(result.validationErrors).toEqual([{ record: 2, field: 'id', message: 'must be text, not a number' }]);
  });
});

describe('normalisation', () => {
  it('stores createdAt in UTC and keeps unknown fields in metadata', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(dir, 'n.json', JSON.stringify([{ id: 'n', title: 't', content: 'c', createdAt: '2024-05-01T12:00:00+02:00', extra: { a: 1 } }]));
    const result = await runImport(store, [file], importOptions());
    expect(result.status).toBe('completed');
    const stored = store.contexts.get('n')!;
    expect(stored.createdAt).toBe('2024-05-01T10:00:00.000Z');
    expect(stored.type).toBe('general');
    expect(stored.metadata).toEqual({ extra: { a: 1 } });
  });

  it('keeps __proto__ as data, never as a prototype', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(
      dir,
      'p.jsonl',
      '{"id":"p","title":"t","content":"c","createdAt":"2024-01-01","metadata":{"__proto__":{"polluted":true},"constructor":"x"}}\n',
    );
    await runImport(store, [file], importOptions());
    const stored = store.contexts.get('p')!;
    expect(Object.prototype.hasOwnProperty.call(stored.metadata, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stored.metadata.constructor).toBe('x');
  });
});
