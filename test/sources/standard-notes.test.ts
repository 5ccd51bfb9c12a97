/**
 * The Standard Notes preset on real decrypted backups (test/fixtures/real/standard-notes, SOURCES.md), through
 * the real CLI: notes become contexts with their tags, app items (components, themes, preferences) are skipped
 * and counted by type instead of failing every record, the Items/ copies are not read twice. Written backups
 * cover what the real ones lack: trashed and deleted notes, nested tags, a Super note, an encrypted backup.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir, writeFile } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context } from '../../shared/model.ts';

const SN = path.resolve(__dirname, '../fixtures/real/standard-notes');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function contextsOf(db: string): Context[] {
  const store = Store.open(db);
  opened.push(store);
  return store.contexts.list({}, 1000, 0) as Context[];
}

const backup = (items: unknown[]) => JSON.stringify({ version: '004', items }, null, 2);
const note = (uuid: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  uuid,
  content_type: 'Note',
  content: { references: [], appData: { 'org.standardnotes.sn': { client_updated_at: '2024-02-02T10:00:00.000Z' } }, ...content },
  created_at: '2024-01-01T09:00:00.000Z',
  updated_at: '2024-02-03T00:00:00.000Z',
  ...extra,
});
const tag = (uuid: string, title: string, notes: string[], parent?: string) => ({
  uuid,
  content_type: 'Tag',
  content: {
    title,
    references: [
      ...notes.map((n) => ({ uuid: n, content_type: 'Note' })),
      ...(parent ? [{ uuid: parent, content_type: 'Tag', reference_type: 'TagToParentTag' }] : []),
    ],
  },
  created_at: '2024-01-01T00:00:00.000Z',
});

describe('Standard Notes backups (real, 2022 and 2023)', () => {
  it('the 2023 backup zip: 6 notes with their tags and dates, the preferences item skipped and counted', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(SN, 'backup-2023.zip')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Standard Notes backup — 6 notes, 2 tags, 1 app setting skipped');
    expect(run.stdout).toMatch(/1 item\(s\) that are no notes were not imported .*SN\|UserPreferences 1/);
    expect(run.stdout).toMatch(/9 file\(s\) under Items\/ not read: one per item, copies of what the backup file holds/);
    const contexts = contextsOf(db);
    expect(contexts).toHaveLength(6);
    const ithaka = contexts.find((c) => c.title === 'Ithaka')!;
    expect(ithaka).toMatchObject({
      type: 'note',
      tags: ['poems'],
      createdAt: '2023-08-29T15:47:49.952Z',
      updatedAt: '2023-08-29T15:47:58.308Z',
    });
    expect(ithaka.content).toMatch(/^As you set out for Ithaka\nhope your road is a long one,/);
    expect(ithaka.metadata).toMatchObject({
      source: 'standard-notes',
      sourceId: '7e31caac-8cc4-4877-8433-ae41cbfcc6be',
      noteType: 'plain-text',
      editorIdentifier: 'com.standardnotes.plain-text',
    });
    expect(
      contexts
        .filter((c) => c.tags.includes('quotes'))
        .map((c) => c.title)
        .sort(),
    ).toEqual(['Even darkness must pass', 'Shoulder to the Stone', 'Specialization']);
  });

  it('the 2022 backup: 63 notes, none failed for the 35 components, themes and keys beside them; pinned and archived kept', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(SN, 'backup-2022.zip'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ insertedRecords: number; failedRecords: number; warnings: string[] }>();
    expect(result).toMatchObject({ insertedRecords: 63, failedRecords: 0 });
    expect(result.warnings.join('\n')).toMatch(/35 item\(s\) that are no notes .*SN\|Component 19, SN\|Theme 8.*SN\|SmartTag 4/);
    const contexts = contextsOf(db);
    expect(contexts.find((c) => c.title === 'Good-humored inflexibility')!.metadata).toMatchObject({ pinned: true });
    const archived = contexts.filter((c) => c.metadata?.archived === true).map((c) => c.title);
    expect(archived).toEqual(expect.arrayContaining(['HTML and ultimately better', 'Service password']));
    expect(contexts.filter((c) => c.metadata?.pinned === true).length).toBeGreaterThanOrEqual(4);
    // Standard Notes' own dotted tag names stay as written.
    expect(contexts.find((c) => c.title === 'Two years to date')!.tags).toContain('business.finance');
  });

  it('the backup file alone (no zip) is detected by its shape, and a second import finds the same notes', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const first = cli(['import', path.join(SN, 'backup-custom.zip')], { env: { CONTEXT_STORE_DB: db } });
    expect(first.code, first.stderr).toBe(0);
    expect(contextsOf(db).map((c) => c.title)).toEqual(['Nivovo-česneková pomazánka']);
    const again = cli(['import', path.join(SN, 'backup-custom.zip'), '--skip-duplicates', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number; unchangedRecords: number }>()).toMatchObject({ insertedRecords: 0, unchangedRecords: 1 });
    const file = writeFile(dir, 'sn-backup.json', backup([note('n1', { title: 'Plain', text: 'body' })]));
    const plain = cli(['import', file, '--dry-run', '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'other.db') } });
    expect(plain.json<{ inputs: { source?: { id: string } }[]; insertedRecords: number }>()).toMatchObject({
      inputs: [{ source: { id: 'standard-notes' } }],
      insertedRecords: 1,
    });
  });
});

describe('Standard Notes backups (written for what the real ones lack)', () => {
  it('trashed notes are skipped and counted unless includeTrashed; deleted items always; tags under tags are paths; tags may follow their notes', () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'Standard Notes Backup and Import File.txt',
      backup([
        note('n1', { title: '', text: '# Groceries\n- milk' }),
        note('n2', { title: 'Old', text: 'gone', trashed: true }),
        { uuid: 'n3', content_type: 'Note', deleted: true, created_at: '2024-01-01T00:00:00.000Z' },
        tag('t1', 'home', []),
        tag('t2', 'shopping', ['n1', 'n2'], 't1'),
      ]),
    );
    const db = path.join(dir, 'store.db');
    const run = cli(['import', file], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 note, 2 tags, 1 trashed note skipped, 1 deleted item skipped');
    expect(contextsOf(db).map((c) => [c.title, c.tags])).toEqual([['Groceries', ['home/shopping']]]);
    const withTrash = path.join(dir, 'trash.db');
    expect(cli(['import', file, '--source-option', 'includeTrashed=true'], { env: { CONTEXT_STORE_DB: withTrash } }).code).toBe(0);
    const trashed = contextsOf(withTrash).find((c) => c.title === 'Old')!;
    expect(trashed).toMatchObject({ tags: ['home/shopping'], metadata: { trashed: true } });
  });

  it("a Super note's Lexical JSON becomes Markdown, the JSON kept in metadata", () => {
    const lexical = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Plan', format: 0 }] },
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'Ship ', format: 0 },
              { type: 'text', text: 'today', format: 1 },
            ],
          },
          {
            type: 'list',
            listType: 'check',
            children: [
              { type: 'listitem', checked: true, children: [{ type: 'text', text: 'write' }] },
              { type: 'listitem', checked: false, children: [{ type: 'text', text: 'test' }] },
            ],
          },
          { type: 'quote', children: [{ type: 'text', text: 'Done is better' }] },
        ],
      },
    };
    const dir = tempDir();
    const text = JSON.stringify(lexical);
    const file = writeFile(dir, 'backup.txt', backup([note('s1', { title: 'Super', text, noteType: 'super' })]));
    const db = path.join(dir, 'store.db');
    expect(cli(['import', file], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const [superNote] = contextsOf(db);
    expect(superNote!.content).toBe('## Plan\n\nShip **today**\n\n- [x] write\n- [ ] test\n\n> Done is better');
    expect(superNote!.metadata).toMatchObject({ noteType: 'super', superJson: text });
  });

  it('an encrypted backup is one clear error (export a decrypted one), not an error per item', () => {
    const dir = tempDir();
    const encrypted = (uuid: string, type: string) => ({
      uuid,
      content_type: type,
      content: '004:5d8a1b2c3d4e5f60718293a4:U2FsdGVkX1+abc:eyJ1IjoiYSJ9',
      enc_item_key: '004:aa:bb:cc',
      items_key_id: 'k1',
      created_at: '2024-01-01T00:00:00.000Z',
    });
    const file = writeFile(
      dir,
      'Standard Notes Backup and Import File.txt',
      JSON.stringify({ version: '004', items: [encrypted('a', 'Note'), encrypted('b', 'Note'), encrypted('c', 'Tag')], keyParams: { version: '004' } }),
    );
    const run = cli(['import', file, '--on-error', 'lenient', '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    const result = run.json<{ insertedRecords: number; failedRecords: number; errors: { error: string }[] }>();
    expect(result).toMatchObject({ insertedRecords: 0, failedRecords: 1 });
    expect(result.errors[0]!.error).toMatch(/encrypted \(3 encrypted items\).*export a decrypted backup/);
  });
});
