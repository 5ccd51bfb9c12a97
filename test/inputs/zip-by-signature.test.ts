/**
 * A ZIP archive is known by its bytes (`PK\x03\x04`), not its name: Bear's `.bear2bk` and TextBundle's
 * `.textpack` are zips under their own extension, and read as the zip they are. Real Bear backup:
 * obsidianmd/obsidian-importer (test/fixtures/real/SOURCES.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { expandInput } from '../../electron/engine/inputs/expand.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

const BEAR = path.resolve(__dirname, '../fixtures/real/bear/tags.bear2bk');

function zipWith(file: string, entries: Record<string, string>): string {
  const script = `import zipfile,json,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor k,v in json.loads(sys.stdin.read()).items(): z.writestr(k,v)\nz.close()`;
  execFileSync('python3', ['-c', script, file], { input: JSON.stringify(entries) });
  return file;
}

describe('a zip under another extension', () => {
  it('a real Bear .bear2bk imports its notes, as the same file named .zip does', async () => {
    const store = tempStore();
    const result = await runImport(store, [BEAR], importOptions());
    expect(result.status).toBe('completed');
    expect(result.inputs[0]!.source).toMatchObject({ id: 'markdown-notes', counts: { notes: 2 } });
    const titles = (store.contexts.list({}, 100, 0) as { title: string }[]).map((c) => c.title).sort();
    expect(titles).toEqual(['Tag forms Bear writes', 'Tags in other scripts']);
    // Each bundle's info.json is read now (test/sources/textbundle.test.ts); Bear's tags.json beside them is not, and said.
    const notRead = result.warnings.find((w) => w.startsWith(`${BEAR}: not Markdown notes or files they link to`));
    expect(notRead).toContain('tags.json');
    expect(notRead).not.toContain('info.json');

    const renamed = path.join(tempDir(), 'tags.zip');
    fs.copyFileSync(BEAR, renamed);
    const asZip = await runImport(tempStore(), [renamed], importOptions({ dryRun: true }));
    expect(asZip.totalRecords).toBe(result.totalRecords);
  });

  it('any name, no extension at all: the signature decides', async () => {
    const dir = tempDir();
    const ctx = { id: 'z1', title: 'In a zip', content: 'x', createdAt: '2024-01-01T00:00:00.000Z' };
    for (const name of ['export.textpack', 'backup']) {
      const file = zipWith(path.join(dir, name), { 'records.jsonl': `${JSON.stringify(ctx)}\n` });
      expect((await expandInput(file)).kind).toBe('zip');
      const result = await runImport(tempStore(), [file], importOptions({ dryRun: true }));
      expect(result).toMatchObject({ status: 'completed', totalRecords: 1 });
    }
  });

  it('a Word document (a zip of its own XML parts) is one document, not an archive of files to import', async () => {
    const file = zipWith(path.join(tempDir(), 'report.docx'), { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect((await expandInput(file)).kind).toBe('file');
    const result = await runImport(tempStore(), [file], importOptions({ dryRun: true }));
    expect(result.error).toMatchObject({ code: 'FORMAT_UNDETECTED' });
  });

  it('a file that only starts with "PK" (text) is still a file', async () => {
    const file = writeFile(tempDir(), 'pk.txt', 'PK is how this line starts\n');
    expect((await expandInput(file)).kind).toBe('file');
  });
});
