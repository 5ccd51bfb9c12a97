/** JSON whose records sit under a key: found in the document or named with --root, streamed, and said so. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { findRecordsPath, parseRootPath } from '../../electron/engine/formats/json/root.ts';
import { scanJsonRecords } from '../../electron/engine/formats/json/scanner.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

const outbox = path.resolve(import.meta.dirname, '../fixtures/real/mastodon/outbox.json');
const mapping = { fieldMappings: { 'object.id': 'id', 'object.content': 'content', 'object.url': 'title', published: 'createdAt' }, transformations: [] };

async function scan(text: string, root?: string[], chunk = 7) {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: unknown[] = [];
  for await (const r of scanJsonRecords(chunks(), 1 << 20, undefined, root)) out.push(JSON.parse(r.text));
  return out;
}

describe('records under a key', () => {
  it('imports a real Mastodon outbox as its items, not as one giant record, and says where they were', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [outbox], importOptions({ mapping, errorHandling: 'lenient', source: 'none' }));
    expect(result).toMatchObject({ status: 'completed', totalRecords: 4, insertedRecords: 4 });
    expect(result.inputs[0]!.root).toBe('orderedItems');
    expect(result.warnings).toContain('outbox.json: records at `orderedItems` (found in the document): 4');
    const first = store.contexts.get('https://o3o.ca/users/purplerain/statuses/105965176447809959')!;
    expect(first.content).toContain('第一次见沙尘暴');
    expect(first.createdAt).toBe('2021-03-28T02:57:55.000Z');
    expect(store.contexts.get('https://o3o.ca/users/purplerain/statuses/105965472404431134')?.title).toBe('https://o3o.ca/@purplerain/105965472404431134');
  });

  it('reads the minified shape Mastodon also writes, with an empty orderedItems before the real one', async () => {
    const doc = JSON.parse(fs.readFileSync(outbox, 'utf8'));
    const minified = JSON.stringify(doc).replace('"orderedItems":[', '"orderedItems":[],"orderedItems":[');
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [writeFile(dir, 'outbox.json', minified)], importOptions({ mapping, source: 'none' }));
    expect(result).toMatchObject({ status: 'completed', insertedRecords: 4 });
  });

  it('--root names the array explicitly, as a dot path or a JSON Pointer, however deep', async () => {
    const dump = JSON.stringify({
      meta: { page: 1, items: [{ not: 'this' }] },
      data: {
        total: 2,
        items: [
          { id: 'a', title: 'A', content: 'x', createdAt: '2024-01-01' },
          { id: 'b', title: 'B', content: 'y', createdAt: '2024-01-02' },
        ],
      },
    });
    const dir = tempDir();
    for (const root of ['data.items', '/data/items']) {
      const store = tempStore(tempDir());
      const result = await runImport(store, [writeFile(dir, 'dump.json', dump)], importOptions({ root }));
      expect(result, root).toMatchObject({ status: 'completed', insertedRecords: 2 });
      expect(store.contexts.get('b')?.title).toBe('B');
    }
    expect(await scan(dump, ['data', 'items'])).toHaveLength(2);
    expect(await scan(dump, ['meta', 'items'])).toEqual([{ not: 'this' }]);
  });

  it('a root that is not there is an error that names it, never a silent empty import', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [writeFile(dir, 'x.json', JSON.stringify({ data: { rows: [] } }))], importOptions({ root: 'data.items' }));
    expect(result.status).toBe('failed');
    // A note with a title and its labels is a record as it seems: no such warning.
    const note = writeFile(dir, 'note.json', JSON.stringify({ title: 'T', content: 'c', labels: [{ name: 'a' }, { name: 'b' }] }));
    const plain = await runImport(tempStore(dir), [note], importOptions({ source: 'none', dryRun: true }));
    expect(plain.warnings.join('\n')).not.toMatch(/holds lists of records/);
    expect(result.error?.message).toMatch(/no array of records at "data\.items"/);
  });

  it("arrays beside the records are named with their counts, never passed over in silence (Simplenote's trashedNotes)", async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const note = (id: string) => ({ id, content: `note ${id}`, tags: ['a', 'b'], creationDate: '2024-01-01T00:00:00.000Z' });
    const file = writeFile(
      dir,
      'notes.json',
      JSON.stringify({ activeNotes: [note('1'), note('2')], trashedNotes: [note('3'), { id: '4', nested: [[1, 2], { x: [3] }] }], empty: [] }),
    );
    const mapping = { fieldMappings: { id: 'id', content: 'content', content_: 'title', creationDate: 'createdAt' }, transformations: [] };
    const result = await runImport(store, [file], importOptions({ mapping, errorHandling: 'lenient', dryRun: true }));
    expect(result.inputs[0]!.root).toBe('activeNotes');
    expect(result.warnings).toContain(
      'notes.json: not read: `trashedNotes` (2 items), beside the records at `activeNotes`; import it with --root trashedNotes.',
    );
    expect(result.warnings.join('\n')).not.toMatch(/`empty`/);
  });

  it('a root into a top-level array is a bad argument that says why and what to do, not "invalid JSON"', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const file = writeFile(dir, 'search.json', JSON.stringify([{ response: { items: [{ id: 1 }] } }]));
    const result = await runImport(store, [file], importOptions({ root: '0.response.items' }));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'BAD_ARGUMENT', field: 'root' });
    expect(result.error!.message).not.toMatch(/Invalid JSON/);
    expect(result.error!.message).toMatch(/cannot step into an array's elements.*jq '\.\[0\]\.response\.items'/);
  });

  it("keeps one record that merely holds a list as one record, and the app's own sections as they were", () => {
    const isSection = (k: string) => ['contexts', 'sessions', 'templates', 'items', 'data'].includes(k);
    const note = JSON.stringify({ id: 'n', title: 'T', content: 'c', createdAt: '2024-01-01', attachments: [{ name: 'a' }, { name: 'b' }] });
    expect(findRecordsPath(note, isSection)).toBeUndefined();
    expect(findRecordsPath(JSON.stringify({ contexts: [{ id: 1 }, { id: 2 }] }), isSection)).toBeUndefined();
    expect(findRecordsPath(JSON.stringify([{ id: 1 }]), isSection)).toBeUndefined();
    expect(findRecordsPath(JSON.stringify({ data: { items: [{ id: 1 }, { id: 2 }] } }), isSection)).toEqual(['data', 'items']);
    // Cut off inside the array: the array is larger than the head, so it is the collection.
    expect(findRecordsPath('{"@context":["https://www.w3.org/ns/activitystreams",{"a":"b"}],"orderedItems":[{"id":1},{"id"', isSection)).toEqual([
      'orderedItems',
    ]);
  });

  it('a document read as one record that holds lists of records (a Trello board) names them and the --root that reads one, even when a strict import stops at it', async () => {
    const dir = tempDir();
    const board = {
      id: '5a0c1',
      name: 'Trello Tracker Test',
      desc: '',
      // The board's settings outweigh its lists, so no list is most of the document and none is taken as the records.
      prefs: {
        background: 'blue',
        backgroundImageScaled: Array.from({ length: 12 }, (_, i) => ({
          width: 100 * i,
          height: 70 * i,
          url: `https://trello-backgrounds.s3.amazonaws.com/${i}.jpg`,
        })),
      },
      members: [
        { id: 'm1', fullName: 'A' },
        { id: 'm2', fullName: 'B' },
      ],
      cards: [
        { id: 'c1', name: 'First card', desc: 'Something to do, with a longer description than a member has', idList: 'l1', labels: [] },
        { id: 'c2', name: 'Second card', desc: 'Another thing to do, also described at some length', idList: 'l2', labels: [] },
      ],
      lists: [
        { id: 'l1', name: 'To do' },
        { id: 'l2', name: 'Done' },
      ],
    };
    const file = writeFile(dir, 'board.json', JSON.stringify(board));
    const result = await runImport(tempStore(dir), [file], importOptions({ source: 'none' }));
    expect(result.status).toBe('failed');
    // Not its background in 12 sizes (prefs.backgroundImageScaled), which was once taken as the records.
    expect(result.warnings.join('\n')).toMatch(
      /read as one record; it holds lists of records: `cards` \(2 items\), `members` \(2 items\), `lists` \(2 items\)\. Import one as the records with --root cards/,
    );
  });

  it('a page of one result (an Algolia search with 1 hit, a Twitter search with 1 status) is that result, not one envelope record', () => {
    const algolia = JSON.stringify({
      hits: [{ objectID: '13133437', title: 'Ask HN: one', story_text: 'Some <p>text</p>', created_at: '2017-01-01T00:00:00Z' }],
      nbHits: 1,
      page: 0,
      hitsPerPage: 20,
      query: 'one',
    });
    expect(findRecordsPath(algolia, () => false)).toEqual(['hits']);
    const twitter = JSON.stringify({
      statuses: [
        { id_str: '1', full_text: 'C++, Java, Python &amp; Ruby', created_at: 'Thu Dec 10 20:53:00 +0000 2015', user: { screen_name: 'a', name: 'A' } },
      ],
      search_metadata: { count: 1, max_id_str: '1' },
    });
    expect(findRecordsPath(twitter, () => false)).toEqual(['statuses']);
    // A record with a one-element list under a page's name, but no page's counts, stays one record (a note's one child).
    expect(findRecordsPath(JSON.stringify({ title: 'T', date: '2024-01-01', children: [{ string: 'a block of text' }] }), () => false)).toBeUndefined();
    // A record that holds one item of a list of its own stays one record (a note's one attachment, a post's one tag).
    expect(findRecordsPath(JSON.stringify({ title: 'T', tags: [{ name: 'a' }], meta: { x: 1 } }), () => false)).toBeUndefined();
  });

  it('a chat export with a short list before its messages (Messenger: participants, then messages) reads the messages', () => {
    const chat = JSON.stringify(
      {
        participants: [{ name: 'Alice' }, { name: 'Bob' }],
        messages: [
          { sender_name: 'Alice', timestamp_ms: 1415147732056, content: 'Hello' },
          { sender_name: 'Bob', timestamp_ms: 1415147681489, content: 'Whats up!' },
          { sender_name: 'Bob', timestamp_ms: 1415147681490, content: 'Anyone there?' },
        ],
        title: 'Alice and Bob',
        thread_path: 'inbox/AliceandBob_abc',
      },
      null,
      4,
    );
    expect(findRecordsPath(`\ufeff${chat}`, () => false)).toEqual(['messages']);
  });

  it('parses dot paths and JSON Pointers', () => {
    expect(parseRootPath('data.items')).toEqual(['data', 'items']);
    expect(parseRootPath('/data/items')).toEqual(['data', 'items']);
    expect(parseRootPath('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(parseRootPath('$')).toEqual([]);
    expect(() => parseRootPath('data..items')).toThrow(/not a path/);
  });
});
