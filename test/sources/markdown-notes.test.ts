import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const REAL = path.resolve(__dirname, '../fixtures/real');

function contextsOf(store: ReturnType<typeof tempStore>): Context[] {
  return store.contexts.list({}, 1000, 0) as Context[];
}
const byTitle = (list: Context[], title: string) => list.find((c) => c.title === title)!;

describe('markdown-notes source on a real Obsidian vault (kepano/kepano-obsidian)', () => {
  it('imports one context per note, with the titles, tags, dates, sessions and attachments Obsidian shows', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(REAL, 'obsidian-vault')], importOptions({ errorHandling: 'strict' }));
    expect(result.error).toBeUndefined();
    expect(result.inputs[0]!.source).toMatchObject({ id: 'markdown-notes', forced: false });
    expect(result.inputs[0]!.source!.summary).toMatch(/^Markdown notes — 6 notes/);
    // .obsidian/ is settings, not notes: skipped and said.
    expect(result.inputs[0]!.skipped).toEqual([{ path: '.obsidian/', reason: 'hidden' }]);
    const notes = contextsOf(store);
    expect(notes.map((n) => n.title).sort()).toEqual([
      '2023-09-12',
      '2023-09-12 Meeting with Steph',
      'Catan',
      'Evergreen notes turn ideas into objects that you can manipulate',
      'In good hands',
      'Out of Control',
    ]);
    const book = byTitle(notes, 'Out of Control');
    expect(book.createdAt).toBe('2023-09-12T00:00:00.000Z');
    expect(book.metadata).toMatchObject({
      source: 'markdown-notes',
      sourceId: 'References/Out of Control.md',
      isbn13: 9780201483406,
      categories: ['[[Books]]'],
    });
    expect(book.attachments).toHaveLength(1);
    expect(book.attachments![0]).toMatchObject({ name: 'out-of-control.jpg', mimeType: 'image/jpeg', size: 107259 });
    // Body untouched: wiki links stay as written.
    const meeting = byTitle(notes, '2023-09-12 Meeting with Steph');
    expect(meeting.content).toBe('- Discussed the book [[Out of Control]] on the topic of [[Emergence]]');
    expect(meeting.createdAt).toBe('2023-09-12T00:00:00.000Z');
    const clip = byTitle(notes, 'In good hands');
    expect(clip.content.startsWith('\nThere is a feeling I search for: *being in good hands*.')).toBe(true);
    expect(clip.metadata).toMatchObject({ url: 'https://stephango.com/in-good-hands', published: '2023-08-06' });
    // Folder → session.
    const sessions = store.sessions.list({}, 100, 0);
    expect(sessions.map((s) => s.name).sort()).toEqual(['Clippings', 'Daily', 'Notes', 'References']);
    expect(store.sessions.get(book.sessionId!)!.name).toBe('References');
    // A note with no front matter date gets the file's time, with a warning that says so.
    expect(result.warnings.some((w) => /Daily\/2023-09-12\.md: no creation date in the note; used the file's modification time/.test(w))).toBe(true);
  });

  it('puts folders in tags when asked', async () => {
    const store = tempStore();
    await runImport(store, [path.join(REAL, 'obsidian-vault')], importOptions({ sourceOptions: { folders: 'tag' } }));
    const notes = contextsOf(store);
    expect(byTitle(notes, 'Catan').tags).toEqual(['References']);
    expect(byTitle(notes, 'Catan').sessionId).toBeNull();
    expect(store.sessions.list({}, 100, 0)).toHaveLength(0);
  });
});

describe('markdown-notes source on Joplin and Notesnook exports (laurent22/joplin test notes)', () => {
  it('reads title, tags, dates and the rest of the front matter as Joplin does', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(REAL, 'joplin-notes')], importOptions());
    expect(result.status).toBe('completed');
    const notes = contextsOf(store);
    const full = byTitle(notes, 'Test Note Title');
    expect(full.content).toBe('\nThis is the note body\n');
    expect(full.tags).toEqual(['Joplin', 'nOte', 'pencil']);
    expect(full.createdAt).toBe('2019-05-01T16:54:00.000Z');
    expect(full.updatedAt).toBe('2019-05-01T16:54:00.000Z');
    expect(full.metadata).toMatchObject({ Source: 'https://joplinapp.org', author: 'Joplin', latitude: 37.084021, due: '2021-08-22 00:00' });
    const inline = byTitle(notes, 'Inline Tags');
    expect(inline.tags).toEqual(['inline', 'tag']);
    const nn = byTitle(notes, 'Frontmatter test');
    expect(nn.createdAt).toBe('2024-01-01T01:23:00.000Z');
    expect(nn.updatedAt).toBe('2024-01-02T04:56:00.000Z');
  });
});

describe('markdown-notes: never a silent zero', () => {
  it('a single note with front matter and no ## heading is one record, detected as notes (not YAML)', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'idea.md', '---\ntitle: An idea\ntags: one, two\ndate: 2024-03-04\n---\nJust text, #three, no headings.\n');
    const store = tempStore();
    const result = await runImport(store, [file], importOptions());
    expect(result.totalRecords).toBe(1);
    expect(result.inputs[0]!.source!.summary).toBe('Markdown notes — 1 note');
    const [note] = contextsOf(store);
    expect(note).toMatchObject({
      title: 'An idea',
      tags: ['one', 'two', 'three'],
      createdAt: '2024-03-04T00:00:00.000Z',
      content: 'Just text, #three, no headings.\n',
    });
  });

  it('Logseq-style key:: value properties give title and tags; the page text stays as written', async () => {
    const dir = tempDir();
    const text = 'title:: Weekly review\ntags:: [[planning]], review\n\n- did a thing\n';
    const file = writeFile(dir, 'weekly.md', text);
    const store = tempStore();
    await runImport(store, [file], importOptions());
    const [note] = contextsOf(store);
    expect(note).toMatchObject({ title: 'Weekly review', tags: ['planning', 'review'], content: text });
  });

  it('title from the # H1 that opens the note, else the file name (a heading below text is part of it)', async () => {
    const dir = tempDir();
    writeFile(dir, 'a.md', '# The heading\ntext\n');
    writeFile(dir, 'later.md', 'intro\n# Not the title\ntext\n');
    writeFile(dir, 'plain name.md', 'no heading at all\n');
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    expect(
      contextsOf(store)
        .map((c) => c.title)
        .sort(),
    ).toEqual(['The heading', 'later', 'plain name']);
  });

  it("the app's own Markdown export is still read by the format reader", async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'export.md',
      '# Contexts\n\n## Item 1\n\n**id:** ctx-1\n**title:** Hello\n**createdAt:** 2024-01-01T00:00:00.000Z\n\n**content:**\n\n```text\nbody\n```\n',
    );
    const store = tempStore();
    const result = await runImport(store, [file], importOptions());
    expect(result.inputs[0]!.source).toBeUndefined();
    expect(result.inputs[0]!.format).toBe('markdown');
    expect(store.contexts.get('ctx-1')?.title).toBe('Hello');
  });

  it('--source none reads a .md with front matter as Markdown, not YAML', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'idea.md', '---\ntitle: An idea\n---\nJust text.\n');
    const result = await runImport(tempStore(), [file], importOptions({ source: 'none', errorHandling: 'lenient' }));
    expect(result.inputs[0]?.format).toBe('markdown');
  });

  it('importing the same vault twice finds the same records (stable ids from the source identity)', async () => {
    const store = tempStore();
    await runImport(store, [path.join(REAL, 'joplin-notes')], importOptions());
    const again = await runImport(store, [path.join(REAL, 'joplin-notes')], importOptions({ skipDuplicates: true }));
    expect(again.insertedRecords).toBe(0);
    expect(store.contexts.list({}, 100, 0)).toHaveLength(3);
  });

  it('fixtures are what SOURCES.md says', () => {
    expect(fs.readFileSync(path.join(REAL, 'SOURCES.md'), 'utf8')).toContain('kepano/kepano-obsidian');
  });
});

describe('the Markdown format reader (--source none) never imports 0 records silently', () => {
  it('a note with front matter and no ## heading is an error that says what to do', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'idea.md', '---\ntitle: An idea\n---\nJust text.\n');
    const result = await runImport(tempStore(), [file], importOptions({ source: 'none' }));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/no "## " record headings.*--source markdown-notes/);
  });
});
