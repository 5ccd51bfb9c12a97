/**
 * The fast YAML record writer (formats/yaml/emit.ts) against the yaml library it replaces on the hot path:
 * the same text, byte for byte, for every record it accepts, and a decline (never different text) otherwise.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import YAML from 'yaml';
import { fastRecordYaml, libraryRecordYaml, recordYaml } from '../../electron/engine/formats/yaml/emit.ts';
import { HOSTILE_PIECES, context, hostileString, jsonValue, session, template } from './arbitraries.ts';

/** The fast text is the library's; `declines` says the fast writer may leave the record to the library. */
const same = (value: Record<string, unknown>, declines = false) => {
  const fast = fastRecordYaml(value);
  if (!declines) expect(fast).toBeDefined();
  if (fast !== undefined) expect(fast).toBe(libraryRecordYaml(value));
};

test('every hostile piece, alone and around text, as a value, a key and a list item', () => {
  const pieces = [
    ...HOSTILE_PIECES,
    '',
    'x',
    ' x',
    'x ',
    ' \n \n ',
    'x \n\n y',
    '\n \n',
    '\nx',
    'x\n',
    'x\n\n',
    '\n\nx',
    ' \n',
    '\n ',
    'a\n b',
    'a \nb',
    '%x\ny',
    '---\nx',
    '...',
  ];
  for (const a of pieces) {
    for (const b of ['', 'text', ' ', '\n', 'a long line of text that is longer than forty characters']) {
      for (const text of [a + b, b + a, b + a + b, a + a, `${a}\n${b}\n`]) {
        same({ id: text, list: [text, { k: text }], nested: { [text]: text, deeper: { [text || 'k']: [text] } } });
        same({ [text]: 1 });
      }
    }
  }
  // Around the length below which the library keeps `\n` escapes in a double-quoted string.
  for (let n = 20; n < 46; n++) same({ a: `${'x'.repeat(n)}\u0001\nz`, b: [`${'x'.repeat(n)}\u0001\n`] });
});

test('values of every JSON type, empty collections and keys the library quotes', () => {
  for (const value of [
    { a: {}, b: [], c: null, d: true, e: false, f: 0, g: -0, h: 1.5e300, i: -1e-7, j: '' },
    { yes: 1, No: 2, null: 3, TRUE: 4, '1': 5, 'a b': 6, 'a:b': 7, '': 8, '-x': 9, _ok: 10, 'ok-1': 11 },
    { list: [[1, 2], [], [{}], [[['deep']]], [{ a: [{ b: 1 }] }]] },
    { allNull: { a: null, b: null }, someUndefined: { a: undefined, b: 1 } },
    { text: 'line one\nline two\n', keep: 'x\n\n\n', strip: 'x\ny', lead: '  indented\nnext', only: '\n\n', tabs: 'a\tb\nc\t' },
  ]) {
    same(value as Record<string, unknown>, 'someUndefined' in value);
  }
});

test('generated records of every type', () => {
  fc.assert(
    fc.property(fc.oneof(context, session, template), (record) => same(record as Record<string, unknown>)),
    { numRuns: 400 },
  );
  fc.assert(
    fc.property(fc.dictionary(hostileString({ maxLength: 12 }), jsonValue, { maxKeys: 6 }), (record) => same(record, true)),
    { numRuns: 400 },
  );
});

test('what it declines, the library writes', () => {
  const longKey = 'k'.repeat(2000);
  expect(fastRecordYaml({ [longKey]: 1 })).toBeUndefined();
  expect(fastRecordYaml({ n: Number.NaN })).toBeUndefined();
  expect(recordYaml({ [longKey]: 1 })).toBe(libraryRecordYaml({ [longKey]: 1 }));
});

test('the fast writer covers the records an export writes', () => {
  const record = {
    id: 'ctx-1',
    title: 'quote "x", comma',
    content: 'first line\nsecond line, with a tab\there\n',
    type: 'note',
    tags: ['a', 'b c'],
    sessionId: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    metadata: { importance: 'high', score: 31.4, reviewed: true, nested: { list: [1, 'two'] } },
  };
  const fast = fastRecordYaml(record);
  expect(fast).toBe(libraryRecordYaml(record));
  expect(YAML.parse(fast!)).toEqual([record]);
});

test('text of blank lines alone is double-quoted, so its spaces come back (a literal block lost them)', () => {
  // Found by the format round-trip property: a template's schema type "  \n" was read back as "\n".
  for (const text of ['  \n', ' \n\n', '\t\n', ' \n', '\n \n', '  \n  ']) {
    const yaml = recordYaml({ type: text });
    expect(yaml, JSON.stringify(text)).not.toContain('|');
    expect(YAML.parse(yaml)).toEqual([{ type: text }]);
    same({ type: text });
  }
  // Blank lines beside other text, or line feeds alone, still make a block that holds them.
  for (const text of ['\n', '\n\n', 'x\n  \n', '  \n  x\n', 'a\n\n  \n']) {
    const yaml = recordYaml({ type: text });
    expect(yaml, JSON.stringify(text)).toContain('|');
    expect(YAML.parse(yaml)).toEqual([{ type: text }]);
  }
});
