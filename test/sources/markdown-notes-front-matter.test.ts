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

  it('an empty TOML front matter is taken out too', async () => {
    const dir = tempDir();
    writeFile(dir, 'empty.md', '+++\n+++\nEmpty TOML.\n');
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    expect(contextsOf(store)[0]!.content).toBe('Empty TOML.\n');
  });
});

describe('markdown-notes: front matter fixtures', () => {
  it('fixtures are what SOURCES.md says', () => {
    expect(fs.readFileSync(path.join(REAL, 'SOURCES.md'), 'utf8')).toContain('gohugoio/hugoBasicExample');
  });
});
