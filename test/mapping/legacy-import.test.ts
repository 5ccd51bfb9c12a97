/**
 * The seed's two legacy-migration examples, end to end through the service: with the explicit mapping the
 * seed writes, and with the mapping suggest-mapping proposes. JSON Lines fixtures run today; the CSV ones run
 * as soon as a CSV codec is registered.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import type { Mapping } from '../../shared/model.ts';
import { FIXTURES, openTestStore, readJson, type TestStore } from './helpers.ts';

const hasCsv = FORMATS.some((c) => c.id === 'csv');
let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(async () => {
  await t.close();
});

const notesMapping = () => readJson<Mapping>(path.join(FIXTURES, 'legacy-notes.mapping.json'));
const itemsMapping = () => readJson<Mapping>(path.join(FIXTURES, 'legacy-items.mapping.json'));

async function contexts() {
  return (await t.call('listContexts', { limit: 100 })).items;
}

async function expectNotes() {
  const items = await contexts();
  expect(items).toHaveLength(3);
  const kickoff = items.find((c) => c.title === 'Kickoff meeting')!;
  expect(kickoff).toMatchObject({ content: 'Agreed the scope, the budget and the dates.', type: 'meeting', tags: ['planning', 'budget', 'kickoff'] });
  expect(kickoff.id).toMatch(/^ctx_[0-9a-f]{24}$/);
  expect(items.find((c) => c.title === 'Lunch ideas')!.tags).toEqual(['food']);
}

async function expectItems() {
  const items = await contexts();
  expect(items).toHaveLength(4);
  const byId = Object.fromEntries(items.map((c) => [c.id, c]));
  expect(byId['1001']).toMatchObject({
    title: 'Server migration',
    content: 'Move the API to the new cluster.',
    type: 'task',
    createdAt: '2024-01-31T00:00:00.000Z',
  });
  expect(byId['1002']!.createdAt).toBe('2023-03-15T14:30:00.000Z');
  expect(byId['1003']!.createdAt).toBe('2019-07-04T00:00:00.000Z');
  expect(byId['1004']!.createdAt).toBe('2023-11-14T22:13:20.000Z');
}

async function suggested(file: string): Promise<Mapping> {
  const inspected = await t.call('inspectFile', { file, options: {} });
  const suggestion = await t.call('suggestMapping', { fields: inspected.fields, samples: inspected.samples, dataType: 'contexts' });
  return suggestion.mapping;
}

describe.each([
  ['jsonl', true],
  ['csv', hasCsv],
] as const)('legacy examples as %s', (ext, enabled) => {
  const notes = path.join(FIXTURES, `legacy-notes.${ext}`);
  const items = path.join(FIXTURES, `legacy-items.${ext}`);

  it.skipIf(!enabled)('example 1 (legacy_title, legacy_body, legacy_category, legacy_keywords) with the explicit mapping', async () => {
    const result = await t.call('importData', { files: [notes], options: { mapping: notesMapping() } });
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(3);
    await expectNotes();
    // The same file again finds the same ids: skipped, not doubled.
    const again = await t.call('importData', { files: [notes], options: { mapping: notesMapping(), skipDuplicates: true } });
    expect(again.skippedRecords).toBe(3);
  });

  it.skipIf(!enabled)('example 1 with the suggested mapping', async () => {
    const mapping = await suggested(notes);
    expect(mapping.fieldMappings).toEqual(notesMapping().fieldMappings);
    const result = await t.call('importData', { files: [notes], options: { mapping } });
    expect(result.status).toBe('completed');
    await expectNotes();
  });

  it.skipIf(!enabled)('example 2 (old_id, old_name, old_description, old_type, old_created) with the explicit mapping', async () => {
    const result = await t.call('importData', { files: [items], options: { mapping: itemsMapping() } });
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(4);
    await expectItems();
  });

  it.skipIf(!enabled)('example 2 with the suggested mapping', async () => {
    const mapping = await suggested(items);
    expect(mapping.fieldMappings).toEqual(itemsMapping().fieldMappings);
    expect(mapping.transformations.map((x) => x.customFunction?.replace(/\(.*\)$/, ''))).toEqual(['parseOldDateFormat']);
    const result = await t.call('importData', { files: [items], options: { mapping } });
    expect(result.status).toBe('completed');
    await expectItems();
  });
});

describe('mapping errors in an import', () => {
  it('an unknown function fails the import before anything is written, naming it', async () => {
    const mapping = {
      fieldMappings: { legacy_title: 'title' },
      transformations: [{ field: 'title', transformation: 'custom' as const, customFunction: 'shout' }],
    };
    const result = await t.call('importData', { files: [path.join(FIXTURES, 'legacy-notes.jsonl')], options: { mapping } });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(result.error!.message).toMatch(/"shout"/);
    expect(await contexts()).toHaveLength(0);
  });

  it('a value a transformation cannot read is a record error with its number and field, under the error policy', async () => {
    const file = t.file('dates.jsonl', ['{"t":"a","c":"","d":"31/01/2024"}', '{"t":"b","c":"","d":"someday"}', '{"t":"c","c":"","d":"20240202"}'].join('\n'));
    const mapping: Mapping = {
      fieldMappings: { t: 'title', c: 'content', d: 'createdAt' },
      transformations: [{ field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' }],
    };
    const strict = await t.call('importData', { files: [file], options: { mapping } });
    expect(strict.status).toBe('failed');
    expect(strict.error).toMatchObject({ code: 'TRANSFORM_ERROR', record: 2, field: 'createdAt' });
    expect(await contexts()).toHaveLength(0);
    const lenient = await t.call('importData', { files: [file], options: { mapping, errorHandling: 'lenient' } });
    expect(lenient.status).toBe('completed_with_errors');
    expect(lenient.insertedRecords).toBe(2);
    expect(lenient.errors).toEqual([expect.objectContaining({ record: 2, code: 'TRANSFORM_ERROR', field: 'createdAt' })]);
  });

  it('the dry run and previewMapping show what the import writes', async () => {
    const file = path.join(FIXTURES, 'legacy-notes.jsonl');
    const dry = await t.call('importData', { files: [file], options: { mapping: notesMapping(), dryRun: true } });
    expect(dry.outcomes!.map((o) => (o.after as { tags: string[] }).tags)).toEqual([['planning', 'budget', 'kickoff'], ['release', 'ci'], ['food']]);
    const inspected = await t.call('inspectFile', { file, options: {} });
    const rows = await t.call('previewMapping', { records: inspected.sampleRecords, mapping: notesMapping() });
    expect(rows.map((r) => r.after!.id)).toEqual(dry.outcomes!.map((o) => o.id));
    expect(rows[0]!.after).toMatchObject({ title: 'Kickoff meeting', tags: ['planning', 'budget', 'kickoff'], metadata: {} });
    expect(rows.every((r) => r.issues.length === 0)).toBe(true);
    const bad = await t.call('previewMapping', { records: [{ legacy_title: 5, legacy_body: 'b' }], mapping: notesMapping() });
    expect(bad[0]!.issues).toEqual([expect.objectContaining({ field: 'title', code: 'VALIDATION_ERROR' })]);
    expect(
      (
        await t.fail('previewMapping', {
          records: [{}],
          mapping: { fieldMappings: {}, transformations: [{ field: 'x', transformation: 'custom', customFunction: 'nope' }] },
        })
      ).code,
    ).toBe('BAD_ARGUMENT');
  });

  it('suggestions remember the mapping of an earlier import', async () => {
    const file = t.file('odd.jsonl', '{"Zeug":"body","Kopf":"head"}\n');
    const before = await t.call('suggestMapping', { fields: ['Zeug', 'Kopf'], samples: {} });
    expect(before.mapping.fieldMappings).toEqual({});
    const imported = await t.call('importData', { files: [file], options: { mapping: { fieldMappings: { Zeug: 'content', Kopf: 'title' } } } });
    expect(imported.status).toBe('completed');
    const after = await t.call('suggestMapping', { fields: ['Zeug', 'Kopf'], samples: {} });
    expect(after.mapping.fieldMappings).toEqual({ Zeug: 'content', Kopf: 'title' });
    expect(after.fields.every((f) => f.reason === 'remembered')).toBe(true);
  });

  it('maps sessions too, with their own fields', async () => {
    const file = t.file('projects.jsonl', '{"project_id":"p1","project_name":"Apollo","summary":"Moon","started":"01/02/2024"}\n');
    const inspected = await t.call('inspectFile', { file, options: {} });
    const suggestion = await t.call('suggestMapping', { fields: inspected.fields, samples: inspected.samples, dataType: 'sessions' });
    expect(suggestion.mapping.fieldMappings).toMatchObject({ summary: 'description' });
    const mapping: Mapping = {
      fieldMappings: { project_id: 'id', project_name: 'name', summary: 'description', started: 'createdAt' },
      transformations: [{ field: 'started', transformation: 'custom', customFunction: 'parseOldDateFormat' }],
    };
    const result = await t.call('importData', { files: [file], options: { dataType: 'sessions', mapping } });
    expect(result).toMatchObject({ status: 'completed', insertedRecords: 1 });
    const sessions = (await t.call('listSessions', { limit: 10 })).items;
    expect(sessions[0]).toMatchObject({ id: 'p1', name: 'Apollo', description: 'Moon', createdAt: '2024-02-01T00:00:00.000Z' });
  });

  it('unmapped fields go to metadata by default, or are dropped', async () => {
    const file = t.file('extra.jsonl', '{"legacy_title":"x","content":"","colour":"red"}\n');
    await t.call('importData', { files: [file], options: { mapping: { fieldMappings: { legacy_title: 'title' } } } });
    expect((await contexts())[0]!.metadata).toEqual({ colour: 'red' });
    const file2 = t.file('extra2.jsonl', '{"legacy_title":"y","content":"","colour":"blue"}\n');
    await t.call('importData', { files: [file2], options: { mapping: { fieldMappings: { legacy_title: 'title' } }, unmappedFields: 'drop' } });
    expect((await contexts()).find((c) => c.title === 'y')!.metadata).toEqual({});
  });
});
