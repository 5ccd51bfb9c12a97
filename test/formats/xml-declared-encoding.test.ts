/**
 * The XML declaration's encoding (`<?xml version="1.0" encoding="windows-1251"?>`) is how a file without a BOM
 * says what it is: used when no encoding was chosen and no BOM says otherwise, never guessed past. Only the XML
 * reader looks at it; CSV and the other text formats read the same bytes as before.
 * Real file: test/fixtures/real/opml/sample_win1251.xml (nkanaev/yarr).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../electron/engine/formats/text.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import { readWith } from './read-helpers.ts';

const WIN1251 = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/real/opml/sample_win1251.xml'));
// "Привет" and "мир" in windows-1251.
const PRIVET = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
const MIR = Buffer.from([0xec, 0xe8, 0xf0]);

function rss(declaration: string): Buffer {
  return Buffer.concat([
    Buffer.from(`${declaration}\n<rss version="2.0"><channel><title>t</title><item><title>`),
    PRIVET,
    Buffer.from('</title><description>'),
    MIR,
    Buffer.from('</description><guid>g1</guid></item></channel></rss>\n'),
  ]);
}

async function read(bytes: Buffer, encoding?: string, chunk = 7) {
  const notes: string[] = [];
  const records = await readWith('xml', bytes, { encoding, onEncoding: (e, why) => notes.push(`${e}: ${why}`) }, chunk);
  for (const r of records) expect(r.error, r.error?.message).toBeUndefined();
  return { values: records.map((r) => r.value as Record<string, unknown>), notes };
}

describe('XML declaration encoding', () => {
  it('a file without BOM is decoded in the encoding its declaration names, said in a note', async () => {
    for (const chunk of [7, 1 << 16]) {
      const { values, notes } = await read(rss('<?xml version="1.0" encoding="windows-1251"?>'), undefined, chunk);
      expect(values).toEqual([{ title: 'Привет', description: 'мир', guid: 'g1' }]);
      expect(notes).toEqual(['windows-1251: named by the XML declaration']);
    }
  });

  it('labels are the ones TextDecoder knows, in either quotes; the note names the label when it is an alias', async () => {
    const { values, notes } = await read(rss("<?xml version='1.0' encoding='CP1251' standalone='yes'?>"));
    expect(values[0]).toMatchObject({ title: 'Привет' });
    expect(notes).toEqual(['windows-1251: named by the XML declaration ("CP1251")']);
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><data><item><title>Caf\u00e9</title></item></data>', 'latin1');
    expect((await read(latin)).values).toEqual([{ title: 'Café' }]);
  });

  it('a declared UTF-8 (or none) is read as before; a chosen encoding and a BOM win over the declaration', async () => {
    const utf8 = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><data><item><title>Привет</title></item></data>');
    expect(await read(utf8)).toEqual({ values: [{ title: 'Привет' }], notes: [] });
    const chosen = await read(rss('<?xml version="1.0" encoding="windows-1251"?>'), 'windows-1252');
    expect(chosen.values[0]).toMatchObject({ title: 'Ïðèâåò' });
    expect(chosen.notes).toEqual([]);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><data><item><title>Привет</title></item></data>'),
    ]);
    expect(await read(bom)).toEqual({ values: [{ title: 'Привет' }], notes: [] });
  });

  it('an unknown label is a note naming it, and the file is read as it would be without one', async () => {
    const { values, notes } = await read(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><data><item><title>plain</title></item></data>'));
    expect(values).toEqual([{ title: 'plain' }]);
    expect(notes).toEqual(['utf-8: the XML declaration names the encoding "x-klingon", which is not known']);
  });

  it('a declaration of UTF-16 in single-byte text cannot be true: the bytes are read as UTF-8', async () => {
    expect(await read(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><data><item><title>Привет</title></item></data>'))).toEqual({
      values: [{ title: 'Привет' }],
      notes: [],
    });
  });

  it('the real OPML file: Cyrillic names, the warning and the input’s encoding say where they came from', async () => {
    const dir = tempDir();
    const result = await runImport(tempStore(dir), [writeFile(dir, 'sample_win1251.xml', WIN1251)], importOptions({ dryRun: true, errorHandling: 'lenient' }));
    expect(result.inputs[0]!.encoding).toBe('windows-1251');
    expect(result.warnings).toContain(
      'sample_win1251.xml: read as windows-1251 (named by the XML declaration); choose another encoding if the text looks wrong.',
    );
    expect(JSON.stringify(result)).not.toMatch(/ïàïêà|ïðèìåð/);
    const { values } = await read(WIN1251);
    expect(JSON.stringify(values)).toContain('пример1');
  });

  it('only the XML reader looks: decodeText on its own (CSV, YAML, Markdown) reads the same bytes as before', async () => {
    async function* one() {
      yield rss('<?xml version="1.0" encoding="windows-1251"?>');
    }
    const notes: string[] = [];
    let out = '';
    for await (const piece of decodeText(one(), undefined, (e) => notes.push(e))) out += piece;
    expect(notes).toEqual(['windows-1252']);
    expect(out).toContain('Ïðèâåò');
  });
});
