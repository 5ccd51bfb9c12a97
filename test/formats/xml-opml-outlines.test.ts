/**
 * OPML subscription lists keep most feeds in folder outlines (`<outline text="Tech"><outline xmlUrl=…/></outline>`):
 * every feed outline, at any depth, is a record with its folder path in `folder`; a folder (an outline holding
 * outlines, with nothing but its name) is not a record. Real file: test/fixtures/real/opml/sample_win1251.xml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import { readWith } from './read-helpers.ts';

const WIN1251 = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/real/opml/sample_win1251.xml'));

const NESTED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>subs</title></head><body>\n' +
  '<outline text="Tech"><outline type="rss" text="Feed A" xmlUrl="https://a.example/feed"/>\n' +
  '<outline text="Rust" title="Rust"><outline type="rss" text="Feed B" xmlUrl="https://b.example/feed"/></outline></outline>\n' +
  '<outline type="rss" text="Feed C" xmlUrl="https://c.example/feed"/>\n</body></opml>\n';

async function read(input: string | Buffer, root?: string) {
  const roots: string[] = [];
  const warnings: string[] = [];
  const records = await readWith('xml', input, { root, onRoot: (p) => roots.push(p), onWarning: (m) => warnings.push(m) });
  for (const r of records) expect(r.error, r.error?.message).toBeUndefined();
  return { values: records.map((r) => r.value as Record<string, unknown>), lines: records.map((r) => r.line), roots, warnings };
}

describe('OPML outlines in folders', () => {
  it('every feed at any depth is a record with its folder path; folders are not records, and the count is said', async () => {
    const { values, lines, roots, warnings } = await read(NESTED);
    expect(roots).toEqual(['opml.body.outline']);
    expect(values).toEqual([
      { type: 'rss', text: 'Feed A', xmlUrl: 'https://a.example/feed', folder: 'Tech' },
      { type: 'rss', text: 'Feed B', xmlUrl: 'https://b.example/feed', folder: 'Tech/Rust' },
      { type: 'rss', text: 'Feed C', xmlUrl: 'https://c.example/feed' },
    ]);
    expect(lines).toEqual([3, 4, 5]);
    expect(warnings).toEqual(['2 outlines inside folder outlines are records too, their folder path in `folder` (Tech, Tech/Rust).']);
  });

  it('an outline with children that says more than its name (a note, a feed URL) is a record as well as a folder', async () => {
    const opml =
      '<opml version="1.0"><head/><body><outline text="first" _note="a note"><outline text="child"/></outline>' +
      '<outline text="site" xmlUrl="https://s.example/rss"><outline text="sub" xmlUrl="https://s.example/sub"/></outline><outline text="empty folder"></outline></body></opml>';
    const { values } = await read(opml);
    expect(values).toEqual([
      { text: 'first', _note: 'a note' },
      { text: 'child', folder: 'first' },
      { text: 'site', xmlUrl: 'https://s.example/rss' },
      { text: 'sub', xmlUrl: 'https://s.example/sub', folder: 'site' },
      { text: 'empty folder' },
    ]);
  });

  it('an explicit --root deeper down still reads just those elements, as written', async () => {
    const { values } = await read(NESTED, 'opml.body.outline.outline');
    expect(values.map((v) => v.text)).toEqual(['Feed A', 'Rust']);
  });

  it('the real windows-1251 list: both feeds, the nested one with its folder', async () => {
    const dir = tempDir();
    const result = await runImport(tempStore(dir), [writeFile(dir, 'subs.xml', WIN1251)], importOptions({ dryRun: true, errorHandling: 'lenient' }));
    expect(result.warnings).toContain('subs.xml: records at `opml.body.outline` (found in the document): 2');
    const { values } = await read(WIN1251);
    expect(values).toEqual([
      { type: 'rss', text: 'пример2', description: 'пример2', xmlUrl: 'https://foo.com/feed.xml', htmlUrl: 'https://foo.com/', folder: 'папка' },
      { type: 'rss', text: 'пример1', description: 'пример1', xmlUrl: 'https://baz.com/feed.xml', htmlUrl: 'https://baz.com/' },
    ]);
  });
});
