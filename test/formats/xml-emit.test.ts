/**
 * The XML record writer (formats/xml/emit.ts) against valueToXml, which wrote every value before: the same
 * text, byte for byte, for hostile keys and values of every type, and for content given as its UTF-8 bytes
 * (TextBytes, as the store gives it to an export) the same as for the string.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { referenceRecordXml, writeRecordXml } from '../../electron/engine/formats/xml/emit.ts';
import { ByteSink } from '../../electron/engine/formats/byte-sink.ts';
import { TextBytes } from '../../electron/engine/store/text-bytes.ts';
import { HOSTILE_PIECES, context, hostileString, jsonValue, session, template } from './arbitraries.ts';

const written = (value: Record<string, unknown>, indent = '  ') => {
  // A small sink: the pieces cross its buffers' ends.
  const sink = new ByteSink(256);
  writeRecordXml(sink, value, indent);
  return Buffer.concat(sink.take(true)).toString('utf8');
};

const same = (value: Record<string, unknown>) => {
  for (const indent of ['  ', '    ']) expect(written(value, indent)).toBe(referenceRecordXml(value, indent));
};

/** With every string value of the record's top level also given as bytes, where it is valid UTF-8. */
const sameAsBytes = (value: Record<string, unknown>) => {
  same(value);
  const asBytes: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    Object.defineProperty(asBytes, key, {
      value: typeof v === 'string' && v.isWellFormed() ? new TextBytes(Buffer.from(v)) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  for (const indent of ['  ', '    ']) expect(written(asBytes, indent)).toBe(referenceRecordXml(value, indent));
};

test('every hostile piece, alone and around text, as a value, a key, a tag and a list item', () => {
  const pieces = [...HOSTILE_PIECES, '', 'x', ' x ', '\ud800', 'a\udc00', '\udbff\udfff', '\\', '\\u0001', 'a\r\nb', '\u0000\\'];
  for (const a of pieces) {
    for (const b of ['', 'text', ' ', '&', '<x>', '\u0001', 'é日本🎉']) {
      for (const text of [a + b, b + a, b + a + b, a.repeat(50)]) {
        sameAsBytes({ id: text, content: text, tags: [text, 'plain'], list: [text, { k: text }], nested: { [text]: text, deeper: { [text || 'k']: [text] } } });
        sameAsBytes({ [text]: text, [`${text}\\`]: `${text}\u0001` });
      }
    }
  }
});

test('values of every JSON type, empty collections, undefined, holes and values JSON cannot hold', () => {
  const sparse: unknown[] = [1];
  sparse[2] = 3;
  for (const value of [
    { a: {}, b: [], c: null, d: true, e: false, f: 0, g: -0, h: 1.5e300, i: -1e-7, j: '', k: Number.NaN, l: Number.POSITIVE_INFINITY },
    { tags: [], other: [[]], nested: { empty: {}, list: [{}, [], null, ''] } },
    { tags: ['a', 1], mixed: ['a', null, undefined, { x: undefined }] },
    { sparse, date: new Date(0), map: new Map([['a', 1]]), big: 10n, fn: () => 1, sym: Symbol('s'), none: Object.create(null) },
    { '1': 'digit', 'a b': 'space', xmlName: 'reserved prefix', __proto__x: 'dunder', toString: 'reserved', item: 'item', entry: 'entry' },
  ]) {
    same(value as Record<string, unknown>);
  }
});

test('generated records of every type, and hostile dictionaries', () => {
  fc.assert(
    fc.property(fc.oneof(context, session, template), (record) => sameAsBytes(record as Record<string, unknown>)),
    { numRuns: 400 },
  );
  fc.assert(
    fc.property(fc.dictionary(hostileString({ maxLength: 12 }), jsonValue, { maxKeys: 6, noNullPrototype: true }), (record) => sameAsBytes(record)),
    { numRuns: 400 },
  );
  fc.assert(
    fc.property(hostileString({ maxLength: 400 }), (text) => sameAsBytes({ content: text })),
    { numRuns: 400 },
  );
});
