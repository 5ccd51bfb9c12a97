/**
 * Issue 19: exporting through a template selects and renames the output fields, in every format and in the
 * preview. The template is the seed's "Standard Context Export" as the seed writes it: a bare mapping object
 * (`{ "id": "id", ... }`, no `fieldMappings`) plus a computed `exportedAt`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { XMLParser } from 'fast-xml-parser';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateInput } from '../../shared/contract.ts';
import { FORMAT_IDS, type FormatId } from '../../shared/options.ts';
import { FIXTURES, openTestStore, readJson, type TestStore } from './helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = openTestStore();
  const records = [
    {
      id: 'ctx-1',
      title: 'Sprint planning',
      content: '# Sprint 14\n\n- ship it',
      type: 'meeting',
      tags: ['work', 'planning'],
      sessionId: 'sess-1',
      createdAt: '2024-06-03T09:00:00.000Z',
      metadata: { importance: 'high' },
    },
    {
      id: 'ctx-2',
      title: 'Reading list',
      content: 'Books',
      type: 'note',
      tags: ['personal'],
      sessionId: null,
      createdAt: '2024-06-04T18:30:00.000Z',
      metadata: { importance: 'low' },
    },
  ];
  const result = await t.call('importData', { files: [t.file('seed.json', JSON.stringify(records))], options: { dataType: 'contexts' } });
  expect(result.status).toBe('completed');
});
afterEach(async () => {
  await t.close();
});

const standardTemplate = () => readJson<TemplateInput>(path.join(FIXTURES, 'standard-context-export.template.json'));

/** The records of an exported text, read back per format with a plain parser (not the app's own readers). */
function recordsOf(format: FormatId, text: string): Record<string, unknown>[] {
  switch (format) {
    case 'json':
      return JSON.parse(text);
    case 'jsonl':
      return text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    case 'csv':
      return Papa.parse<Record<string, unknown>>(text.trim(), { header: true }).data;
    case 'xml': {
      const doc = new XMLParser({ isArray: (name) => name === 'item' }).parse(text) as { data: { item: Record<string, unknown>[] } };
      return doc.data.item;
    }
    case 'yaml':
      return YAML.parse(text);
    case 'markdown':
      // One "## Item n" section per record, one `**field:**` line or block per field.
      return text
        .split(/^## /m)
        .slice(1)
        .map((section) => Object.fromEntries([...section.matchAll(/^\*\*([^*]+):\*\*/gm)].map((m) => [m[1], true])));
  }
}

const EXPECTED = ['id', 'title', 'content', 'tags', 'exportedAt'];

describe('export through a template: only the mapped fields, renamed, in every format', () => {
  it('the seed form of the mapping is kept when the template is saved', async () => {
    const saved = await t.call('createDataTemplate', standardTemplate());
    expect(saved.transformation.mapping.fieldMappings).toEqual({ id: 'id', title: 'title', content: 'content', tags: 'tags' });
    const listed = await t.call('createDataTemplate', { name: 'By list', transformation: { mapping: ['id', 'title'] as never, computedFields: [] } });
    expect(listed.transformation.mapping.fieldMappings).toEqual({ id: 'id', title: 'title' });
  });

  for (const format of FORMAT_IDS) {
    it(`${format}: the file and the preview hold id, title, content, tags and exportedAt, nothing else`, async () => {
      await t.call('createDataTemplate', standardTemplate());
      const out = path.join(t.dir, `out.${format}`);
      const result = await t.call('exportData', { options: { dataType: 'contexts', format, template: 'Standard Context Export', outputPath: out } });
      expect(result.status, JSON.stringify(result.error)).toBe('completed');
      const written = recordsOf(format, fs.readFileSync(out, 'utf8'));
      expect(written).toHaveLength(2);
      // Markdown writes one-line fields before blocks (content), so only the set of fields is compared there.
      const keysOf = (r: Record<string, unknown>) => (format === 'markdown' ? Object.keys(r).sort() : Object.keys(r));
      const expected = format === 'markdown' ? [...EXPECTED].sort() : EXPECTED;
      for (const record of written) expect(keysOf(record)).toEqual(expected);
      if (format !== 'markdown') expect(written.find((r) => r.id === 'ctx-1')).toMatchObject({ title: 'Sprint planning' });

      const preview = await t.call('previewExport', { options: { dataType: 'contexts', format, template: 'Standard Context Export' }, limit: 5 });
      const previewed = recordsOf(format, preview.text);
      expect(previewed).toHaveLength(2);
      for (const record of previewed) expect(keysOf(record)).toEqual(expected);
      expect(preview.text).not.toMatch(/sessionId|createdAt|metadata|meeting/);
    });
  }

  it('renames as the mapping says (store field -> output name), in CSV columns too', async () => {
    await t.call('createDataTemplate', {
      name: 'Renamed',
      schema: { type: 'contexts', fields: [] },
      transformation: { mapping: { id: 'key', title: 'name', tags: 'labels' } as never, computedFields: [] },
    });
    const out = path.join(t.dir, 'renamed.csv');
    expect((await t.call('exportData', { options: { format: 'csv', template: 'Renamed', outputPath: out } })).status).toBe('completed');
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('key,name,labels');
    expect(recordsOf('csv', text)).toContainEqual({ key: 'ctx-1', name: 'Sprint planning', labels: '["work","planning"]' });
  });
  it("an inline field selection (the export wizard's field list) shapes the export and replaces a template's mapping", async () => {
    const mapping = { fieldMappings: { id: 'id', title: 'Heading' }, transformations: [] };
    const alone = await t.call('previewExport', { options: { format: 'jsonl', mapping }, limit: 5 });
    expect(recordsOf('jsonl', alone.text).map((r) => Object.keys(r))).toEqual([
      ['id', 'Heading'],
      ['id', 'Heading'],
    ]);
    await t.call('createDataTemplate', standardTemplate());
    const withTemplate = await t.call('previewExport', { options: { format: 'csv', template: 'Standard Context Export', mapping }, limit: 5 });
    expect(withTemplate.text.split('\r\n')[0]).toBe('id,Heading,exportedAt');
  });

  it('a template keeps the export options the wizard saved with it', async () => {
    const exportOptions = {
      dataType: 'contexts' as const,
      format: 'jsonl',
      compression: 'gzip',
      filters: { tags: ['work'] },
      splitLargeFiles: { enabled: true, maxSizeBytes: 2 * 1024 * 1024 },
    };
    const saved = await t.call('createDataTemplate', {
      name: 'Weekly',
      transformation: { mapping: { fieldMappings: { id: 'id' }, transformations: [] }, computedFields: [], exportOptions },
    });
    expect((await t.call('getDataTemplate', { id: saved.id })).transformation.exportOptions).toEqual(exportOptions);
  });
});
