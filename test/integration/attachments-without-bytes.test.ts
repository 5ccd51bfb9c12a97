/**
 * An export made without binary data describes a context's attachments but not their bytes. Imported into
 * another store, those attachments cannot be added: the import says so instead of dropping them silently.
 * Into the store that has them, they stay (repositories.ts afterWrite).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { context, exportOptions, importOptions, tempDir, tempStore } from '../helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/context-store.mjs');
const attachment = (name: string) => ({ name, mimeType: 'text/plain', data: Buffer.from(`bytes of ${name}`).toString('base64') });

function exportedWithout(binary: boolean) {
  const store = tempStore();
  store.contexts.insert(context('with', { type: 'files', attachments: [attachment('a.txt'), attachment('b.txt')] }));
  store.contexts.insert(context('plain'));
  return { store, exported: path.join(tempDir(), 'out.json'), binary };
}

describe('attachments that come without their bytes', () => {
  it('an import into another store warns, names the way to carry them, and still imports the records', async () => {
    const { store, exported } = exportedWithout(false);
    expect((await runExport(store, exportOptions({ format: 'json', outputPath: exported }))).status).toBe('completed');
    expect(fs.readFileSync(exported, 'utf8')).not.toContain('bytes of');
    const other = tempStore();
    const result = await runImport(other, [exported], importOptions({}));
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(2);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^record \d+: 2 attachments came without their bytes .*--include-binary/);
  });

  it('the export itself says that its attachments went out without their bytes, and how to carry them', async () => {
    const { store, exported } = exportedWithout(false);
    const result = await runExport(store, exportOptions({ format: 'csv', outputPath: exported }));
    expect(result.warnings).toEqual([expect.stringMatching(/^2 attachments \(of 1 context\) are described without their bytes.*--include-binary/)]);
    // Filters apply: exporting only the context without attachments says nothing.
    const plain = await runExport(store, exportOptions({ format: 'json', outputPath: exported, filters: { types: ['note'] } }));
    expect(plain.warnings ?? []).toEqual([]);
    const cli = spawnSync(process.execPath, [BIN, '--db', store.path, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', exported], {
      encoding: 'utf8',
    });
    expect(cli.stdout).toMatch(/warning: 2 attachments \(of 1 context\) are described without their bytes/);
  });

  it('with their bytes there is nothing to say, and they arrive', async () => {
    const { store, exported } = exportedWithout(true);
    const exportResult = await runExport(store, exportOptions({ format: 'json', outputPath: exported, includeBinaryData: true }));
    expect(exportResult.warnings ?? []).toEqual([]);
    const other = tempStore();
    const result = await runImport(other, [exported], importOptions({}));
    expect(result.warnings).toEqual([]);
    expect(other.contexts.get('with', { includeBinaryData: true })?.attachments?.map((a) => a.name)).toEqual(['a.txt', 'b.txt']);
  });

  it('the store that has them keeps them on a re-import, and the warning says so', async () => {
    const { store, exported } = exportedWithout(false);
    await runExport(store, exportOptions({ format: 'json', outputPath: exported }));
    const result = await runImport(store, [exported], importOptions({ overwriteExisting: true }));
    expect(result.warnings[0]).toMatch(/only attachments this store already holds for the record are kept/);
    expect(store.contexts.get('with', { includeBinaryData: true })?.attachments?.map((a) => a.data)).toEqual([
      attachment('a.txt').data,
      attachment('b.txt').data,
    ]);
  });
});
