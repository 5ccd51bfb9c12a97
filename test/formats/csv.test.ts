/** CSV: foreign files of every common shape, errors that never shift or merge rows, spreadsheet safety. */
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import fs from 'node:fs';
import { importFile, readWith } from './read-helpers.ts';
import { roundTrip } from './helpers.ts';
import { splitTagsField } from '../../electron/engine/mapping/tags.ts';

const D = '2024-01-01T00:00:00.000Z';

describe('foreign CSV', () => {
  for (const [name, delimiter] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    test(`the ${name} delimiter is detected`, async () => {
      const text = ['id', 'title', 'content', 'createdAt'].join(delimiter) + '\n' + ['c1', 'Hello, you', 'World; again', D].join(delimiter) + '\n';
      const quoted = delimiter === ',' ? text.replace('Hello, you', '"Hello, you"') : delimiter === ';' ? text.replace('World; again', '"World; again"') : text;
      const records = await readWith('csv', quoted);
      expect(records).toHaveLength(1);
      expect(records[0]!.value).toMatchObject({ id: 'c1', title: 'Hello, you', content: 'World; again', createdAt: D });
    });
  }

  test('a UTF-8 BOM is not part of the first header', async () => {
    const records = await readWith('csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,title\nc1,é\n`)]));
    expect(records[0]!.value).toMatchObject({ id: 'c1', title: 'é' });
  });

  test('UTF-16 LE and BE with a BOM are decoded', async () => {
    const text = `id;title;content\r\nc1;Grüße 𝄞;x\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    for (const bytes of [le, be]) {
      const records = await readWith('csv', bytes, {}, 5);
      expect(records.map((r) => r.value)).toEqual([{ id: 'c1', title: 'Grüße 𝄞', content: 'x', tags: [] }].map(({ tags: _t, ...r }) => r));
    }
  });

  test('CRLF line ends leave no CR in the last cell, and CRLF inside quotes is kept', async () => {
    const records = await readWith('csv', `id,title,content\r\nc1,"a\r\nb",last\r\nc2,x,y\r\n`);
    expect(records.map((r) => r.value)).toEqual([
      { id: 'c1', title: 'a\r\nb', content: 'last' },
      { id: 'c2', title: 'x', content: 'y' },
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 4]);
  });

  test('rows with the wrong number of cells are rejected with their line, the others are not shifted', async () => {
    const text = `id,title,content,createdAt\nc1,a,b,${D}\nc2,short\nc3,a,b,${D},extra\n"c4","multi\nline",b,${D}\nc5,a,b,${D}\n`;
    const { result, records } = await importFile('foreign.csv', text);
    expect(result.status).toBe('completed_with_errors');
    expect(records.map((r) => r.id)).toEqual(['c1', 'c4', 'c5']);
    expect(records.find((r) => r.id === 'c4')).toMatchObject({ title: 'multi\nline', content: 'b' });
    expect(result.errors.map((e) => e.error)).toEqual([
      expect.stringMatching(/^Line 3 has 2 fields but the header has 4/),
      expect.stringMatching(/^Line 4 has 5 fields but the header has 4/),
    ]);
  });

  test('an unclosed quote is a record error with its line, never merged silently', async () => {
    const { result, records } = await importFile('bad.csv', `id,title,content,createdAt\nc1,a,b,${D}\nc2,"never closed,b,${D}\nc3,a,b,${D}\n`);
    expect(records.map((r) => r.id)).toEqual(['c1']);
    expect(result.failedRecords).toBe(1);
    expect(result.errors[0]!.error).toMatch(/Line 3: a quoted field is never closed/);
  });

  test('a stray quote inside a quoted field is a record error, and the rows after it are still read', async () => {
    const records = await readWith('csv', `id,title\nc1,"ab"cd\nc2,ok\nc3,"x"y\r\nc4,"multi\nline"\n`);
    expect(records[0]!.error?.message).toMatch(/Line 2: a quote inside a field is not escaped/);
    expect(records[1]!.value).toEqual({ id: 'c2', title: 'ok' });
    expect(records[2]!.error?.message).toMatch(/Line 4: a quote inside a field is not escaped/);
    expect(records[3]).toMatchObject({ line: 5, value: { id: 'c4', title: 'multi\nline' } });
    expect(records).toHaveLength(4);
  });

  test('strict mode: the first bad row fails the import and nothing is written', async () => {
    const { result, records } = await importFile('bad.csv', `id,title,content,createdAt\nc1,a,b,${D}\nc2,short\n`, { errorHandling: 'strict' });
    expect(result.status).toBe('failed');
    expect(records).toHaveLength(0);
  });

  test("a foreign value that starts with '= stays exactly as written, and so does =x", async () => {
    const records = await readWith('csv', `id,title,content\nc1,'=x,=SUM(A1)\nc2,'',-1\n`);
    expect(records.map((r) => r.value)).toEqual([
      { id: 'c1', title: "'=x", content: '=SUM(A1)' },
      { id: 'c2', title: "''", content: '-1' },
    ]);
  });

  test('numbers and booleans in a foreign file stay text; a template version becomes a number', async () => {
    const records = await readWith('csv', `id,title,content,extra\n0123,1e3,true,007\n`);
    expect(records[0]!.value).toEqual({ id: '0123', title: '1e3', content: 'true', extra: '007' });
    const templates = await readWith('csv', `id,name,version,schema\nt1,T,2,"{""type"":""contexts""}"\n`);
    expect(templates[0]!.value).toEqual({ id: 't1', name: 'T', version: 2, schema: { type: 'contexts' } });
  });

  test('tags: a foreign cell reaches the mapping step as written, whose one rule splits it; dotted metadata columns', async () => {
    const records = await readWith('csv', `id,tags,metadata.source,metadata.importance\nc1,"sample, test",web,high\nc2,"[""a,b"",""c""]",,\n`);
    expect(records.map((r) => r.value)).toEqual([
      { id: 'c1', tags: 'sample, test', metadata: { source: 'web', importance: 'high' } },
      { id: 'c2', tags: '["a,b","c"]' },
    ]);
    const values = records.map((r) => r.value as Record<string, unknown>);
    values.forEach(splitTagsField);
    expect(values.map((v) => v.tags)).toEqual([
      ['sample', 'test'],
      ['a,b', 'c'],
    ]);
  });

  test('__proto__ as a header is data', async () => {
    const records = await readWith('csv', `id,__proto__\nc1,{"polluted":true}\n`);
    expect(Object.prototype.hasOwnProperty.call(records[0]!.value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a header naming a column twice is refused', async () => {
    await expect(readWith('csv', `id,title,title\nc1,a,b\n`)).rejects.toMatchObject({ code: 'PARSE_ERROR', message: expect.stringMatching(/"title" twice/) });
  });

  test('a row larger than the cap is a record error; an unclosed quote is not buffered without end', async () => {
    const records = await readWith('csv', `id,title\nc1,"${'x'.repeat(5000)}"\nc2,ok\n`, { maxRecordBytes: 1000 }, 512);
    expect(records[0]!.error?.message).toMatch(/Line 2: the row is larger than 1000 characters/);
    expect(records[1]!.value).toEqual({ id: 'c2', title: 'ok' });
    await expect(readWith('csv', `id,title\nc1,"${'x'.repeat(300_000)}`, { maxRecordBytes: 1000 }, 4096)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  test('a delimiter chosen by the user wins', async () => {
    const records = await readWith('csv', `id|title\nc1|a,b\n`, { delimiter: '|' });
    expect(records[0]!.value).toEqual({ id: 'c1', title: 'a,b' });
  });
});

describe('CSV export safety', () => {
  test('no exported cell starts with = + - @ TAB or CR, yet the import gives the exact values back', async () => {
    const values = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x', "'=x", "'", "''", '', "'abc", 'plain'];
    const contexts = values.map((v, i) => ({
      id: `${v}#${i}`,
      title: v,
      content: v,
      type: v || 'general',
      tags: [v, '-tag'],
      sessionId: v,
      createdAt: D,
      metadata: { v },
    }));
    const result = await roundTrip('csv', 'contexts', { contexts }, { dir: fs.mkdtempSync('/tmp/cs-csv-') });
    expect(result.after).toEqual(result.before);
    const parsed = Papa.parse<string[]>(fs.readFileSync(result.file, 'utf8'), { newline: '\r\n' });
    const cells = parsed.data.flat();
    expect(cells.length).toBeGreaterThan(values.length * 5);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test('tags with commas use a JSON cell; plain tags are comma-joined', async () => {
    const result = await roundTrip(
      'csv',
      'contexts',
      {
        contexts: [
          { id: 'a', title: '', content: '', tags: ['sample', 'test'], createdAt: D },
          { id: 'b', title: '', content: '', tags: ['x,y', 'z'], createdAt: D },
        ],
      },
      { dir: fs.mkdtempSync('/tmp/cs-csv-') },
    );
    const text = fs.readFileSync(result.file, 'utf8');
    expect(text).toContain(',"sample,test",');
    expect(text).toContain('"[""x,y"",""z""]"');
    expect(result.after).toEqual(result.before);
  });
});

describe('CSV encodings and limits of the writer', () => {
  test('a legacy encoding chosen by the user is decoded; invalid UTF-8 is an error, not replaced', async () => {
    const latin1 = Buffer.from('id;title\nc1;Gr\xfc\xdfe\n', 'latin1');
    const records = await readWith('csv', latin1, { encoding: 'windows-1252' });
    expect(records[0]!.value).toEqual({ id: 'c1', title: 'Grüße' });
    // Issue 14: with no encoding chosen, ASCII up to the first other byte reads as Windows-1252 (with a
    // warning, tested in test/inputs/encodings.test.ts); UTF-8 chosen is held to.
    expect((await readWith('csv', latin1))[0]!.value).toEqual({ id: 'c1', title: 'Grüße' });
    await expect(readWith('csv', latin1, { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'PARSE_ERROR',
      message: expect.stringMatching(/not valid UTF-8.*--encoding/),
    });
    await expect(readWith('csv', latin1, { encoding: 'klingon' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  test('a multi-byte character split across chunks is decoded whole', async () => {
    const records = await readWith('csv', `id,title\nc1,${'é中𝄞'.repeat(50)}\n`, {}, 1);
    expect(records[0]!.value).toEqual({ id: 'c1', title: 'é中𝄞'.repeat(50) });
  });
});

describe('CSV export of projected records (a template chose the fields)', () => {
  async function writeCsv(records: Record<string, unknown>[]): Promise<string> {
    const { getCodec } = await import('../../electron/engine/formats/registry.ts');
    async function* source() {
      for (const value of records) yield { recordType: 'contexts' as const, value };
    }
    let out = '';
    for await (const chunk of getCodec('csv').write(source(), { dataType: 'contexts', includeMetadata: true, includeBinaryData: false })) out += chunk;
    return out;
  }

  test('the columns are the fields of the first records', async () => {
    const text = await writeCsv([
      { summary: '=x', id: 'a' },
      { summary: 'plain', id: 'b', extra: 3 },
    ]);
    expect(text.split('\r\n')[0]).toBe('summary,id,extra,_escaped');
    const records = await readWith('csv', text);
    expect(records.map((r) => r.value)).toEqual([
      { summary: '=x', id: 'a' },
      { summary: 'plain', id: 'b', extra: '3' },
    ]);
  });

  test('a later record with a field the columns lack is an error, not a silently dropped value', async () => {
    const records = Array.from({ length: 101 }, (_, i) => ({ id: `r${i}`, summary: 's' }));
    (records[100] as Record<string, unknown>).late = 'x';
    await expect(writeCsv(records)).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH', field: 'late' });
  });

  test('a field selection writes every chosen column, in the chosen order, even where no record has a value', async () => {
    const { runExport } = await import('../../electron/engine/pipeline/export.ts');
    const { context, exportOptions, tempDir, tempStore } = await import('../helpers.ts');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const store = tempStore();
    store.contexts.insert(context('a'));
    store.contexts.insert(context('b', { updatedAt: '2024-02-01T00:00:00.000Z' }));
    const out = path.join(tempDir(), 'o.csv');
    // What the export wizard sends for "9 of 10 fields, title as Name": updatedAt and attachments, which these records lack, included.
    const mapping = {
      fieldMappings: {
        id: 'id',
        title: 'Name',
        content: 'content',
        type: 'type',
        tags: 'tags',
        updatedAt: 'updatedAt',
        createdAt: 'createdAt',
        metadata: 'metadata',
        attachments: 'attachments',
      },
      transformations: [],
    };
    const result = await runExport(store, exportOptions({ format: 'csv', outputPath: out, mapping }));
    expect(result.status).toBe('completed');
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('id,Name,content,type,tags,updatedAt,createdAt,metadata,attachments');
    expect(lines[1]).toBe('a,Title a,Content of a,note,t,,2024-01-01T00:00:00.000Z,{},');
    expect(lines[2]).toBe('b,Title b,Content of b,note,t,2024-02-01T00:00:00.000Z,2024-01-01T00:00:00.000Z,{},');
  });
});
