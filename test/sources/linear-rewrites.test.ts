/**
 * The source presets' patterns rewritten to be linear (issue 13): what they read is what the old regexes read, and
 * the inputs that made the old ones quadratic (found by recheck) now finish with the expected answer.
 */
import { describe, expect, it } from 'vitest';
import { enmlToMarkdown } from '../../electron/engine/sources/evernote/enml.ts';
import { inlineTags, referencedFiles } from '../../electron/engine/sources/markdown-notes/index.ts';
import { notionDate, parsePage } from '../../electron/engine/sources/notion/index.ts';

describe('markdown notes', () => {
  it('a link target is no tag; a tag after a link is', () => {
    expect(inlineTags('see [x](http://a.b/#nottag) and #real')).toEqual(['real']);
    expect(inlineTags('[a](b) [c](d#e) #t1 ](no close #t2')).toEqual(['t1', 't2']);
  });

  it('wiki links and Markdown links are the files referenced; a label with `[` is no link', () => {
    expect(referencedFiles('![[a.png]] [[b.pdf|label]] [[c#head]] ![x](d%20e.png "t") [y](<f.pdf>) [[g [1]]]')).toEqual([
      'a.png',
      'b.pdf',
      'c',
      'd e.png',
      'f.pdf',
    ]);
    expect(referencedFiles('[![badge](badge.png)](https://x.y)')).toEqual(['badge.png']);
  });

  it("the old regexes' attack strings give the plain answer", () => {
    expect(inlineTags(']('.repeat(50_000))).toEqual([]);
    expect(referencedFiles('[[\u0000|'.repeat(30_000))).toEqual([]);
    expect(referencedFiles(`${'['.repeat(50_000)}][](<)`)).toEqual(['<']); // as the old regex read it
  });
});

describe('notion', () => {
  it('dates: month name, time, AM/PM, zone, range start', () => {
    expect(notionDate('@December 1, 2024')).toBe('2024-12-01T00:00:00.000Z');
    expect(notionDate('December 1, 2024 10:00 PM')).toBe('2024-12-01T22:00:00.000Z');
    expect(notionDate('December 1, 2024 10:00PM (UTC)')).toBe('2024-12-01T22:00:00.000Z');
    expect(notionDate('December 1, 2024 10:00 CET')).toBe('2024-12-01T10:00:00.000Z');
    expect(notionDate('December 1, 2024 → December 3, 2024')).toBe('2024-12-01T00:00:00.000Z');
    expect(notionDate(`M\t0,0000\t0:00${'\t'.repeat(50_000)}:`)).toBeUndefined();
  });

  it('a page heading is `# Title` with trailing blanks cut', () => {
    expect(parsePage('# Title  \n\nTags: a\n\nbody').title).toBe('Title');
    expect(parsePage(`# #${' '.repeat(50_000)}\n#`).title).toBe('#');
    expect(parsePage('no heading').title).toBeUndefined();
  });
});

describe('evernote', () => {
  it('en-todo and en-media become Markdown; a stray `<en-todo` without `>` stays text', async () => {
    const media = new Map([['ab12', { name: 'pic one.png', mimeType: 'image/png' }]]);
    const md = await enmlToMarkdown(
      '<en-note><div><en-todo checked="true"/>done</div><div><en-todo/>open</div><en-media hash="AB12" type="image/png"/></en-note>',
      media,
    );
    expect(md).toContain('[x] done');
    expect(md).toContain('[ ] open');
    expect(md).toContain('![pic one.png](pic%20one.png)');
    expect(await enmlToMarkdown(`<en-note><div>${'&lt;en-todo/N'.repeat(5_000)}</div></en-note>`, new Map())).toContain('<en-todo/N');
  });
});
