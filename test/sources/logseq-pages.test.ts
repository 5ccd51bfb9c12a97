/**
 * Logseq graphs (the real-file sweep's demo graph): a page is an outline, so a heading deep inside it is a
 * sample, not the page's title; the title is the file name, with Logseq's `%3A` (and other `%XX`) decoded; a
 * journal `journals/2023_06_22.md` is dated by its name rather than by the file's modification time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import type { Context } from '../../shared/model.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

async function importDir(dir: string) {
  const store = tempStore();
  const result = await runImport(store, [dir], importOptions({ source: 'markdown-notes' }));
  expect(result.error).toBeUndefined();
  return { result, notes: store.contexts.list({}, 1000, 0) as Context[] };
}

describe('Logseq pages', () => {
  it('a heading that is not the first content line is no title: the file name is', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'Formatting Style Guide.md',
      'property-example:: property-value\nicon:: x\n\n-\n- Select a block to view how the formatting is created\n-\n# Heading 1\n\t- ## Heading 2\n',
    );
    writeFile(dir, 'top.md', '# The heading\ntext\n');
    writeFile(dir, 'after-blanks.md', '\n\n# After blanks\ntext\n');
    writeFile(dir, 'after-properties.md', 'tags:: a\n\n# After properties\n');
    writeFile(dir, 'later.md', 'intro\n# A later heading\ntext\n');
    const { notes } = await importDir(dir);
    expect(notes.map((c) => c.title).sort()).toEqual(['After blanks', 'After properties', 'Formatting Style Guide', 'The heading', 'later']);
  });

  it("Logseq's %XX in file names is decoded in titles (Working with Media Files%3A Embed …)", async () => {
    const dir = tempDir();
    writeFile(dir, 'Working with Media Files%3A Embed Audio, Photos, Videos.md', '- text\n');
    writeFile(dir, '50% off.md', '- not an escape\n');
    const { notes } = await importDir(dir);
    expect(notes.map((c) => c.title).sort()).toEqual(['50% off', 'Working with Media Files: Embed Audio, Photos, Videos']);
  });

  it('a journal named YYYY_MM_DD takes that day as its creation date, not the file time', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'journals'));
    const file = writeFile(path.join(dir, 'journals'), '2023_06_22.md', '- Logseq lets you embed media\n');
    fs.utimesSync(file, new Date('2024-01-02T03:04:05Z'), new Date('2024-01-02T03:04:05Z'));
    writeFile(path.join(dir, 'journals'), '2023_02_30.md', '- no such day\n');
    const { notes, result } = await importDir(dir);
    const journal = notes.find((c) => c.title === '2023_06_22')!;
    expect(journal.createdAt).toBe('2023-06-22T00:00:00.000Z');
    expect(result.warnings.some((w) => w.includes('2023_06_22.md'))).toBe(false);
    // A day that does not exist is no date: that one keeps the file-time rule, and says so.
    expect(notes.find((c) => c.title === '2023_02_30')!.createdAt.startsWith('2023-03')).toBe(false);
    expect(result.warnings.some((w) => w.includes('2023_02_30.md: no creation date in the note'))).toBe(true);
  });
});
