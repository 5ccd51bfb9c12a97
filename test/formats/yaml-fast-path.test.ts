/**
 * The YAML fast path (formats/yaml/fast-path.ts) reads what it accepts exactly as the yaml library does, and
 * leaves everything else to the library. Each input is read three ways: by the library alone, whole (fast
 * path over the file), and record by record (fast path per record); all must give the same records.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RawRecord } from '../../electron/engine/formats/codec.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import { readYaml, recordsOfText } from '../../electron/engine/formats/yaml/index.ts';
import { fastDocument, fastRecord, UNSURE } from '../../electron/engine/formats/yaml/fast-path.ts';
import { chunked } from './read-helpers.ts';
import { context as contextArbitrary, hostileString, jsonValue } from './arbitraries.ts';

const CONTEXT = { dataType: 'auto-detect' as const, fileName: 'x.yaml', maxRecordBytes: 1 << 20 };

function libraryOnly(text: string): RawRecord[] | string {
  try {
    return [...recordsOfText(text, { n: 0 }, 0)];
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

async function readAll(text: string, wholeLimit?: number): Promise<RawRecord[] | string> {
  const out: RawRecord[] = [];
  try {
    for await (const r of readYaml(chunked(Buffer.from(text), 4096), CONTEXT, wholeLimit)) out.push(r);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  return out;
}

function accepted(text: string): boolean {
  try {
    fastDocument(text);
    return true;
  } catch (error) {
    if (error !== UNSURE) throw error;
    return false;
  }
}

async function writeYaml(values: Record<string, unknown>[]): Promise<string> {
  async function* records() {
    for (const value of values) yield { recordType: 'contexts' as const, value };
  }
  let text = '';
  for await (const chunk of getCodec('yaml').write(records(), { dataType: 'contexts', includeMetadata: true, includeBinaryData: false })) text += chunk;
  return text;
}

/** The library's records, and the same from both fast modes. */
async function expectSameRecords(text: string, split = true): Promise<RawRecord[] | string> {
  const library = libraryOnly(text);
  expect(await readAll(text)).toEqual(library);
  if (split && typeof library !== 'string') {
    // Record by record reads only lists; compare it where the splitter accepts the shape.
    const split = await readAll(text, 0);
    if (typeof split !== 'string') expect(split).toEqual(library);
  }
  return library;
}

describe('YAML fast path', () => {
  test("the app's own export of hostile records: read by the fast path, the same records as the library", async () => {
    const corpus = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/formats/hostile-corpus.json'), 'utf8')) as Record<string, unknown[]>;
    const values = Object.values(corpus).flat() as Record<string, unknown>[];
    const text = await writeYaml(values);
    expect(accepted(text)).toBe(true);
    const records = await expectSameRecords(text);
    expect((records as RawRecord[]).length).toBe(values.length);
  });

  test('random records and strings (newlines, blank lines, edge spaces, controls): the same records', async () => {
    const value = fc.record({
      id: hostileString(),
      content: hostileString({ maxLength: 80 }),
      metadata: fc.dictionary(fc.string(), jsonValue, { maxKeys: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(contextArbitrary, value), { minLength: 1, maxLength: 4 }), async (values) => {
        const text = await writeYaml(values as Record<string, unknown>[]);
        await expectSameRecords(text);
        // The writer's output is always the fast shape: the fast path is taken, not just safe.
        expect(accepted(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('literal blocks: chomping, indentation indicators, trailing and more-indented empty lines', async () => {
    const bodies = ['a', 'a\n', 'a\n\n', 'a\n\n\n', '\na', '\n\na\n', '  a\n b', 'a\n  \n', ' \n', '\n', '\n\n', 'a  \nb\t\n', '\ta', 'a\n\n  b\n'];
    for (const body of bodies) await expectSameRecords(await writeYaml([{ id: 'x', content: body, tail: 1 }]));
    for (const header of ['|', '|-', '|+', '|2', '|2-', '-|', '+|']) {
      for (const lines of [
        ['    a', '    b'],
        ['    a', '', ''],
        ['      a', '    b'],
        ['', '    a'],
        ['      ', '    a'],
        ['    a', '      '],
      ]) {
        const text = `- id: x\n  content: ${header}\n${lines.join('\n')}\n  next: 1\n`;
        await expectSameRecords(text);
        await expectSameRecords(`${text}\n\n`);
      }
    }
  });

  test('double-quoted scalars folded over lines, escapes, and quoted keys', async () => {
    const inputs = [
      '- id: "a\n    b"\n',
      '- id: "a  \n\n    b  \n  \n    c"\n',
      '- id: "a\\\n    b"\n',
      '- id: "\\x41\\u00e9\\U0001F600\\0\\e\\N\\_\\L\\P\\ \\/\\t\\"\\\\"\n',
      '- id: "bad \\q"\n',
      '- id: "\\uD800"\n',
      '- "my key": 1\n  "a\\"b": "c"\n',
      '- id: "a"  \n',
      '- id: "a" # comment\n',
      '- id: "unclosed\n',
      '- id: "a\nb"\n',
      '- "scalar item"\n- 12\n- true\n- ~\n',
    ];
    for (const text of inputs) await expectSameRecords(text);
    expect(accepted(inputs[0]!)).toBe(true);
    expect(accepted(inputs[3]!)).toBe(true);
  });

  test('plain scalars: core schema values, text fields stay text, anything doubtful goes to the library', async () => {
    const plain = [
      'null',
      'Null',
      '~',
      'true',
      'FALSE',
      'yes',
      'no',
      'on',
      '12',
      '-0',
      '0.5',
      '1e3',
      '1E-3',
      '0123',
      '0x1F',
      '0o17',
      '.inf',
      '-.Inf',
      '.nan',
      '+1',
      '1.',
      '.5',
      '12345678901234567890',
      '2024-01-01',
      'a b',
      'a:b',
      'a #b',
      'a  b',
      "it's",
      'ünï',
    ];
    for (const v of plain) {
      await expectSameRecords(`- id: ${v}\n  title: ${v}\n  extra: ${v}\n  nested:\n    id: ${v}\n`);
      await expectSameRecords(`- ${v}\n`);
    }
    expect(accepted('- id: 12\n  title: true\n  n: 12\n  b: true\n')).toBe(true);
    expect(fastDocument('- id: 12\n  title: true\n  n: 12\n  b: true\n')[0]!.value as object).toEqual({ id: '12', title: 'true', n: 12, b: true });
  });

  test('structure: nesting, compact and indented lists, empty collections, sections', async () => {
    const inputs = [
      '- id: a\n  tags:\n  - x\n  - y\n  m:\n    k:\n      - 1\n      - {}\n      - []\n',
      '- id: a\n  empty:\n  next: 1\n',
      '- id: a\n  empty:\n',
      'contexts:\n  - id: c1\nsessions: []\ntemplates:\n  - id: t1\n',
      'contexts:\n- id: c1\nsessions:\ntemplates: []\n',
      'data:\n  - id: c1\n',
      'contexts:\n  - id: c1\ncontexts:\n  - id: c2\n',
      'contexts:\n  - id: c1\nother: 1\n',
      'sessions: {}\n',
      '[]\n',
      '',
      '- id: a\n  id: b\n',
      '- id: a\n  true: 1\n',
      '- id: a\n  __proto__: 1\n  m:\n    __proto__:\n      polluted: true\n    constructor: 1\n',
      '- &x id: a\n- *x\n',
      '- id: !!str 1\n',
      '- id: [a, b]\n',
      '- id: {a: 1}\n',
      "- id: 'single'\n",
      '- id: >\n    folded\n',
      '- id: a\n  # a comment\n  t: b\n',
      '---\n- id: a\n',
      '- id: a\n---\n- id: b\n',
      '- id: a\r\n  t: b\r\n',
      '- id: a\n\tt: b\n',
      '-\n  id: a\n',
      '- - a\n',
      '- id: a\n   t: b\n',
      '- id: a\n  t: b\n    c\n',
      'id: a\ntitle: b\n',
    ];
    // Record by record, an alias cannot reach another record (index.ts says so): that one is compared whole only.
    for (const text of inputs) await expectSameRecords(text, !text.includes('*x'));
    expect(accepted(inputs[0]!)).toBe(true);
    expect(accepted(inputs[3]!)).toBe(true);
    for (const text of ['- &x id: a\n- *x\n', '- id: a\n  id: b\n', '- id: a\n  # a comment\n  t: b\n', '- id: a\r\n  t: b\r\n'])
      expect(accepted(text)).toBe(false);
  });

  test('deep nesting goes to the library, which bounds it', async () => {
    let text = '- id: a\n';
    for (let d = 1; d < 120; d++) text += `${'  '.repeat(d)}k:\n`;
    text += `${'  '.repeat(120)}k: 1\n`;
    expect(accepted(text)).toBe(false);
    await expectSameRecords(text);
  });

  test('fastRecord reads one record as the splitter cuts it, at any indent', () => {
    expect(fastRecord(['  - id: "a"', '    tags:', '      - "x"', ''])).toEqual({ id: 'a', tags: ['x'] });
    expect(fastRecord(['  - c: |+', '      a', ''])).toEqual({ c: 'a\n' });
    expect(() => fastRecord(['  - id: a', '  - id: b', ''])).toThrow();
  });
});
