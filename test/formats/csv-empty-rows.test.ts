/**
 * Rows whose every cell is empty (`,,,,,,,,`: the separator rows Todoist's CSV export writes between tasks) are
 * not records: skipped, counted and said once, with their lines. The other rows keep their record numbers in
 * order and the file's line numbers. The fixture is hand-written in the shape of Todoist's template export
 * (bboc/todoist-converter's test-data/full-todoist-project.csv, no licence stated: not copied).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, readWith } from './read-helpers.ts';

const TODOIST = fs.readFileSync(path.resolve(__dirname, '../fixtures/real/todoist/project.csv'));
const TEXT = TODOIST.toString('utf8').replace(/^\ufeff/, '');
/** Valid contexts from the export's columns, so a strict import can succeed. */
const mapping = { fieldMappings: { CONTENT: 'content', AUTHOR: 'title', TYPE: 'type' }, transformations: [] };
const SAID = '5 empty rows skipped (lines 3, 5, 10, 16, 18).';
const titleAndContent = { fieldMappings: { title: 'title', content: 'content' }, transformations: [] };

describe('CSV rows with every cell empty', () => {
  it('are not records; the others keep their order and their lines', async () => {
    const records = await readWith('csv', TODOIST);
    expect(records.map((r) => r.recordNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(records.map((r) => r.line)).toEqual([2, 4, 6, 7, 9, 11, 12, 17]);
    expect(records.every((r) => !r.error && Object.keys(r.value as object).length > 0)).toBe(true);
    expect((records[6]!.value as Record<string, unknown>).CONTENT).toBe('a note\r\n\r\nwith a few line breaks, \r\nof course');
  });

  it('a strict import of the Todoist export succeeds, and says once what it skipped', async () => {
    const { result } = await importFile('project.csv', TODOIST, { errorHandling: 'strict', mapping });
    expect(result).toMatchObject({ status: 'completed', totalRecords: 8, insertedRecords: 8, failedRecords: 0 });
    expect(result.warnings.filter((w) => w.includes('empty row'))).toEqual([`project.csv: ${SAID}`]);
  });

  it('the same rows as UTF-16LE with a BOM, and with semicolons and CRLF', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const semicolons = `\ufeff${TEXT.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';')}`;
    expect(semicolons).toContain(';;;;;;;;\r\n');
    for (const [name, bytes] of [
      ['utf16.csv', utf16],
      ['semicolons.csv', Buffer.from(semicolons)],
    ] as const) {
      const { result } = await importFile(name, bytes, { errorHandling: 'strict', mapping });
      expect(result, name).toMatchObject({ status: 'completed', insertedRecords: 8 });
      expect(result.warnings, name).toContain(`${name}: ${SAID}`);
    }
  });

  it('many of them: the first lines, then …; a short empty row is empty too', async () => {
    const rows = ['a,b,c', '1,2,3', ...Array.from({ length: 10 }, () => ',,'), ',', '4,5,6'];
    const { result } = await importFile('many.csv', rows.join('\n'), { mapping: { fieldMappings: { a: 'title', b: 'content' }, transformations: [] } });
    expect(result).toMatchObject({ status: 'completed', insertedRecords: 2 });
    expect(result.warnings).toContain('many.csv: 11 empty rows skipped (lines 3, 4, 5, 6, 7, 8, 9, 10, …).');
  });

  it('a blank line stays unmentioned, as before; in a one-column file it is not a record either', async () => {
    const blank = await importFile('blank.csv', 'title,content\nA,x\n\nB,y\n', { errorHandling: 'strict', mapping: titleAndContent });
    expect(blank.result).toMatchObject({ status: 'completed', insertedRecords: 2 });
    expect(blank.result.warnings.join('\n')).not.toContain('empty row');
    expect(await readWith('csv', 'a,b\n1,2\n\n3,4\n')).toHaveLength(2);
    const oneColumn = await readWith('csv', 'title\nfoo\n\nbar\n');
    expect(oneColumn.map((r) => [r.line, r.value])).toEqual([
      [2, { title: 'foo' }],
      [4, { title: 'bar' }],
    ]);
  });

  it('one empty row: said in the singular', async () => {
    const { result } = await importFile('one.csv', 'title,content\nA,x\n,\nB,y\n', { errorHandling: 'strict', mapping: titleAndContent });
    expect(result).toMatchObject({ status: 'completed', insertedRecords: 2 });
    expect(result.warnings).toContain('one.csv: 1 empty row skipped (line 3).');
  });
});
