/**
 * The bookmarks preset on real Netscape bookmark files (test/fixtures/real/bookmarks, from Shaarli's import
 * tests), through the real CLI: before it, these files failed as "Invalid XML … a second root element <H1>".
 * Written files cover Pinboard's and browsers' variants (comma tags, TOREAD, an inline favicon, entities).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir, writeFile } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const BOOKMARKS = path.resolve(__dirname, '../fixtures/real/bookmarks');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function open(db: string): { contexts: Context[]; sessions: Session[] } {
  const store = Store.open(db);
  opened.push(store);
  return { contexts: store.contexts.list({}, 1000, 0) as Context[], sessions: store.sessions.list({}, 100, 0) as Session[] };
}
const byTitle = (contexts: Context[], title: string) => contexts.find((c) => c.title === title)!;

describe('bookmarks: real Netscape bookmark files', () => {
  it('nested folders become sessions (their path), links at every level with their tags and descriptions', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(BOOKMARKS, 'netscape_nested.htm')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Bookmarks (Netscape HTML) — 8 bookmarks, 3 folders');
    const { contexts, sessions } = open(db);
    expect(contexts).toHaveLength(8);
    expect(sessions.map((s) => s.name).sort()).toEqual(['Folder1', 'Folder2', 'Folder3/Folder3-1']);
    expect(byTitle(contexts, 'Nested 1')).toMatchObject({
      type: 'bookmark',
      tags: ['tag1', 'tag2'],
      sessionId: null,
      createdAt: '2016-02-25T20:55:41.000Z',
      content: 'http://nest.ed/1',
    });
    const deep = byTitle(contexts, 'Nested 3-1');
    expect(deep.sessionId).toBe(sessions.find((s) => s.name === 'Folder3/Folder3-1')!.id);
    expect(deep.metadata).toMatchObject({ url: 'http://nest.ed/3-1', folder: 'Folder3/Folder3-1', source: 'bookmarks', private: false });
    // The folder's own description is not a link's; a link's <DD> is.
    expect(byTitle(contexts, 'Nested 2-1')).toMatchObject({ content: 'http://nest.ed/2-1\n\nFirst link of the second section', metadata: { private: true } });
    expect(byTitle(contexts, 'Nested 1-1').content).toBe('http://nest.ed/1-1');
  });

  it("Shaarli's export: blank-separated tags, an Apache-log date, PRIVATE; Internet Explorer's: a BOM and LAST_VISIT", () => {
    const db = path.join(tempDir(), 'store.db');
    expect(cli(['import', path.join(BOOKMARKS, 'netscape_basic.htm')], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    expect(cli(['import', path.join(BOOKMARKS, 'internet_explorer_encoding.htm')], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const { contexts } = open(db);
    expect(byTitle(contexts, 'Secret stuff')).toMatchObject({
      tags: ['private', 'secret'],
      createdAt: '2000-10-10T10:55:36.000Z',
      content: "https://private.tld\n\nSuper-secret stuff you're not supposed to know about",
      metadata: { private: true },
    });
    expect(byTitle(contexts, 'Public stuff').tags).toEqual(['public', 'hello', 'world']);
    expect(byTitle(contexts, 'Hg Init a Mercurial tutorial by Joel Spolsky')).toMatchObject({
      createdAt: '2016-06-18T17:39:44.000Z',
      updatedAt: '2016-06-18T17:39:44.000Z',
      metadata: { url: 'http://hginit.com/', last_visit: '1466271584' },
    });
  });

  it('a second import of a later export (another file name) finds the same bookmarks and folders', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    expect(cli(['import', path.join(BOOKMARKS, 'netscape_nested.htm')], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const later = writeFile(dir, 'bookmarks_2026_12_04.html', fs.readFileSync(path.join(BOOKMARKS, 'netscape_nested.htm')));
    const again = cli(['import', later, '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number }>().insertedRecords).toBe(0);
    expect(open(db).sessions).toHaveLength(3);
  });
});

describe('bookmarks: the variants other tools write', () => {
  const PINBOARD = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Pinboard Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
<DT><A HREF="https://example.org/a?x=1&amp;y=2" ADD_DATE="1672653600" PRIVATE="0" TOREAD="1" TAGS="reading,web dev">Caf&eacute; &amp; Co &#8212; a guide</A>
<DD>Line one<br>line two &lt;b&gt;
<DT><H3 ADD_DATE="1672653600">Bookmarks bar</H3>
<DL><p>
<DT><A HREF="https://example.org/b" ICON="data:image/png;base64,iVBORw0KGgo=" ICON_URI="https://example.org/favicon.ico" LAST_MODIFIED="1672740000">B</A>
<DT><A HREF="https://example.org/a?x=1&amp;y=2" ADD_DATE="1672653601">Same link, other folder</A>
</DL><p>
</DL><p>
`;

  it('comma tags, TOREAD, entities in titles and addresses, markup in descriptions; the inline favicon left out, its address kept', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const run = cli(['import', writeFile(dir, 'pinboard.html', PINBOARD)], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const { contexts } = open(db);
    expect(contexts).toHaveLength(3);
    const a = contexts.find((c) => c.title.startsWith('Caf'))!;
    expect(a).toMatchObject({
      title: 'Café & Co — a guide',
      tags: ['reading', 'web dev'],
      content: 'https://example.org/a?x=1&y=2\n\nLine one line two <b>',
      metadata: { url: 'https://example.org/a?x=1&y=2', toRead: true },
    });
    const b = byTitle(contexts, 'B');
    expect(b.metadata).toMatchObject({ icon_uri: 'https://example.org/favicon.ico', folder: 'Bookmarks bar' });
    expect(b.metadata!.icon).toBeUndefined();
    // No ADD_DATE: its LAST_MODIFIED, and a warning says so.
    expect(b.createdAt).toBe('2023-01-03T10:00:00.000Z');
    expect(run.stdout).toMatch(/line 10: no ADD_DATE; used its LAST_MODIFIED/);
    // The same address in two folders is two bookmarks.
    expect(contexts.filter((c) => c.metadata!.url === 'https://example.org/a?x=1&y=2')).toHaveLength(2);
  });

  it('folders=tag puts the folder path among the tags instead of making sessions', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    expect(cli(['import', writeFile(dir, 'pinboard.html', PINBOARD), '--source-option', 'folders=tag'], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const { contexts, sessions } = open(db);
    expect(sessions).toHaveLength(0);
    expect(byTitle(contexts, 'B').tags).toEqual(['Bookmarks bar']);
  });
});

describe("bookmarks: what a browser's export holds besides links", () => {
  it("a bookmarklet is kept as one (its script the address); Firefox's smart folders (place:) are skipped and counted", () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const file = writeFile(
      dir,
      'firefox.html',
      `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="place:sort=8&amp;maxResults=10">Most Visited</A>\n<DT><A HREF="javascript:void(document.body.style.zoom=2)" ADD_DATE="1672653600">Zoom</A>\n<DT><A HREF="https://a.example" ADD_DATE="1672653600">A</A>\n</DL>`,
    );
    const run = cli(['import', file], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 bookmarks, 1 smart folder skipped');
    const { contexts } = open(db);
    expect(contexts.map((c) => [c.title, c.type]).sort()).toEqual([
      ['A', 'bookmark'],
      ['Zoom', 'bookmarklet'],
    ]);
  });
});

describe('bookmarks: the tokenizer', () => {
  it('a < that opens no tag is text; comments and the doctype are no elements; markup in a title is a space', async () => {
    const { parseBookmarkFile } = await import('../../electron/engine/sources/bookmarks/parse.ts');
    const parsed = parseBookmarkFile(
      `${'<'.repeat(50_000)}<!-- a <note> -->\n<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="https://a.example">1 < 2<br>is <b>true</b></A>\n<DD>x < y\n</DL>`,
    );
    expect(parsed.map((b) => [b.href, b.title, b.description, b.line])).toEqual([['https://a.example', '1 < 2 is true', 'x < y', 4]]);
  });
});
