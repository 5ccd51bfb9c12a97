import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { isoDate } from '../../electron/engine/sources/shared/files.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const REAL = path.resolve(__dirname, '../fixtures/real');

function contextsOf(store: ReturnType<typeof tempStore>): Context[] {
  return store.contexts.list({}, 1000, 0) as Context[];
}
const byTitle = (list: Context[], title: string) => list.find((c) => c.title === title)!;

describe('markdown-notes: Hugo TOML front matter (gohugoio/hugoBasicExample)', () => {
  it('reads `+++` TOML front matter as YAML front matter is read: title, date, tags, the rest in metadata', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(REAL, 'hugo')], importOptions({ errorHandling: 'strict' }));
    expect(result.error).toBeUndefined();
    expect(result.inputs[0]!.source).toMatchObject({ id: 'markdown-notes' });
    expect(result.warnings).toEqual([]);
    const notes = contextsOf(store);
    expect(notes.map((n) => n.title).sort()).toEqual(['About', 'Markdown Syntax Guide', 'Math Typesetting']);

    const guide = byTitle(notes, 'Markdown Syntax Guide');
    expect(guide.createdAt).toBe('2019-03-11T00:00:00.000Z');
    expect(guide.tags).toEqual(['markdown', 'css', 'html']);
    expect(guide.metadata).toMatchObject({
      source: 'markdown-notes',
      sourceId: 'post/markdown-syntax.md',
      author: 'Hugo Authors',
      description: 'Sample article showcasing basic Markdown syntax and formatting for HTML elements.',
      categories: ['themes', 'syntax'],
      series: ['Themes Guide'],
      aliases: ['migrate-from-jekyl'],
    });
    expect(guide.metadata).not.toHaveProperty('title');
    expect(guide.metadata).not.toHaveProperty('date');
    // The TOML is not left in the content: the body starts after the closing `+++`, as after YAML's `---`.
    expect(guide.content.startsWith('\nThis article offers a sample of basic Markdown syntax')).toBe(true);
    expect(guide.content).not.toContain('+++');

    const about = byTitle(notes, 'About');
    expect(about.createdAt).toBe('2019-02-28T00:00:00.000Z');
    expect(about.metadata).toMatchObject({ aliases: ['about-us', 'about-hugo', 'contact'], author: 'Hugo Authors' });

    // The one YAML post beside them reads the same way.
    const math = byTitle(notes, 'Math Typesetting');
    expect(math.createdAt).toBe('2019-03-08T00:00:00.000Z');
    expect(math.metadata).toMatchObject({ author: 'Hugo Authors', math: true });
  });

  it('a lone Hugo post is detected as a note too', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(REAL, 'hugo', 'about.md')], importOptions());
    expect(result.inputs[0]!.source?.id).toBe('markdown-notes');
    expect(contextsOf(store)[0]!.title).toBe('About');
  });

  it('TOML dates and times, big integers: dates become the note dates, the rest stays as TOML wrote it', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'post.md',
      '+++\ntitle = "Dated"\ndate = 2019-03-11T10:00:00+02:00\nlastmod = 2019-03-12\npublishDate = 2019-03-13T08:30:00\nat = 07:15:00\nviews = 9007199254740993\n+++\nBody.\n',
    );
    const store = tempStore();
    const result = await runImport(store, [dir], importOptions());
    expect(result.warnings).toEqual([]);
    const [note] = contextsOf(store);
    expect(note).toMatchObject({ title: 'Dated', createdAt: '2019-03-11T08:00:00.000Z', updatedAt: '2019-03-12T00:00:00.000Z', content: 'Body.\n' });
    expect(note!.metadata).toMatchObject({ publishDate: '2019-03-13T08:30:00.000', at: '07:15:00.000', views: '9007199254740993' });
  });

  it('a TOML block that does not parse is a warning naming the file and line, and the block stays in the content', async () => {
    const dir = tempDir();
    const text = '+++\ntitle = "Broken"\ntags = ["a", \nauthor = \n+++\n\n# Heading\nBody.\n';
    writeFile(dir, 'broken.md', text);
    const store = tempStore();
    const result = await runImport(store, [dir], importOptions());
    const [note] = contextsOf(store);
    expect(note!.content).toBe(text);
    expect(note!.title).toBe('Heading');
    const warning = result.warnings.find((w) => /broken\.md: the front matter is not valid TOML/.test(w));
    expect(warning).toMatch(/broken\.md: the front matter is not valid TOML \(line 4: .+\); it was kept in the content\./);
  });
});

describe('markdown-notes: Jekyll posts (jekyll/jekyll test/source/_posts)', () => {
  it('an empty front matter (`---` then `---`) is taken out of the content, as a non-empty one is', async () => {
    const store = tempStore();
    await runImport(store, [path.join(REAL, 'jekyll')], importOptions());
    const empty = contextsOf(store).find((c) => c.metadata?.sourceId === '_posts/2009-06-22-empty-yaml.markdown')!;
    expect(empty.content).toBe('Empty YAML.');
    expect(empty.title).toBe('2009-06-22-empty-yaml');
  });

  it('an empty TOML front matter is taken out too', async () => {
    const dir = tempDir();
    writeFile(dir, 'empty.md', '+++\n+++\nEmpty TOML.\n');
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    expect(contextsOf(store)[0]!.content).toBe('Empty TOML.\n');
  });

  it('dates: the front matter date (Ruby style too), else the YYYY-MM-DD- of the file name, before the file time', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(REAL, 'jekyll')], importOptions());
    const bySource = new Map(contextsOf(store).map((c) => [String(c.metadata?.sourceId), c]));
    expect(bySource.get('_posts/2009-06-22-no-yaml.markdown')!.createdAt).toBe('2009-06-22T00:00:00.000Z');
    expect(bySource.get('_posts/2009-06-22-empty-yaml.markdown')!.createdAt).toBe('2009-06-22T00:00:00.000Z');
    expect(bySource.get('_posts/2014-03-03-yaml-with-dots.md')!.createdAt).toBe('2014-03-03T00:00:00.000Z');
    // The front matter wins over the file name (Jekyll's date override).
    expect(bySource.get('_posts/2010-01-09-date-override.markdown')!.createdAt).toBe('2010-01-10T00:00:00.000Z');
    const zoned = bySource.get('_posts/2010-01-09-timezone-override.markdown')!;
    expect(zoned.createdAt).toBe('2010-01-10T13:07:09.000Z');
    expect(zoned.metadata).not.toHaveProperty('date');
    expect(result.warnings.filter((w) => /not a date this reader knows|no creation date/.test(w))).toEqual([]);
    expect(result.inputs[0]!.source!.summary).toBe('Markdown notes — 5 notes, 3 notes dated from the file name, 1 folder');
  });

  it("tags as one string: Jekyll's blank-separated `tags: a b c`, commas when there are any, list items whole", async () => {
    // Jekyll's documentation: "tags can be specified as a YAML list or a space-separated string".
    const dir = tempDir();
    writeFile(dir, '2017-12-17-ruby.md', '---\ntitle: "Installing Ruby for Jekyll"\ntags: jekyll ruby ubuntu\n---\n\nText.\n');
    writeFile(dir, 'commas.md', '---\ntags: machine learning, data\nkeywords: static site generators\n---\nText.\n');
    writeFile(dir, 'list.md', '---\ntags:\n  - my tag\n  - other\n---\nText.\n');
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    const list = contextsOf(store);
    expect(byTitle(list, 'Installing Ruby for Jekyll').tags).toEqual(['jekyll', 'ruby', 'ubuntu']);
    // A keyword is a phrase: only tags split at blanks.
    expect(byTitle(list, 'commas').tags).toEqual(['machine learning', 'data', 'static site generators']);
    expect(byTitle(list, 'list').tags).toEqual(['my tag', 'other']);
  });

  it('a name that only looks like a date is not one: the file time is used, with the warning', async () => {
    const dir = tempDir();
    writeFile(dir, '2013-02-31-not-a-day.md', 'Text.\n');
    writeFile(dir, '2013-12-20.md', 'A daily note: no dash after the date, so no Jekyll post name.\n');
    const result = await runImport(tempStore(), [dir], importOptions());
    expect(result.warnings.filter((w) => /no creation date in the note; used the file's modification time/.test(w))).toHaveLength(2);
  });

  it('Ruby/Jekyll date-times: a blank before the offset, an offset with or without its colon', () => {
    expect(isoDate('2010-01-10 13:07:09 +00:00')).toBe('2010-01-10T13:07:09.000Z');
    expect(isoDate('2010-01-10 13:07:09 +0000')).toBe('2010-01-10T13:07:09.000Z');
    expect(isoDate('2010-01-10 13:07:09 -0500')).toBe('2010-01-10T18:07:09.000Z');
    expect(isoDate('2010-01-10 13:07 +01:00')).toBe('2010-01-10T12:07:00.000Z');
    expect(isoDate('2010-01-10T13:07:09+0000')).toBe('2010-01-10T13:07:09.000Z');
    expect(isoDate('2010-01-10T13:07:09 +02:00')).toBe('2010-01-10T11:07:09.000Z');
    // A day that does not exist is no date (it used to pass as "2013-02-31T00:00:00.000Z").
    expect(isoDate('2013-02-31')).toBeUndefined();
    expect(isoDate('2010-01-10 13:07:09  +00:00')).toBeUndefined();
  });
});

describe('markdown-notes: Markdown file extensions', () => {
  it('.mdown, .mkd, .mkdn, .mkdown and .mdwn notes in a folder are notes; .txt stays out', async () => {
    const dir = tempDir();
    for (const ext of ['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mkdown', 'mdwn']) writeFile(dir, `note.${ext}`, `---\ntitle: ${ext}\n---\nBody.\n`);
    writeFile(dir, 'plain.txt', 'not a note\n');
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    expect(
      contextsOf(store)
        .map((c) => c.title)
        .sort(),
    ).toEqual(['markdown', 'md', 'mdown', 'mdwn', 'mkd', 'mkdn', 'mkdown']);
  });

  it('fixtures are what SOURCES.md says', () => {
    const sources = fs.readFileSync(path.join(REAL, 'SOURCES.md'), 'utf8');
    expect(sources).toContain('gohugoio/hugoBasicExample');
    expect(sources).toContain('jekyll/jekyll');
  });
});
