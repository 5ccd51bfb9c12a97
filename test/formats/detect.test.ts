/**
 * Detection: given only a file, `--format auto` and `--type auto-detect` find the format from the content
 * (whatever the extension says, or with none) and the data type from the records; a file that matches
 * nothing gets FORMAT_UNDETECTED naming what was tried.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FORMATS, roundTrip, tempDir, type Format } from './helpers.ts';
import { importFile } from './read-helpers.ts';
import { detectFormat } from '../../electron/engine/formats/registry.ts';
import { RECORD_TYPES, type DataType } from '../../shared/model.ts';

const D = '2024-01-01T00:00:00.000Z';
// Two of each: a one-line JSON Lines file is also a valid JSON document (and reads the same).
const seed = {
  contexts: [1, 2].map((n) => ({
    id: `c${n}`,
    title: 'Hello, world',
    content: 'Some content\nwith lines',
    tags: ['sample', 'test'],
    createdAt: D,
    metadata: { importance: 'high' },
  })),
  sessions: [1, 2].map((n) => ({ id: `s${n}`, name: 'Session one', description: 'desc', createdAt: D })),
  templates: [1, 2].map((n) => ({ id: `t${n}`, name: 'Template', createdAt: D, schema: { type: 'contexts', fields: [{ name: 'title', type: 'string' }] } })),
};

const MISLEADING: Record<Format, string> = { json: '.csv', jsonl: '.xml', csv: '.json', xml: '.yaml', yaml: '.md', markdown: '.csv' };

describe('format and type detection from content', () => {
  for (const format of FORMATS) {
    for (const dataType of ['contexts', 'sessions', 'templates', 'all'] as DataType[]) {
      test(`${format} ${dataType}: detected under a misleading name, no extension and .bin`, async () => {
        const dir = tempDir();
        const exported = await roundTrip(format, dataType, seed, { dir });
        const bytes = fs.readFileSync(exported.file);
        for (const name of [`data${MISLEADING[format]}`, 'data', 'data.bin']) {
          const { result, records } = await importFile(name, bytes);
          expect(result.inputs[0]?.format, `${name}: ${JSON.stringify(result.error)}`).toBe(format);
          expect(result.status).toBe('completed');
          expect(result.inputs[0]?.dataType).toBe(dataType);
          const expectedCount = (dataType === 'all' ? RECORD_TYPES.length : 1) * 2;
          expect(records).toHaveLength(expectedCount);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      });
    }
  }

  test('a file that matches nothing names what was tried', async () => {
    const { result } = await importFile('mystery.bin', 'just some words\nand more words\n');
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'FORMAT_UNDETECTED' });
    expect(result.error!.message).toMatch(/mystery\.bin/);
    expect(result.error!.message).toMatch(/"\.bin" names no format/);
    for (const label of ['JSON', 'JSON Lines', 'CSV', 'XML', 'YAML', 'Markdown']) expect(result.error!.message).toContain(label);
  });

  test('binary garbage is not taken for any format', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('utf8');
    expect(() => detectFormat('blob', garbage)).toThrow(/Could not tell the format/);
  });

  test('a UTF-16 CSV is detected', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id;title\r\nc1;a\r\nc2;b\r\n', 'utf16le')]);
    expect(detectFormat('export.txt', bytes.toString('utf8')).id).toBe('csv');
  });

  test('an empty file with a known extension uses the extension', () => {
    expect(detectFormat('empty.yaml', '').id).toBe('yaml');
    expect(() => detectFormat('empty', '')).toThrow(/no extension/);
  });

  test('foreign files of each format are recognised from content alone', () => {
    const samples: Record<string, string> = {
      csv: 'id,title,content\n1,a,b\n',
      tsv: 'title\tcontent\nx\ty\n',
      xml: '<contexts><context><id>1</id></context></contexts>',
      yaml: '# exported\n- id: 1\n  title: a\n',
      yamlMap: '---\ncontexts:\n  - id: 1\n',
      markdown: '# My notes\n\n## One\n\nText\n',
      json: '[{"id": "1"}]',
      jsonl: '{"id": "1"}\n{"id": "2"}\n',
    };
    const expected: Record<string, string> = {
      csv: 'csv',
      tsv: 'csv',
      xml: 'xml',
      yaml: 'yaml',
      yamlMap: 'yaml',
      markdown: 'markdown',
      json: 'json',
      jsonl: 'jsonl',
    };
    for (const [name, text] of Object.entries(samples)) expect(detectFormat(path.join('/x', 'file'), text).id, name).toBe(expected[name]);
  });
});
