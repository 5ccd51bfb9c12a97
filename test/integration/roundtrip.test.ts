/** Export then import reproduces every record exactly, for every format in the registry and every data type. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import type { Session, Template } from '../../shared/model.ts';
import { exportOptions, hostileContexts, importOptions, snapshot, tempDir, tempStore } from '../helpers.ts';

const sessions: Session[] = [
  { id: 's1', name: 'Session one', description: 'with "quotes", commas\nand lines', createdAt: '2024-01-02T00:00:00.000Z', metadata: { owner: 'me', n: 1 } },
  { id: 's2', name: '  ', description: '', createdAt: '2024-01-03T00:00:00.000Z', updatedAt: '2024-01-04T00:00:00.000Z', metadata: {} },
];
const templates: Template[] = [
  {
    id: 'tpl1',
    name: 'Legacy notes',
    description: 'maps legacy_* columns',
    version: 3,
    schema: { type: 'contexts', fields: [{ name: 'title', type: 'string', required: true, description: '' }] },
    transformation: {
      mapping: { fieldMappings: { legacy_title: 'title' }, transformations: [{ field: 'title', transformation: 'trim' }] },
      computedFields: [{ name: 'exportedAt', expression: 'now()', type: 'date' }],
    },
    createdAt: '2024-01-05T00:00:00.000Z',
  },
];

function seed() {
  const dir = tempDir();
  const store = tempStore(dir);
  store.db.transaction(() => {
    for (const c of hostileContexts()) store.contexts.insert(c);
    for (const s of sessions) store.sessions.insert(s);
    for (const t of templates) store.templates.insert(t);
  })();
  return { dir, store };
}

describe.each(FORMATS.map((c) => c.id))('round trip through %s', (format) => {
  for (const dataType of ['contexts', 'sessions', 'templates', 'all'] as const) {
    it(`keeps every ${dataType} record exactly`, async () => {
      const { dir, store } = seed();
      const before = snapshot(store);
      const file = path.join(dir, `export-${dataType}${FORMATS.find((c) => c.id === format)!.extensions[0]}`);
      const exported = await runExport(store, exportOptions({ dataType, format, outputPath: file, includeBinaryData: true }));
      expect(exported.status, JSON.stringify(exported.error)).toBe('completed');

      const target = tempStore();
      const imported = await runImport(target, [file], importOptions({ dataType: 'auto-detect', format: 'auto' }));
      expect(imported.errors).toEqual([]);
      expect(imported.status).toBe('completed');
      const after = snapshot(target);
      if (dataType === 'all') expect(after).toEqual(before);
      else expect(after[dataType]).toEqual(before[dataType]);
      expect(imported.totalRecords).toBe(exported.recordCount);
      store.close();
      target.close();
    });
  }
});

describe('attachments', () => {
  it('travel as base64 with --include-binary, and are described without it', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    store.contexts.insert({ ...hostileContexts()[0]!, attachments: [{ name: 'a.bin', mimeType: 'application/octet-stream', data: bytes.toString('base64') }] });
    const withBytes = path.join(dir, 'with.json');
    await runExport(store, exportOptions({ format: 'json', outputPath: withBytes, includeBinaryData: true }));
    const target = tempStore();
    await runImport(target, [withBytes], importOptions());
    const back = target.contexts.get('plain', { includeBinaryData: true })!;
    expect(Buffer.from(back.attachments![0]!.data!, 'base64')).toEqual(bytes);
    expect(back.attachments![0]!.size).toBe(bytes.length);

    const without = path.join(dir, 'without.json');
    await runExport(store, exportOptions({ format: 'json', outputPath: without, includeBinaryData: false }));
    const text = (await import('node:fs')).readFileSync(without, 'utf8');
    expect(text).toContain('"a.bin"');
    expect(text).not.toContain(bytes.toString('base64'));
  });
});
