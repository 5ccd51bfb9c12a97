/**
 * A file that is one document (a Tomboy `.note`: root `<note>` with title, text, dates…) is one record, as a
 * JSON file holding one object is; never one "record" per field with the fields lost. And no element becomes
 * an empty record in silence: text alone is the record's `#text`, an element with nothing in it is skipped and
 * said. Real file: test/fixtures/real/tomboy/ (obsidianmd/obsidian-importer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import { readWith } from './read-helpers.ts';

const NOTE = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/real/tomboy/2769c249-6cbb-4263-ae03-7c0a5be89ac1.note'));

async function read(input: string | Buffer, root?: string) {
  const roots: [string, boolean][] = [];
  const warnings: string[] = [];
  const records = await readWith('xml', input, { root, onRoot: (p, d) => roots.push([p, d]), onWarning: (m) => warnings.push(m) });
  for (const r of records) expect(r.error, r.error?.message).toBeUndefined();
  return { values: records.map((r) => r.value as Record<string, unknown>), roots, warnings };
}

describe('XML: one document, one record', () => {
  it('a root whose children all differ is one record, and the result says where', async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<note><title>My note</title><text>Body text</text><create-date>2023-01-02T10:00:00Z</create-date>' +
      '<last-change-date>2023-01-03T10:00:00Z</last-change-date><tags><tag>a</tag></tags></note>';
    const { values, roots } = await read(xml);
    expect(roots).toEqual([['note', true]]);
    expect(values).toEqual([
      { title: 'My note', text: 'Body text', 'create-date': '2023-01-02T10:00:00Z', 'last-change-date': '2023-01-03T10:00:00Z', tags: ['a'] },
    ]);
  });

  it('the real Tomboy note: one record with its title, text and dates', async () => {
    const { values } = await read(NOTE);
    expect(values).toHaveLength(1);
    expect(values[0]).toMatchObject({
      title: 'TODO Liste',
      'create-date': '2025-09-04T22:54:02.5630180+02:00',
      'last-change-date': '2025-09-04T22:56:53.9751960+02:00',
      'open-on-startup': 'False',
      version: '0.3',
    });
    expect(JSON.stringify(values[0]!.text)).toContain('Hier hört die Liste auf.');
    const dir = tempDir();
    const result = await runImport(tempStore(dir), [writeFile(dir, 'n.note', NOTE)], importOptions({ dryRun: true, format: 'xml', errorHandling: 'lenient' }));
    expect(result.warnings).toContain('n.note: records at `note` (found in the document): 1');
  });

  it('repeated children are still records, as are the app’s shapes and `--root /` (the root’s children)', async () => {
    expect((await read('<export><version>2</version><note><id>a</id></note><note><id>b</id></note></export>')).values).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect((await read('<data><item><id>a</id><title>t</title></item></data>')).values).toEqual([{ id: 'a', title: 't' }]);
    expect((await read('<note><title>x</title><text>y</text></note>', '/')).values).toEqual([{ '#text': 'x' }, { '#text': 'y' }]);
  });

  it('a record element of text alone keeps it as #text; one with nothing in it is skipped and said', async () => {
    const { values, warnings } = await read('<list>\n<v>1</v>\n<v a="k">2</v>\n<v/>\n<v></v>\n<v><w>3</w></v>\n</list>');
    expect(values).toEqual([{ '#text': '1' }, { '#text': '2', a: 'k' }, { w: '3' }]);
    expect(warnings).toEqual(['2 empty elements skipped, not records (lines 4, 5).']);
  });
});
