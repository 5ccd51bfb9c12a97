/**
 * Foreign XML the app did not write: attributes of a record's child elements are kept (never dropped in
 * silence), and feeds are read as their items: RSS `rss/channel/item`, Atom `feed/entry`, other documents
 * by their repeated child elements, or where `--root` says. Real feeds: test/fixtures/real/feeds/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingSuggestion } from '../../shared/contract.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import { readWith } from './read-helpers.ts';

const FEEDS = path.resolve(import.meta.dirname, '../fixtures/real/feeds');
const rss = fs.readFileSync(path.join(FEEDS, 'rss.xml'));
const atom = fs.readFileSync(path.join(FEEDS, 'atom.xml'));
const BIN = path.resolve(import.meta.dirname, '../../bin/context-store.mjs');

/** The records' values, and where the reader said it found them. */
async function read(input: string | Buffer, root?: string) {
  const roots: [string, boolean][] = [];
  const records = await readWith('xml', input, { root, onRoot: (p, detected) => roots.push([p, detected]) });
  for (const r of records) expect(r.error, r.error?.message).toBeUndefined();
  return { values: records.map((r) => r.value as Record<string, unknown>), roots };
}

describe('XML attributes of child elements', () => {
  it('are fields of the element, beside its text as #text (the record element keeps its attributes as fields too)', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<data><item><id>a1</id><title>T</title><content>C</content><createdAt>2024-01-01T00:00:00Z</createdAt>' +
      '<link href="http://example.com/x"/><category term="star">label</category></item></data>';
    const { values } = await read(xml);
    expect(values).toEqual([
      {
        id: 'a1',
        title: 'T',
        content: 'C',
        createdAt: '2024-01-01T00:00:00Z',
        link: { href: 'http://example.com/x' },
        category: { '#text': 'label', term: 'star' },
      },
    ]);
  });

  it('deeper down, on elements with children, with entities; the writer’s own type/esc/key still mean what they meant', async () => {
    const xml =
      '<data><item><id>a</id><metadata>' +
      '<author uri="http://a.example/?x=1&amp;y=2"><name>A</name></author>' +
      '<n type="number">3</n><summary type="html">&lt;b&gt;hi&lt;/b&gt;</summary>' +
      '<price type="number" currency="EUR">4</price><empty note="x"/>' +
      '<entry key="my key" lang="en">v</entry>' +
      '</metadata><metadata2 type="object"/></item></data>';
    const { values } = await read(xml);
    expect(values[0]).toEqual({
      id: 'a',
      metadata: {
        author: { uri: 'http://a.example/?x=1&y=2', name: 'A' },
        n: 3,
        summary: { '#text': '<b>hi</b>', type: 'html' },
        price: { '#text': 4, currency: 'EUR' },
        empty: { note: 'x' },
        'my key': { '#text': 'v', lang: 'en' },
      },
      metadata2: {},
    });
  });

  it('an attribute and a child element of the same name both stay: the child has the name, the attribute @name', async () => {
    const { values } = await read('<data><item id="1"><id>2</id><link rel="x"><rel>y</rel></link></item></data>');
    expect(values[0]).toEqual({ id: '2', '@id': '1', link: { rel: 'y', '@rel': 'x' } });
  });

  it('an empty metadata element with attributes keeps them', async () => {
    const { values } = await read('<data><item><id>1</id><metadata source="feed"/></item></data>');
    expect(values[0]).toEqual({ id: '1', metadata: { source: 'feed' } });
  });
});

describe('XML text mixed with elements (foreign documents: XHTML-like content)', () => {
  it('an element holding text and elements is its markup, as written: no word of the text is lost', async () => {
    const xml =
      '<data><item><id>1</id><content>Hello <b>world</b> &amp; <i class="x">more</i><br/>!</content>' + '<summary>plain &lt;b&gt;</summary></item></data>';
    const { values } = await read(xml);
    expect(values[0]).toEqual({ id: '1', content: 'Hello <b>world</b> &amp; <i class="x">more</i><br/>!', summary: 'plain <b>' });
  });

  it('deeper down, with CDATA and attributes beside it; white space alone between elements still makes an object', async () => {
    const xml =
      '<data><item><id>1</id><metadata><note lang=\'en\'>see <a href="u?a=1&amp;b=2">this</a> <![CDATA[<raw>]]></note>' +
      '<author>\n  <name>A</name>\n</author></metadata></item></data>';
    const { values } = await read(xml);
    expect(values[0]).toEqual({
      id: '1',
      metadata: { note: { '#text': 'see <a href="u?a=1&amp;b=2">this</a> <![CDATA[<raw>]]>', lang: 'en' }, author: { name: 'A' } },
    });
  });

  it('Atom content of type xhtml is the markup inside its div (RFC 4287 4.1.3.3), not an object of its elements', async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="xhtml">\n  <div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p><p>two</p></div>\n</content></entry>' +
      '<entry><id>2</id><summary type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">only text</xhtml:div></summary></entry></feed>';
    const { values } = await read(xml);
    expect(values).toEqual([
      { id: '1', content: { '#text': '<p>Hi <b>there</b></p><p>two</p>', type: 'xhtml' } },
      { id: '2', summary: { '#text': 'only text', type: 'xhtml' } },
    ]);
  });

  it('text of the record element itself, beside its fields, is kept as #text', async () => {
    const { values } = await read('<data><item><id>1</id>a loose note <b>bold</b></item><item><id>2</id></item></data>');
    expect(values).toEqual([{ id: '1', b: 'bold', '#text': 'a loose note' }, { id: '2' }]);
  });
});

describe('feeds: the records are the items', () => {
  it('RSS 2.0: rss/channel/item, found in the document and said so', async () => {
    const { values, roots } = await read(rss);
    expect(roots).toEqual([['rss.channel.item', true]]);
    expect(values).toHaveLength(1);
    expect(values[0]).toEqual({
      title: 'Star City',
      author: 'writer@example.com (Writer)',
      link: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp',
      description: 'hello world',
      pubDate: 'Tue, 03 Jun 2003 09:39:21 GMT',
      guid: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      category: 'star',
    });
  });

  it('Atom: feed/entry, five entries (not the feed’s title, links, author…), hrefs and terms kept', async () => {
    const { values, roots } = await read(atom);
    expect(roots).toEqual([['feed.entry', true]]);
    expect(values).toHaveLength(5);
    expect(values.map((v) => v.title)).toEqual(['Star City', 'The Engine That Does More', undefined, "Astronauts' Dirty Laundry", '静夜思']);
    expect(values.map((v) => v.published)).toEqual([
      'Tue, 03 Jun 2003 09:39:21 GMT',
      'Tue, 27 May 2003 08:37:32 GMT',
      'Fri, 30 May 2003 11:06:42 GMT',
      'Tue, 20 May 2003 08:56:02 GMT',
      'Tue, 21 May 2003 08:56:02 GMT',
    ]);
    expect(values[0]).toMatchObject({
      link: { href: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp' },
      id: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      category: { term: 'star' },
      summary: { type: 'html', '#text': expect.stringContaining('<a href="http://howe.iki.rssi.ru/GCTC/gctc_e.htm">Star City</a>') },
    });
    expect(values[4]!.link).toEqual({ href: 'https://zh.wikipedia.org/zh-cn/%E9%9D%9C%E5%A4%9C%E6%80%9D' });
  });

  it('--root names the record elements: with or without the root element, dotted or as a path; said as given', async () => {
    for (const root of ['channel.item', 'rss.channel.item', '/rss/channel/item']) {
      const { values, roots } = await read(rss, root);
      expect(
        values.map((v) => v.title),
        root,
      ).toEqual(['Star City']);
      expect(roots, root).toEqual([['rss.channel.item', false]]);
    }
    for (const root of ['feed.entry', 'entry', '/feed/entry']) expect((await read(atom, root)).values, root).toHaveLength(5);
    // The old reading is still there for whoever wants it: the root's children.
    const top = await read(atom, '/');
    expect(top.values).toHaveLength(13);
  });

  it('a --root that matches nothing is an error that names it, never an empty import', async () => {
    await expect(readWith('xml', rss, { root: 'channel.entry' })).rejects.toMatchObject({
      code: 'PARSE_ERROR',
      message: expect.stringMatching(/no element at "channel\.entry"/),
    });
  });

  it('OPML outlines: the records are body/outline and the outlines inside them (test/formats/xml-opml-outlines.test.ts)', async () => {
    // The shape of bboc/todoist-converter's test-data/unicode-opml.opml (written here, not copied).
    const opml =
      "<?xml version='1.0' encoding='UTF-8'?>\n<opml version=\"1.0\">\n\t<head>\n\t\t<title>outline</title>\n\t\t<expansionState>0,1</expansionState>\n\t</head>\n\t<body>\n" +
      '\t\t<outline _note="a note, with “quotes”" text="first 😎">\n\t\t\t<outline _note="⇱" text="child" />\n\t\t</outline>\n' +
      '\t\t<outline text="second &quot;one&quot;" />\n\t</body>\n</opml>\n';
    const { values, roots } = await read(opml);
    expect(roots).toEqual([['opml.body.outline', true]]);
    // The parent says more than its name (a note), so it is a record as well as the child's folder.
    expect(values).toEqual([{ _note: 'a note, with “quotes”', text: 'first 😎' }, { _note: '⇱', text: 'child', folder: 'first 😎' }, { text: 'second "one"' }]);
  });

  it('other foreign documents: the repeated child elements among the root’s fields are the records', async () => {
    const xml = '<export><version>2</version><exported>2024-01-01</exported><note><id>a</id></note><note><id>b</id></note></export>';
    const { values, roots } = await read(xml);
    expect(roots).toEqual([['export.note', true]]);
    expect(values).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('the app’s own shapes and the old foreign ones are read as before, with nothing said about a root', async () => {
    for (const xml of [
      '<data><item><id>a</id></item><item><id>b</id></item></data>',
      '<data><item><id>a</id><tags>x</tags><tags>y</tags><metadata><k>1</k><k>2</k></metadata></item></data>',
      '<data><contexts><item><id>a</id></item></contexts><sessions/><templates/></data>',
      '<contexts><context><id>a</id></context><context><id>b</id></context></contexts>',
      '<rows><row id="r1"/><row id="r2"/></rows>',
    ]) {
      const { roots } = await read(xml);
      expect(roots, xml).toEqual([]);
    }
  });

  it('imports the Atom feed with the suggested mapping: titles, dates, ids and links land in the store', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'atom.xml', atom);
    const r = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'cli.db'), 'suggest-mapping', file, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title', id: 'id', published: 'createdAt', 'summary.#text': 'content' });
    // `type="html"` says what the summary is; it is not the context's type.
    expect(s.mapping.fieldMappings['summary.type']).toBeUndefined();
    expect(s.fields.find((f) => f.source === 'link.href')).toMatchObject({ target: null });
    const store = tempStore(dir);
    const result = await runImport(store, [file], importOptions({ mapping: s.mapping, errorHandling: 'lenient' }));
    expect(result.inputs[0]!.root).toBe('feed.entry');
    expect(result.warnings).toContain('atom.xml: records at `feed.entry` (found in the document): 5');
    const first = store.contexts.get('http://liftoff.msfc.nasa.gov/2003/06/03.html#item573')!;
    expect(first).toMatchObject({ title: 'Star City', createdAt: '2003-06-03T09:39:21.000Z' });
    expect(first.content).toContain('Star City</a>');
    expect(first.metadata).toMatchObject({ link: { href: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp' } });
    // The entry with no <title> (RSS allows it; this feed's third) is titled by its summary's first line of text.
    expect(result.failedRecords).toBe(0);
    expect(store.contexts.get('http://liftoff.msfc.nasa.gov/2003/05/30.html#item572')!.title).toBe(
      'Sky watchers in Europe, Asia, and parts of Alaska and Canada will experience a…',
    );
    expect(s.fields.find((f) => f.source === 'title')!.why).toMatch(/first line/);
  });

  it('suggests a mapping for the RSS feed: title, description as content, pubDate as the creation date, guid as id', { timeout: 60_000 }, () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'cli.db'), 'suggest-mapping', path.join(FEEDS, 'rss.xml'), '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as MappingSuggestion;
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title', description: 'content', pubDate: 'createdAt', guid: 'id' });
    expect(s.fields.find((f) => f.source === 'pubDate')).toMatchObject({ reason: 'alias', autoAccept: true });
  });
});
