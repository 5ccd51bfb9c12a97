/**
 * The renderer's pure logic, without a browser: rows → Mapping, suggestions → rows, the export sentence,
 * dry-run grouping and the CSV writer. (Kept with the e2e tests: this is the UI's own logic.)
 */
import { describe, expect, it } from 'vitest';
import { buildMapping, isIdentity, allExact, rowsFromSuggestion, rowsFromMapping, type MappingRow } from '../../renderer/src/features/import/mapping-model.ts';
import { suggestMapping } from '../../electron/engine/mapping/suggest.ts';
import { describeExport } from '../../renderer/src/features/export/describe.ts';
import { groupReasons, outcomeChips } from '../../renderer/src/features/import/outcomes.ts';
import { toCsv } from '../../renderer/src/lib/csv.ts';
import { normaliseName } from '../../renderer/src/features/import/targets.ts';
import { inclusiveEnd } from '../../renderer/src/features/export/store.ts';

const row = (source: string, target: string | null, extra: Partial<MappingRow> = {}): MappingRow => ({
  source,
  target,
  transforms: [],
  unmapped: 'metadata',
  confirmed: true,
  ...extra,
});

describe('mapping model', () => {
  it('builds the seed-shaped mapping, transformations named by target field', () => {
    const mapping = buildMapping([
      row('legacy_title', 'title', { transforms: [{ kind: 'trim' }] }),
      row('legacy_keywords', 'tags', { transforms: [{ kind: 'custom', fn: 'splitAndTrim' }] }),
      row('extra', null),
    ]);
    expect(mapping).toEqual({
      fieldMappings: { legacy_title: 'title', legacy_keywords: 'tags' },
      transformations: [
        { field: 'title', transformation: 'trim' },
        { field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim' },
      ],
      unmappedFields: 'metadata',
    });
  });

  it('keeps per-field choices when some unmapped fields are dropped and others kept', () => {
    const mapping = buildMapping([row('a', 'title'), row('keep', null), row('gone', null, { unmapped: 'drop' })]);
    expect(mapping.unmappedFields).toBe('drop');
    expect(mapping.fieldMappings).toEqual({ a: 'title', keep: 'metadata.keep' });
  });

  it('sends no mapping for a file that maps to itself, and skips the step only when every field matched exactly', () => {
    // The suggestion is the engine's (the renderer has no local guess of its own any more).
    const own = ['id', 'title', 'metadata.importance'];
    const rows = rowsFromSuggestion(own, suggestMapping(own, {}, 'contexts'));
    expect(isIdentity(rows)).toBe(true);
    expect(allExact(rows)).toBe(true);
    const foreign = ['id', 'Email consent'];
    expect(allExact(rowsFromSuggestion(foreign, suggestMapping(foreign, {}, 'contexts')))).toBe(false);
  });

  it('without a suggestion from the service, every field starts unmapped: the renderer never guesses', () => {
    const rows = rowsFromSuggestion(['Created At', 'title'], null);
    expect(rows.map((r) => r.target)).toEqual([null, null]);
    expect(normaliseName('created_at')).toBe(normaliseName('createdAt'));
  });

  it('does not give one target to two fields, and marks fuzzy suggestions for confirmation', () => {
    const rows = rowsFromSuggestion(['t1', 't2'], {
      mapping: { fieldMappings: {}, transformations: [] },
      fields: [
        { source: 't1', target: 'title', confidence: 0.7, reason: 'fuzzy', autoAccept: false },
        { source: 't2', target: 'title', confidence: 0.6, reason: 'fuzzy', autoAccept: false },
      ],
    });
    expect(rows.map((r) => r.target)).toEqual(['title', null]);
    expect(rows[0]!.confirmed).toBe(false);
  });

  it("a content row carries the title the engine derives for records with none, and builds the engine's mapping", () => {
    const fields = ['uuid', 'text', 'creationDate'];
    const s = suggestMapping(fields, { uuid: ['8B2B2F6F5D3A4E2E9C1B0A7D6E5F4C3B'], text: ['# Hello Again\nmore'], creationDate: ['2020-05-10T21:46:46Z'] });
    const rows = rowsFromSuggestion(fields, s);
    expect(rows[1]!.transforms).toEqual([
      { kind: 'custom', fn: 'default("")' },
      { kind: 'custom', fn: 'defaultFrom("content")', field: 'title' },
      { kind: 'custom', fn: 'firstLine', field: 'title' },
    ]);
    expect(isIdentity(rows)).toBe(false);
    const built = buildMapping(rows);
    expect(built.fieldMappings).toEqual(s.mapping.fieldMappings);
    expect(built.transformations).toEqual(s.mapping.transformations);
    // Read back (a template, the remembered mapping): the title steps stay on the content row.
    expect(buildMapping(rowsFromMapping(fields, built)).transformations).toEqual(s.mapping.transformations);
  });

  it('reads a template mapping back into rows', () => {
    const rows = rowsFromMapping(['a', 'b'], {
      fieldMappings: { a: 'tags' },
      transformations: [{ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim' }],
      unmappedFields: 'drop',
    });
    expect(rows[0]).toMatchObject({ target: 'tags', transforms: [{ kind: 'custom', fn: 'splitAndTrim' }] });
    expect(rows[1]).toMatchObject({ target: null, unmapped: 'drop' });
  });
});

describe('export sentence', () => {
  it('reads the options back as one sentence', () => {
    const sentence = describeExport({
      dataType: 'contexts',
      format: 'jsonl',
      filters: { tags: ['work'], importance: ['high', 'critical'], dateRange: { start: '2024-01-01' } },
      compression: 'gzip',
      encryption: { enabled: true },
      splitLargeFiles: { enabled: true, maxSizeBytes: 50 * 1024 * 1024 },
    });
    expect(sentence).toBe('Contexts, tagged work, importance high or critical, since 2024-01-01, as JSON Lines, gzip, encrypted, in 50 MB parts');
  });

  it('makes a date-only end include the whole day', () => {
    expect(inclusiveEnd({ dateRange: { end: '2024-01-31' } }).dateRange?.end).toBe('2024-01-31T23:59:59.999Z');
  });
});

describe('dry-run chips when the listed records are capped', () => {
  const outcome = (record: number, action: 'insert' | 'reject') => ({ record, dataType: 'contexts' as const, action });
  it('each chip counts every record, and says how many of them the table lists when that is fewer', () => {
    // 10,000 records checked, the engine listed the first 1,000 (OUTCOME_LIST_CAP): 990 inserts and 10 rejects.
    const listed = [...Array.from({ length: 990 }, (_, i) => outcome(i + 1, 'insert')), ...Array.from({ length: 10 }, (_, i) => outcome(991 + i, 'reject'))];
    const chips = outcomeChips(
      { totalRecords: 10_000, insertedRecords: 9_980, overwrittenRecords: 0, mergedRecords: 0, unchangedRecords: 0, skippedRecords: 0, failedRecords: 20 },
      listed,
    );
    expect(chips.map((c) => [c.key, c.label])).toEqual([
      ['all', 'All · 10,000 (first 1,000 listed)'],
      ['insert', 'Insert · 9,980 (990 listed)'],
      ['reject', 'Reject · 20 (10 listed)'],
    ]);
    const whole = outcomeChips(
      { totalRecords: 3, insertedRecords: 2, overwrittenRecords: 0, mergedRecords: 0, unchangedRecords: 0, skippedRecords: 0, failedRecords: 1 },
      [outcome(1, 'insert'), outcome(2, 'insert'), outcome(3, 'reject')],
    );
    expect(whole.map((c) => c.label)).toEqual(['All · 3', 'Insert · 2', 'Reject · 1']);
  });
});

describe('dry-run reasons and CSV', () => {
  it('groups outcomes by action and reason, most frequent first', () => {
    const groups = groupReasons([
      { record: 1, dataType: 'contexts', action: 'insert' },
      { record: 2, dataType: 'contexts', action: 'skip', reason: 'duplicate id' },
      { record: 3, dataType: 'contexts', action: 'skip', reason: 'duplicate id' },
      { record: 4, dataType: 'contexts', action: 'reject', reason: 'createdAt not a date' },
    ]);
    expect(groups.map((g) => [g.action, g.reason, g.count])).toEqual([
      ['skip', 'duplicate id', 2],
      ['reject', 'createdAt not a date', 1],
    ]);
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', '=SUM(A1)']])).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n');
  });
});

describe('one import default on every surface (issue 19)', () => {
  it('the wizard starts from the contract defaults the CLI and REST use; its dry run checks every record', async () => {
    const { createImportStore, defaultDraftOptions } = await import('../../renderer/src/features/import/store.ts');
    const { ImportOptionsSchema } = await import('../../shared/options.ts');
    const contract = ImportOptionsSchema.parse({});
    expect(defaultDraftOptions()).toEqual({
      validateSchema: contract.validateSchema,
      duplicates: 'reject',
      errorHandling: 'strict',
      batchSize: contract.batchSize,
    });
    const store = createImportStore({ call: async () => undefined } as never);
    expect(store.getState().importOptions(false)).toMatchObject({ errorHandling: 'strict', skipDuplicates: false, overwriteExisting: false });
    // A strict dry run would stop at the first bad record and hide the counts.
    expect(store.getState().importOptions(true)).toMatchObject({ errorHandling: 'lenient', dryRun: true });
    store.getState().setOptions({ errorHandling: 'skip-errors', duplicates: 'skip' });
    expect(store.getState().importOptions(true)).toMatchObject({ errorHandling: 'skip-errors', skipDuplicates: true });
  });
});

describe('export template round trip in the wizard store (issue 19)', () => {
  it('templateBody and draftFromTemplate restore filters, format, compression, split and the field list', async () => {
    const { createExportStore, draftFromTemplate } = await import('../../renderer/src/features/export/store.ts');
    const store = createExportStore({ call: async () => undefined } as never);
    const s = store.getState();
    s.patch({
      dataType: 'contexts',
      format: 'csv',
      compression: 'brotli',
      split: true,
      splitMb: 3,
      fields: [
        { source: 'id', include: true, as: 'key' },
        { source: 'type', include: false, as: 'type' },
      ],
    });
    s.patchFilters({ tags: ['work'], importance: ['high'] });
    const body = store.getState().templateBody();
    expect(body.mapping.fieldMappings).toEqual({ id: 'key' });
    const template = {
      id: 'tpl_1',
      name: 'T',
      description: '',
      version: 1,
      schema: { type: 'contexts', fields: [] },
      transformation: body,
      createdAt: '2024-01-01T00:00:00Z',
    };
    const fresh = createExportStore({ call: async () => undefined } as never).getState().draft;
    const restored = draftFromTemplate(fresh, template);
    expect(restored).toMatchObject({
      format: 'csv',
      compression: 'brotli',
      split: true,
      splitMb: 3,
      filters: { tags: ['work'], importance: ['high'] },
      template: { id: 'tpl_1' },
    });
    expect(restored.fields?.find((f) => f.source === 'id')).toEqual({ source: 'id', include: true, as: 'key' });
    expect(restored.fields?.find((f) => f.source === 'type')?.include).toBe(false);
  });
});

describe('export Done step: which exports can be verified against the store', () => {
  it('a field left out or renamed, or a template’s shape, is no whole-record export: not compared, said so', async () => {
    const { reshapesRecords } = await import('../../renderer/src/features/export/store.ts');
    const all = ['id', 'title', 'content'].map((source) => ({ source, include: true, as: '' }));
    expect(reshapesRecords({ fields: null, template: null })).toBe(false);
    expect(reshapesRecords({ fields: all, template: null })).toBe(false);
    expect(reshapesRecords({ fields: all.map((f) => (f.source === 'title' ? { ...f, as: 'title' } : f)), template: null })).toBe(false);
    expect(reshapesRecords({ fields: all.map((f) => (f.source === 'title' ? { ...f, as: 'Name' } : f)), template: null })).toBe(true);
    expect(reshapesRecords({ fields: all.map((f) => (f.source === 'content' ? { ...f, include: false } : f)), template: null })).toBe(true);
    const template = { id: 't', name: 'T', mapping: { fieldMappings: { title: 'Name' }, transformations: [] }, computedFields: [] };
    expect(reshapesRecords({ fields: null, template })).toBe(true);
    // The field list replaces the template's mapping; its computed fields still reshape.
    expect(reshapesRecords({ fields: all, template })).toBe(false);
    expect(reshapesRecords({ fields: all, template: { ...template, computedFields: [{ name: 'at', expression: 'now()' }] as never } })).toBe(true);
  });
});

describe('import progress after a dry run', () => {
  it("shows the dry run's count instead of the engine's estimate from the bytes, never over a count the engine has", async () => {
    const { withKnownTotal, progressText } = await import('../../renderer/src/features/operations/OperationProgressView.tsx');
    const estimated = {
      currentRecord: 13000,
      totalRecords: 47215,
      totalRecordsEstimated: true,
      recordsPerSecond: 0,
      startedAt: new Date().toISOString(),
    } as never;
    expect(progressText(estimated, null)).toBe('13,000 / ~47,215 records');
    expect(progressText(withKnownTotal(estimated, 50000), null)).toBe('13,000 / 50,000 records');
    const counted = { ...(estimated as object), totalRecords: 49990, totalRecordsEstimated: false } as never;
    expect(progressText(withKnownTotal(counted, 50000), null)).toBe('13,000 / 49,990 records');
    expect(withKnownTotal(estimated, undefined)).toBe(estimated);
  });
});
