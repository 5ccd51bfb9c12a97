import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { runValidate } from '../../electron/engine/pipeline/validate-file.ts';
import { expandInput } from '../../electron/engine/inputs/expand.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import { ValidateOptionsSchema } from '../../shared/options.ts';

function zipWith(dir: string, name: string, entries: Record<string, string>): string {
  const file = path.join(dir, name);
  const script = `import zipfile,json,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor k,v in json.loads(sys.stdin.read()).items(): z.writestr(k,v)\nz.close()`;
  execFileSync('python3', ['-c', script, file], { input: JSON.stringify(entries) });
  return file;
}

const ctx = (id: string) => ({ id, title: id, content: 'x', createdAt: '2024-01-01T00:00:00.000Z' });

describe('folder inputs', () => {
  it('reads every file it can, recursively, and says what it skipped and why', async () => {
    const dir = tempDir();
    writeFile(dir, 'a.json', JSON.stringify([ctx('a1'), ctx('a2')]));
    fs.mkdirSync(path.join(dir, 'sub'));
    writeFile(path.join(dir, 'sub'), 'b.jsonl', JSON.stringify(ctx('b1')) + '\n');
    writeFile(path.join(dir, 'sub'), 'picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    writeFile(dir, '.DS_Store', 'x');
    const store = tempStore();
    const result = await runImport(store, [dir], importOptions({ source: 'none' }));
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(3);
    const folder = result.inputs[0]!;
    expect(folder).toMatchObject({ format: 'folder', entriesRead: 2 });
    expect(folder.skipped).toEqual([
      { path: '.DS_Store', reason: 'hidden' },
      { path: 'sub/picture.png', reason: 'not a format or source this app reads' },
    ]);
    expect(result.warnings.some((w) => /read 2 file\(s\), skipped 2 \(1 hidden, 1 not a format or source this app reads: sub\/picture\.png\)/.test(w))).toBe(
      true,
    );
  });

  it('validating many files goes on past a bad one and names it', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good.json', JSON.stringify([ctx('g1')]));
    const bad = writeFile(dir, 'bad.json', '[{"id": "b1", "title": ');
    const worse = writeFile(dir, 'worse.csv', 'id,title\n"unclosed,x\n');
    const other = writeFile(dir, 'other.json', JSON.stringify([ctx('o1')]));
    const result = await runValidate(tempStore(), [good, bad, worse, other], ValidateOptionsSchema.parse({ source: 'none' }));
    expect(result.valid).toBe(false);
    expect(result.validRecords).toBeGreaterThanOrEqual(2);
    const files = result.errors.map((e) => e.file ?? e.error);
    expect(files.some((f) => f.includes('bad.json'))).toBe(true);
    expect(result.errors.every((e) => /bad\.json|worse\.csv/.test(e.error) || /bad\.json|worse\.csv/.test(e.file ?? ''))).toBe(true);
  });
});

describe('zip inputs', () => {
  it('a zip of exports imports like the files in it, messages name archive and entry', async () => {
    const dir = tempDir();
    const zip = zipWith(dir, 'bundle.zip', {
      'one.json': JSON.stringify([ctx('z1')]),
      'nested/two.jsonl': JSON.stringify(ctx('z2')) + '\n',
      'nested/bad.jsonl': '{"id":\n',
    });
    const result = await runImport(tempStore(), [zip], importOptions({ source: 'none', errorHandling: 'lenient' }));
    expect(result.insertedRecords).toBe(2);
    expect(result.inputs[0]).toMatchObject({ format: 'zip', entriesRead: 3 });
    expect(result.errors[0]!.file).toBe('bundle.zip › nested/bad.jsonl');
    expect(result.errors[0]!.error).toContain('bundle.zip › nested/bad.jsonl');
  });

  it('an archive with a .. or absolute entry name is refused whole, naming the entry; nothing is written', async () => {
    const dir = tempDir();
    const zip = zipWith(dir, 'evil.zip', { 'ok.json': JSON.stringify([ctx('ok')]), '../escape.json': JSON.stringify([ctx('e1')]) });
    await expect(expandInput(zip)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('../escape.json') });
    const store = tempStore();
    const result = await runImport(store, [zip], importOptions());
    expect(result.status).toBe('failed');
    expect(store.contexts.get('ok')).toBeUndefined();
    expect(fs.existsSync(path.join(dir, '..', 'escape.json'))).toBe(false);
  });

  it('a zip that expands past the decompression limit is refused (LIMIT_EXCEEDED)', async () => {
    const dir = tempDir();
    const zip = zipWith(dir, 'bomb.zip', { 'big.json': '[' + ' '.repeat(2_000_000) + ']' });
    const result = await runImport(tempStore(), [zip], importOptions({ decompressionLimits: { maxBytes: 1_000_000 } }));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});
