/**
 * Suggestions that work (issue 14) and say why (issue 16), on real exports (test/fixtures/real): a proposed
 * transformation is kept only when it succeeds on the samples it was made for, dates are recognised from
 * their values and never taken for tags, id-like columns go to id, a file with thousands of paths lists the
 * useful ones, and remembered suggestions count their imports and can be forgotten.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldSuggestion, MappingSuggestion } from '../../shared/contract.ts';
import { applyMapping } from '../../electron/engine/mapping/apply.ts';
import { suggestMapping } from '../../electron/engine/mapping/suggest.ts';
import { FIXTURES, openTestStore, type TestStore } from './helpers.ts';

const REAL = path.join(FIXTURES, 'real');
const BIN = path.resolve(__dirname, '../../bin/context-store.mjs');
let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(async () => {
  await t.close();
});
const db = () => path.join(t.dir, 'cli.db');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db(), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const field = (s: MappingSuggestion, source: string): FieldSuggestion => {
  const f = s.fields.find((x) => x.source === source);
  if (!f) throw new Error(`no suggestion listed for ${source}`);
  return f;
};

describe('suggestions on real exports', { timeout: 180_000 }, () => {
  it('Google Keep: microsecond timestamps become dates that parse, textContent is the content, label objects give their names', () => {
    const file = path.join(REAL, 'keep/Takeout/Keep/Labelled note.json');
    const r = cli('suggest-mapping', file, '--source', 'none', '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(field(s, 'textContent')).toMatchObject({ target: 'content', autoAccept: true });
    expect(field(s, 'createdTimestampUsec')).toMatchObject({ target: 'createdAt', transformations: [{ customFunction: 'parseOldDateFormat' }] });
    expect(field(s, 'userEditedTimestampUsec')).toMatchObject({ target: 'updatedAt' });
    // Keep's labels are objects ({name}): the tags are their names.
    expect(field(s, 'labels')).toMatchObject({ target: 'tags', autoAccept: true, transformations: [{ customFunction: 'pluck("name")' }] });
    expect(field(s, 'labels').failedCheck).toBeUndefined();
    // The dates the mapping writes are the ones Keep shows (1690425937272000 µs = 2023-07-27 02:45:37 UTC).
    const note = JSON.parse(fs.readFileSync(file, 'utf8'));
    const mapped = applyMapping(note, s.mapping, { recordType: 'contexts' });
    expect(mapped.issues).toEqual([]);
    expect(mapped.record).toMatchObject({ createdAt: '2023-07-27T02:45:37.272Z', updatedAt: '2023-08-01T05:04:33.284Z', title: 'Labelled note' });
    expect(mapped.record.tags).toEqual(note.labels.map((l: { name: string }) => l.name));
  });

  it("Mastodon outbox: published is the creation date, named why; the object's own published is not an update", () => {
    const r = cli('suggest-mapping', path.join(REAL, 'mastodon/outbox.json'), '--source', 'none', '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(field(s, 'id')).toMatchObject({ target: 'id', why: 'same name' });
    expect(field(s, 'published')).toMatchObject({ target: 'createdAt', autoAccept: true, why: 'alias: "published" means createdAt' });
    expect(s.mapping.fieldMappings['object.published']).toBeUndefined();
    expect(field(s, 'object.published').why).toMatch(/values look like ISO dates, but createdAt is mapped from "published"/);
  });

  it('Evernote and Notion date shapes are recognised from their values and parse; a date with a comma is no tag list', () => {
    // <created> values as the real ENEX files have them, and dates in the shapes Notion writes.
    const enex = fs
      .readdirSync(path.join(REAL, 'enex'))
      .map((f) => /<created>([^<]+)<\/created>/.exec(fs.readFileSync(path.join(REAL, 'enex', f), 'utf8'))![1]!);
    expect(enex[0]).toMatch(/^\d{8}T\d{6}Z$/);
    const s = suggestMapping(['Name', 'stamp', 'Deadline'], {
      Name: ['a', 'b', 'c'],
      stamp: enex,
      Deadline: ['December 1, 2024 10:00 AM', 'November 30, 2024 9:15 PM', '@December 3, 2024'],
    });
    expect(field(s, 'stamp')).toMatchObject({
      target: 'createdAt',
      reason: 'value-shape',
      why: 'values look like Evernote dates',
      transformations: [{ customFunction: 'parseOldDateFormat' }],
    });
    expect(field(s, 'stamp').failedCheck).toBeUndefined();
    expect(field(s, 'Deadline').target).not.toBe('tags');
    const notion = suggestMapping(['Created'], { Created: ['@December 1, 2024', '@November 30, 2024'] });
    expect(field(notion, 'Created')).toMatchObject({ target: 'createdAt', autoAccept: true, transformations: [{ customFunction: 'parseOldDateFormat' }] });
    const mapped = applyMapping(
      { stamp: enex[0], Created: '@December 1, 2024' },
      { fieldMappings: { ...notion.mapping.fieldMappings }, transformations: notion.mapping.transformations },
    );
    expect(mapped.record.createdAt).toBe('2024-12-01T00:00:00.000Z');
    // A comma inside a date column named like a tag list still is no tag list.
    expect(field(suggestMapping(['labels'], { labels: ['December 1, 2024', 'May 29, 2026'] }), 'labels').target).not.toBe('tags');
  });

  it('Day One: suggest-mapping FILE > m.json, then import FILE --mapping m.json imports every entry, titled by its first line', () => {
    const file = path.join(REAL, 'dayone/Journal.json');
    const suggested = cli('suggest-mapping', file);
    expect(suggested.code, suggested.stderr).toBe(0);
    // Device models and region identifiers have commas but are no tag lists.
    expect(suggested.stderr).not.toMatch(/creationDeviceModel -> tags|identifier -> tags/);
    const mappingFile = path.join(t.dir, 'm.json');
    fs.writeFileSync(mappingFile, suggested.stdout);
    const imported = cli('import', file, '--mapping', mappingFile, '--json');
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const entries = (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: unknown[] }).entries;
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'completed', totalRecords: entries.length, insertedRecords: entries.length, failedRecords: 0 });
    const out = path.join(t.dir, 'out.json');
    expect(cli('export', '--type', 'contexts', '--format', 'json', '--out', out).code).toBe(0);
    const titles = (JSON.parse(fs.readFileSync(out, 'utf8')) as { title: string }[]).map((c) => c.title);
    // "# Hello Again\nThis is my second diary\\." is titled as Day One shows it, heading mark and escape gone.
    expect(titles).toContain('Hello Again');
    expect(titles).toContain('This is something happened in history.');
    // The two entries with no text (photos only) import with an empty title and content.
    expect(titles.filter((x) => x === '')).toHaveLength(2);
  });

  it('WordPress WXR (its shape): content:encoded is the body, the empty description is not; categories are no type', () => {
    const file = path.join(REAL, 'wordpress-shape/wxr.xml');
    const r = cli('suggest-mapping', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title', 'content:encoded': 'content' });
    expect(s.mapping.fieldMappings.description).toBeUndefined();
    expect(s.mapping.fieldMappings.category).not.toBe('type');
    const mappingFile = path.join(t.dir, 'm.json');
    fs.writeFileSync(mappingFile, JSON.stringify(s.mapping));
    const imported = cli('import', file, '--mapping', mappingFile, '--json');
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'completed', insertedRecords: 2 });
  });

  it('a transformation that fails on a sample is offered unticked, with that sample, and left out of the mapping', () => {
    const s = suggestMapping(['date', 'title'], { date: ['2024-01-31 10:00', 'someday', '01/02/2024'], title: ['x', 'y', 'z'] });
    const d = field(s, 'date');
    expect(d).toMatchObject({
      target: 'createdAt',
      autoAccept: false,
      failedCheck: { sample: 'someday', message: expect.stringMatching(/cannot read "someday" as a date/) },
    });
    expect(d.failedCheck!.transformations).toEqual([{ field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' }]);
    expect(d.transformations).toBeUndefined();
    expect(s.mapping.transformations).toEqual([]);
  });

  it('obsidian-importer CSV: a Priority column of High/Medium/Low is the importance, lower-cased so it validates; the whole file imports', () => {
    const file = path.join(REAL, 'csv-importer/comprehensive-test.csv');
    const r = cli('suggest-mapping', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(field(s, 'Priority')).toMatchObject({ target: 'metadata.importance', transformations: [{ customFunction: 'lowercase' }] });
    expect(s.mapping.fieldMappings.Priority).toBe('metadata.importance');
    const mapping = t.file('m.json', JSON.stringify(s.mapping));
    const done = cli('import', file, '--mapping', mapping, '--json');
    expect(done.code, done.stderr + done.stdout).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ insertedRecords: 10 });
    const exported = path.join(t.dir, 'out.json');
    expect(cli('export', '--type', 'contexts', '--format', 'json', '--out', exported).code).toBe(0);
    const titles = (JSON.parse(fs.readFileSync(exported, 'utf8')) as { title: string; metadata: { importance?: string } }[]).map((c) => [
      c.title,
      c.metadata.importance,
    ]);
    expect(titles).toContainEqual(['Meeting Notes', 'high']);
  });

  it('a column whose values are not importance levels is not the importance, whatever its name', () => {
    const s = suggestMapping(['title', 'priority'], { title: ['a', 'b'], priority: ['1', '2'] });
    expect(field(s, 'priority').target).not.toBe('metadata.importance');
    const levels = suggestMapping(['title', 'importance'], { title: ['a'], importance: ['low', 'critical'] });
    expect(field(levels, 'importance')).toMatchObject({ target: 'metadata.importance' });
    expect(field(levels, 'importance').transformations ?? []).toEqual([]);
  });

  it("GitHub API issues: the issue's user is its author", () => {
    const r = cli('suggest-mapping', path.join(REAL, 'github/issues-v2.json'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(field(s, 'user')).toMatchObject({ target: 'metadata.author' });
  });

  it('id-like columns go to id: by name (_id, noteId, guid) or by value (UUIDs)', () => {
    expect(field(suggestMapping(['_id', 'title'], {}), '_id').target).toBe('id');
    expect(field(suggestMapping(['noteId', 'title'], {}), 'noteId').target).toBe('id');
    expect(field(suggestMapping(['conversation_id', 'title'], {}), 'conversation_id').target).toBe('id');
    const byValue = suggestMapping(['ref', 'title'], { ref: ['0d7d0e7c-2f8a-4b8e-9b55-0c1d2e3f4a5b', '1d7d0e7c-2f8a-4b8e-9b55-0c1d2e3f4a5b'] });
    expect(field(byValue, 'ref')).toMatchObject({ target: 'id', reason: 'value-shape', why: 'values look like ids (UUIDs)' });
    expect(byValue.mapping.fieldMappings.ref).toBe('id');
  });

  it('a file with thousands of paths lists the mapped fields and a bounded list of the rest, with a count', () => {
    const record: Record<string, unknown> = { title: 'T', body: 'B', created: '2024-01-01T00:00:00Z', mapping: {} };
    for (let i = 0; i < 3000; i++) (record.mapping as Record<string, unknown>)[`node${i}`] = { v: i };
    const file = t.file('wide.json', JSON.stringify([record]));
    const r = cli('suggest-mapping', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(s.fields.filter((f) => f.target).map((f) => f.source)).toEqual(expect.arrayContaining(['title', 'body', 'created']));
    expect(s.fields.filter((f) => !f.target).length).toBe(50);
    expect(s.unlistedFields).toBe(3000 - 50);
    expect(r.stdout.length).toBeLessThan(100_000);
  });

  it('remembered from N committed imports (a dry run teaches nothing), and forgotten on request', () => {
    const csv = t.file('legacy.csv', 'Headline,Body text,When\nOne,first,2024-01-01T00:00:00Z\nTwo,second,2024-01-02T00:00:00Z\n');
    const mapping = t.file('m.json', JSON.stringify({ fieldMappings: { Headline: 'title', 'Body text': 'content', When: 'createdAt' } }));
    expect(cli('import', csv, '--mapping', mapping, '--json').code).toBe(0);
    expect(cli('import', csv, '--mapping', mapping, '--overwrite-existing', '--json').code).toBe(0);
    expect(cli('import', csv, '--mapping', mapping, '--overwrite-existing', '--dry-run', '--json').code).toBe(0);
    const first = JSON.parse(cli('suggest-mapping', csv, '--json').stdout) as MappingSuggestion;
    expect(field(first, 'Headline')).toMatchObject({ target: 'title', reason: 'remembered', why: 'remembered from 2 imports', remembered: { imports: 2 } });
    const plain = cli('suggest-mapping', csv);
    expect(plain.stderr).toMatch(/Headline -> title\s+remembered 97%: remembered from 2 imports/);

    const forgot = cli('mappings', 'forget', 'Headline', '--json');
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(JSON.parse(forgot.stdout)).toEqual({ forgotten: 2 });
    const after = JSON.parse(cli('suggest-mapping', csv, '--json').stdout) as MappingSuggestion;
    expect(field(after, 'Headline')).toMatchObject({ target: 'title', reason: 'alias' });
    expect(field(after, 'Body text').reason).toBe('remembered');

    // --forget forgets what is remembered for every field of the file, then suggests afresh.
    const fresh = cli('suggest-mapping', csv, '--forget', '--json');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((JSON.parse(fresh.stdout) as MappingSuggestion).fields.some((f) => f.reason === 'remembered')).toBe(false);
    // A new committed import teaches again.
    expect(cli('import', csv, '--mapping', mapping, '--overwrite-existing', '--json').code).toBe(0);
    expect(field(JSON.parse(cli('suggest-mapping', csv, '--json').stdout), 'Headline')).toMatchObject({
      reason: 'remembered',
      why: 'remembered from 1 import',
    });
  });

  it('forgetMapping over the contract, and its count', async () => {
    const result = await t.call('forgetMapping', { source: 'nothing remembered' });
    expect(result).toEqual({ forgotten: 0 });
  });
});
