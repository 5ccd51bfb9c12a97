/**
 * The double-quoted scalar made on UTF-8 bytes (formats/yaml/double-quoted-bytes.ts) is emit.ts's, made on the
 * string, byte for byte: line breaks with spaces around them, runs of them, short and long strings (the 40-unit
 * rule counted in UTF-16 units, astral characters included), control characters, quotes and backslashes.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ByteOut, wordsOf } from '../../electron/engine/formats/cell-values.ts';
import { doubleQuotedBytes } from '../../electron/engine/formats/yaml/double-quoted-bytes.ts';
import { doubleQuoted } from '../../electron/engine/formats/yaml/emit.ts';
import { HOSTILE_PIECES, hostileString } from './arbitraries.ts';

const INDENT = '    ';
/** A lone surrogate: no UTF-8 bytes hold one, so the store never gives one. */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function bytesOf(value: string): string {
  const out = new ByteOut(16);
  const src = Buffer.from(`pad${value}pad`);
  doubleQuotedBytes(out, src, wordsOf(src), 3, src.length - 3, Buffer.from(INDENT));
  return out.done().toString('utf8');
}

test('pieces around line breaks, short and long', () => {
  const pieces = [...HOSTILE_PIECES, '', ' ', '  ', '\n', '\n\n', ' \n', '\n ', 'x', '"', '\\', '\t', '\u0007', '\u001b', '\u0000', '🎉', 'é', '日本'];
  for (const a of pieces) {
    for (const b of pieces) {
      for (const value of [a + b, `${a}\n${b}`, `${a} \n ${b}`, `${'x'.repeat(30)}${a}\n${b}`, `${'🎉'.repeat(18)}\n${a}${b}`, `${'🎉'.repeat(20)}\n${a}`]) {
        if (LONE.test(value)) continue;
        expect(bytesOf(value), JSON.stringify(value)).toBe(doubleQuoted(value, INDENT, false));
      }
    }
  }
});

test('generated strings', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        hostileString({ maxLength: 120 }),
        fc.string({ unit: 'grapheme' }),
        fc.array(fc.constantFrom('a', ' ', '\n', '"', '\t', '🎉', 'é'), { maxLength: 80 }).map((a) => a.join('')),
      ),
      (value) => {
        if (LONE.test(value)) return;
        expect(bytesOf(value)).toBe(doubleQuoted(value, INDENT, false));
      },
    ),
    { numRuns: 3000 },
  );
});
