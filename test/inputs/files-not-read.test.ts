/**
 * A folder (or zip) import names the files it does not read, and why, in one warning per input: nothing is left
 * out in silence. Hidden files and OS junk (.DS_Store, Thumbs.db, desktop.ini, __MACOSX/) stay unmentioned.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

const JEKYLL_POST = '---\ntitle: A post\ndate: 2024-01-02\n---\n\nBody ![pic](pic.png)\n';
const ctx = (id: string) => ({ id, title: id, content: 'x', createdAt: '2024-01-01T00:00:00.000Z' });

function notesFolder(): string {
  const dir = tempDir();
  writeFile(dir, '2024-01-02-a-post.md', JEKYLL_POST);
  writeFile(dir, 'pic.png', Buffer.from('89504e470d0a1a0a', 'hex')); // linked from the note: an attachment, read
  writeFile(dir, 'report.docx', Buffer.from('not really a docx'));
  writeFile(dir, 'blob.bin', Buffer.from([0, 1, 2, 3]));
  for (const junk of ['.DS_Store', 'Thumbs.db', 'desktop.ini']) writeFile(dir, junk, 'x');
  fs.mkdirSync(path.join(dir, '__MACOSX'));
  writeFile(path.join(dir, '__MACOSX'), 'notes.md', 'resource fork');
  return dir;
}

describe('files a folder import does not read are named', () => {
  it('a folder of Markdown notes: the .docx and .bin beside them are named, with why; junk and the linked image are not', async () => {
    const dir = notesFolder();
    const store = tempStore();
    const result = await runImport(store, [dir], importOptions());
    expect(result.status).toBe('completed');
    expect(result.inputs[0]!.source!.id).toBe('markdown-notes');
    const said = result.warnings.filter((w) => w.includes('not read'));
    expect(said).toEqual([`${dir}: not a format or source this app reads, not read: blob.bin, report.docx.`]);
    expect(result.warnings.join('\n')).not.toMatch(/Thumbs\.db|desktop\.ini|DS_Store|__MACOSX/);
  });

  it('a file of a format the app reads, in a folder of notes, is named as not part of the notes', async () => {
    const dir = tempDir();
    writeFile(dir, 'a.md', JEKYLL_POST);
    writeFile(dir, 'b.md', JEKYLL_POST);
    writeFile(dir, 'data.json', JSON.stringify([ctx('d1')]));
    const result = await runImport(tempStore(), [dir], importOptions());
    expect(result.warnings).toContain(`${dir}: not Markdown notes or files they link to, not read: data.json.`);
  });

  it('many of them: the first few, then the count', async () => {
    const dir = tempDir();
    writeFile(dir, 'note.md', JEKYLL_POST);
    for (let i = 1; i <= 10; i++) writeFile(dir, `file${String(i).padStart(2, '0')}.bin`, Buffer.from([i]));
    const result = await runImport(tempStore(), [dir], importOptions());
    const said = result.warnings.find((w) => w.includes('not read'));
    expect(said).toBe(
      `${dir}: not a format or source this app reads, not read: file01.bin, file02.bin, file03.bin, file04.bin, file05.bin, file06.bin, file07.bin, file08.bin, … (10 files).`,
    );
  });

  it('a folder read by the format readers (no source) names what it skipped', async () => {
    const dir = tempDir();
    writeFile(dir, 'a.json', JSON.stringify([ctx('a1')]));
    writeFile(dir, 'blob.bin', Buffer.from([0, 1, 2, 3]));
    writeFile(dir, 'Thumbs.db', 'x');
    const result = await runImport(tempStore(), [dir], importOptions({ source: 'none' }));
    expect(result.insertedRecords).toBe(1);
    expect(result.inputs[0]!.skipped).toEqual([
      { path: 'Thumbs.db', reason: 'hidden' },
      { path: 'blob.bin', reason: 'not a format or source this app reads' },
    ]);
    expect(result.warnings).toContain(`${path.basename(dir)}: read 1 file(s), skipped 2 (1 hidden, 1 not a format or source this app reads: blob.bin).`);
  });

  it('a symbolic link in a folder of notes is said too (not followed)', async () => {
    const dir = tempDir();
    writeFile(dir, 'note.md', JEKYLL_POST);
    fs.symlinkSync(path.join(dir, 'note.md'), path.join(dir, 'link.md'));
    const result = await runImport(tempStore(), [dir], importOptions());
    expect(result.warnings).toContain(`${dir}: a symbolic link (not followed), not read: link.md.`);
  });
});
