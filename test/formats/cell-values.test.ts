/**
 * The byte readers the text formats' run writers share (formats/cell-values.ts): the word-at-a-time scan finds
 * what a byte-by-byte one finds, at any alignment; flat objects and string lists are cut where JSON.parse agrees
 * and refused otherwise.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { entries, flatObject, items, nextMarked, repeated, stringList, STRING, wordsOf } from '../../electron/engine/formats/cell-values.ts';

test('nextMarked finds the first marked byte, at every alignment', () => {
  const table = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) if (b !== 9 && b !== 10) table[b] = 1;
  for (const b of [0x26, 0x3c, 0x3e, 0xef]) table[b] = 1;
  const [e1, e2, e3, e4] = [0x26, 0x3c, 0x3e, 0xef].map(repeated);
  const byte = fc.oneof(fc.constantFrom(0, 9, 10, 13, 0x1f, 0x20, 0x26, 0x3c, 0x3e, 0xef, 0xbf, 0x80, 0xff, 0x61), fc.integer({ min: 0, max: 255 }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 40 }), fc.nat(7), fc.nat(40), fc.nat(40), (bytes, pad, a, b) => {
      const backing = Buffer.alloc(pad + bytes.length + 8, 0x61);
      const src = backing.subarray(pad, pad + bytes.length);
      src.set(bytes);
      const s = Math.min(a, bytes.length);
      const e = Math.max(s, Math.min(b, bytes.length));
      let expected = e;
      for (let i = s; i < e; i++)
        if (table[src[i]!]) {
          expected = i;
          break;
        }
      expect(nextMarked(src, wordsOf(src), s, e, table, e1!, e2!, e3!, e4!)).toBe(expected);
    }),
    { numRuns: 3000 },
  );
});

test('flatObject and stringList: the pieces JSON.parse sees, or a refusal', () => {
  const scalar = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), scalar, { maxKeys: 6 }), fc.array(fc.string(), { maxLength: 5 }), (object, list) => {
      const o = Buffer.from(JSON.stringify(object));
      const n = flatObject(o, 0, o.length);
      if (n >= 0) {
        const parsed = JSON.parse(o.toString()) as Record<string, unknown>;
        expect(Object.keys(parsed)).toHaveLength(n);
        Object.keys(parsed).forEach((key, k) => {
          expect(o.toString('utf8', entries[5 * k]!, entries[5 * k + 1]!)).toBe(key);
          const text = o.toString('utf8', entries[5 * k + 3]!, entries[5 * k + 4]!);
          expect(entries[5 * k + 2] === STRING ? text : JSON.parse(text)).toEqual(parsed[key]);
        });
      } else
        expect(
          Object.keys(object).some((k) => /^\d|["\\\u0000-\u001f]/.test(k)) ||
            Object.values(object).some((v) => typeof v === 'string' && /["\\\u0000-\u001f]/.test(v)),
        ).toBe(true);
      const l = Buffer.from(JSON.stringify(list));
      const m = stringList(l, 0, l.length);
      if (m >= 0) {
        expect(m).toBe(list.length);
        list.forEach((t, k) => {
          expect(l.toString('utf8', items[2 * k]!, items[2 * k + 1]!)).toBe(t);
        });
      } else expect(list.some((t) => /["\\\u0000-\u001f]/.test(t))).toBe(true);
    }),
    { numRuns: 2000 },
  );
});
