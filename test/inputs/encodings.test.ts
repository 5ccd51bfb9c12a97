/** Files that are not UTF-8: detected and decoded with a warning, or an error that names the right byte. */
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { decodeText } from '../../electron/engine/formats/text.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

async function text(bytes: Buffer, encoding?: string) {
  const notes: string[] = [];
  let out = '';
  async function* one() {
    yield bytes;
  }
  for await (const piece of decodeText(one(), encoding, (e, why) => notes.push(`${e}: ${why}`))) out += piece;
  return { out, notes };
}

// A government-style export: a long ASCII header and rows, then the first accented name far into the file.
const asciiRows = Array.from({ length: 60 }, (_, i) => `r${i},Row ${i},plain text,2024-01-01T00:00:00Z`).join('\r\n');
const latin1Csv = Buffer.concat([
  Buffer.from(`id,title,content,createdAt\r\n${asciiRows}\r\n`, 'latin1'),
  Buffer.from('x1,Caf\u00e9 M\u00fcller,\u00bfQu\u00e9 tal? \u00a3 5,2024-01-02T00:00:00Z\r\n', 'latin1'),
]);

describe('encodings', () => {
  it('reads a Windows-1252/Latin-1 CSV with a warning naming the encoding and the first non-UTF-8 byte', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const result = await runImport(store, [writeFile(dir, 'latin1.csv', latin1Csv)], importOptions());
    expect(result).toMatchObject({ status: 'completed', insertedRecords: 61 });
    expect(store.contexts.get('x1')).toMatchObject({ title: 'Café Müller', content: '¿Qué tal? £ 5' });
    const firstBad = latin1Csv.indexOf(0xe9);
    expect(result.warnings.join('\n')).toContain(`latin1.csv: read as windows-1252 (not valid UTF-8 from byte ${firstBad.toLocaleString('en-US')})`);
    expect(result.inputs[0]!.encoding).toBe('windows-1252');
  });

  it('a chosen encoding is held to: UTF-8 chosen, the error names the exact byte', async () => {
    const dir = tempDir();
    const result = await runImport(tempStore(dir), [writeFile(dir, 'latin1.csv', latin1Csv)], importOptions({ encoding: 'utf-8' }));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(`byte ${latin1Csv.indexOf(0xe9).toLocaleString('en-US')} is 0xe9`);
  });

  it('UTF-8 text with a bad byte after real UTF-8 is an error, not a guess', async () => {
    const bytes = Buffer.concat([Buffer.from('id,title\nä,ö\n'), Buffer.from([0xff]), Buffer.from('\n')]);
    await expect(text(bytes)).rejects.toThrow('byte 15 is 0xff');
  });

  it('UTF-16 with and without a byte order mark', async () => {
    const le = Buffer.from('id,title\na,Grüße\n', 'utf16le');
    expect((await text(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).out).toBe('id,title\na,Grüße\n');
    const bare = await text(le);
    expect(bare.out).toBe('id,title\na,Grüße\n');
    expect(bare.notes).toEqual(['utf-16le: no byte order mark, NUL bytes between the letters']);
    const be = Buffer.from(le).swap16();
    expect((await text(be)).out).toBe('id,title\na,Grüße\n');
  });
});
