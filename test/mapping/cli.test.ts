import { execFileSync } from 'node:child_process';
/** The CLI contract of this issue: flags, commands, stdout JSON and exit codes, run as a user would. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, openTestStore, type TestStore } from './helpers.ts';

const BIN = path.resolve(__dirname, '../../bin/context-store.mjs');
let t: TestStore;
let db: string;
beforeEach(async () => {
  t = openTestStore();
  db = path.join(t.dir, 'cli.db');
});
afterEach(async () => {
  await t.close();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (out: string) => JSON.parse(out);

// Each run starts node and tsx: slow on a busy machine, so these tests get room.
describe('CLI: mapping and templates', { timeout: 180_000 }, () => {
  it('import --mapping, suggest-mapping, and a suggested mapping fed back to import', () => {
    const notes = path.join(FIXTURES, 'legacy-notes.jsonl');
    const suggested = cli('suggest-mapping', notes);
    expect(suggested.code).toBe(0);
    const mapping = json(suggested.stdout);
    expect(mapping.fieldMappings).toEqual({ legacy_title: 'title', legacy_body: 'content', legacy_category: 'type', legacy_keywords: 'tags' });
    const file = t.file('suggested.json', suggested.stdout);
    const imported = cli('import', notes, '--mapping', file, '--json');
    expect(imported.code).toBe(0);
    expect(json(imported.stdout)).toMatchObject({ status: 'completed', insertedRecords: 3 });

    const full = json(cli('suggest-mapping', path.join(FIXTURES, 'legacy-items.jsonl'), '--json').stdout);
    expect(full.fields.find((f: { source: string }) => f.source === 'old_created')).toMatchObject({ target: 'createdAt', autoAccept: true });
    const items = cli('import', path.join(FIXTURES, 'legacy-items.jsonl'), '--mapping', path.join(FIXTURES, 'legacy-items.mapping.json'), '--json');
    expect(json(items.stdout)).toMatchObject({ status: 'completed', insertedRecords: 4 });
    expect(json(cli('stats', '--json').stdout).contexts).toBe(7);
    expect(suggested.stderr).not.toMatch(/Nothing in this mapping fills/);
  });

  it('suggest-mapping reads a folder as import does (a Tomboy .note is XML by its content) and takes --root', () => {
    const folder = path.resolve(__dirname, '../fixtures/real/tomboy');
    const r = cli('suggest-mapping', folder);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).fieldMappings).toMatchObject({ title: 'title' });
    const file = t.file('nested.json', JSON.stringify({ meta: { n: 1 }, data: { rows: [{ heading: 'A', body: 'text' }] } }));
    const rooted = cli('suggest-mapping', file, '--root', 'data.rows');
    expect(rooted.code, rooted.stderr).toBe(0);
    expect(json(rooted.stdout).fieldMappings).toEqual({ heading: 'title', body: 'content' });
  });

  it('suggest-mapping reads a file inside a zip as the import does (Simplenote: source/notes.json)', () => {
    const dir = path.dirname(t.file('x.txt', ''));
    const zip = path.join(dir, 'simplenote.zip');
    const note = (id: string) => ({ id, content: `Groceries ${id}\nmilk`, creationDate: '2024-01-01T00:00:00.000Z', tags: [] });
    const notes = JSON.stringify({ activeNotes: [note('n1'), note('n2')], trashedNotes: [] });
    const script = `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\nz.writestr('source/notes.json', sys.stdin.read())\nz.writestr('Groceries.txt','Groceries')\nz.close()`;
    execFileSync('python3', ['-c', script, zip], { input: notes });
    const r = cli('suggest-mapping', zip);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).fieldMappings).toMatchObject({ id: 'id', content: 'content', creationDate: 'createdAt' });
  });

  it('suggest-mapping says when its mapping fills no title or content (every record would be rejected)', () => {
    const file = t.file('readings.csv', 'sensor;amount\nA;1\nB;2\n');
    const r = cli('suggest-mapping', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Nothing in this mapping fills title or content: every record would be rejected \("title is required"\)/);
  });

  it('exit 2 and nothing written for an unknown function, a bad mapping file or an unknown template', () => {
    const notes = path.join(FIXTURES, 'legacy-notes.jsonl');
    const bad = t.file(
      'bad.json',
      JSON.stringify({ fieldMappings: { legacy_title: 'title' }, transformations: [{ field: 'title', transformation: 'custom', customFunction: 'shout' }] }),
    );
    const r1 = cli('import', notes, '--mapping', bad, '--json');
    expect(r1.code).toBe(2);
    expect(json(r1.stdout).error).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(json(r1.stdout).error.message).toMatch(/shout/);
    const r2 = cli('import', notes, '--mapping', t.file('broken.json', '{ nope'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/not valid JSON/);
    // What `suggest-mapping FILE > m.json` leaves when it fails.
    const empty = cli('import', notes, '--mapping', t.file('m.json', ''));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/m\.json is empty \(did the suggest-mapping that wrote it fail\?/);
    expect(cli('import', notes, '--mapping', path.join(t.dir, 'missing.json')).code).toBe(2);
    expect(cli('import', notes, '--template', 'nope').code).toBe(2);
    expect(cli('validate', notes, '--mapping', bad).code).toBe(2);
    expect(json(cli('stats', '--json').stdout).contexts).toBe(0);
  });

  it('templates list|show|create|update|versions|delete with --json', () => {
    const created = cli('templates', 'create', path.join(FIXTURES, 'legacy-template.json'), '--json');
    expect(created.code).toBe(0);
    const template = json(created.stdout);
    expect(template).toMatchObject({ name: 'Legacy items', version: 1 });
    expect(json(cli('templates', 'list', '--json').stdout)).toHaveLength(1);
    expect(json(cli('templates', 'show', 'Legacy items', '--json').stdout).id).toBe(template.id);
    expect(cli('templates', 'list').stdout).toMatch(/Legacy items/);

    const patch = t.file('patch.json', JSON.stringify({ description: 'second' }));
    const updated = json(cli('templates', 'update', template.id, patch, '--json').stdout);
    expect(updated).toMatchObject({ version: 2, description: 'second', name: 'Legacy items' });
    expect(json(cli('templates', 'versions', template.id, '--json').stdout).map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const badTemplate = t.file(
      'bad-template.json',
      JSON.stringify({ name: 'Bad', transformation: { computedFields: [{ name: 'x', expression: 'title.constructor' }] } }),
    );
    const refused = cli('templates', 'create', badTemplate, '--json');
    expect(refused.code).toBe(2);
    expect(json(refused.stdout).error.code).toBe('VALIDATION_ERROR');

    expect(json(cli('templates', 'delete', template.id, '--json').stdout)).toEqual({ deleted: true, id: template.id });
    expect(cli('templates', 'delete', template.id).code).toBe(1);
    expect(cli('templates', 'show', template.id).code).toBe(1);
  });

  it('import --template, validate --template, export --template', () => {
    const template = json(cli('templates', 'create', path.join(FIXTURES, 'legacy-template.json'), '--json').stdout);
    const items = path.join(FIXTURES, 'legacy-items.jsonl');
    expect(cli('validate', items, '--template', 'Legacy items', '--json').code).toBe(0);
    expect(json(cli('import', items, '--template', template.id, '--json').stdout)).toMatchObject({ status: 'completed', insertedRecords: 4 });
    const out = path.join(t.dir, 'legacy-out.json');
    expect(cli('export', '--type', 'contexts', '--format', 'json', '--out', out, '--template', 'Legacy items').code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(exported[0]).toHaveProperty('old_name');
    expect(exported[0]).toHaveProperty('exportedAt');
  });
  it('export --template with the seed\'s "Standard Context Export": only id, title, content, tags and exportedAt', () => {
    expect(cli('import', path.join(FIXTURES, 'legacy-notes.jsonl'), '--mapping', path.join(FIXTURES, 'legacy-notes.mapping.json')).code).toBe(0);
    expect(cli('templates', 'create', path.join(FIXTURES, 'standard-context-export.template.json')).code).toBe(0);
    const jsonl = cli('export', '--type', 'contexts', '--format', 'jsonl', '--template', 'Standard Context Export', '--out', '-');
    expect(jsonl.code).toBe(0);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const record of lines) expect(Object.keys(record)).toEqual(['id', 'title', 'content', 'tags', 'exportedAt']);
    const csv = path.join(t.dir, 'standard.csv');
    expect(cli('export', '--type', 'contexts', '--format', 'csv', '--template', 'Standard Context Export', '--out', csv).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('id,title,content,tags,exportedAt');
  });
});
