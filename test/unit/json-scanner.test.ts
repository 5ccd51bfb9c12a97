import { describe, expect, it } from 'vitest';
import { JsonRecordScanner } from '../../electron/engine/formats/json/scanner.ts';

function scanInPieces(text: string, pieceSize: number, isSection?: (k: string) => boolean) {
  const scanner = new JsonRecordScanner(1 << 20, 1 << 20, isSection);
  const bytes = Buffer.from(text, 'utf8');
  const out = [];
  for (let i = 0; i < bytes.length; i += pieceSize) out.push(...scanner.push(bytes.subarray(i, i + pieceSize)));
  scanner.end();
  return out.map((r) => ({ section: r.section, value: JSON.parse(r.text), line: r.line }));
}

describe('JSON record scanner', () => {
  const doc = '[\n {"a": "x,]}\\"{[", "b": [1, {"c": 2}]},\n {"d": "日本 🎉"}, 3, "s]", null\n]';
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`finds array elements whatever the chunking (${size}-byte chunks)`, () => {
      const records = scanInPieces(doc, size);
      expect(records.map((r) => r.value)).toEqual([{ a: 'x,]}"{[', b: [1, { c: 2 }] }, { d: '日本 🎉' }, 3, 's]', null]);
      expect(records[1]!.line).toBe(3);
    });
  }

  it('reads the sections of an `all` object and skips other keys', () => {
    const text = '{"version": 2, "contexts": [{"id": "1"}], "note": {"x": [1]}, "sessions": [{"id": "s"}], "templates": []}';
    const isSection = (k: string) => ['contexts', 'sessions', 'templates'].includes(k);
    for (const size of [1, 5, 100]) {
      expect(scanInPieces(text, size, isSection)).toEqual([
        { section: 'contexts', value: { id: '1' }, line: 1 },
        { section: 'sessions', value: { id: 's' }, line: 1 },
      ]);
    }
  });

  it('treats a top-level object without record arrays as one record', () => {
    const text = '{"id": "1", "tags": ["a", "b"], "metadata": {"k": [1]}}';
    const records = scanInPieces(text, 4, (k) => k === 'contexts');
    expect(records).toEqual([{ section: undefined, value: { id: '1', tags: ['a', 'b'], metadata: { k: [1] } }, line: 1 }]);
  });

  it('says a truncated document is truncated', () => {
    expect(() => scanInPieces('[{"a": 1}, {"b": ', 3)).toThrow(/truncated/);
    expect(() => scanInPieces('[{"a": "unterminated', 3)).toThrow(/inside a string/);
    expect(() => scanInPieces('', 3)).toThrow(/empty/);
    expect(() => scanInPieces('[1] [2]', 3)).toThrow(/after the end/);
  });

  it('refuses a record over the size cap', () => {
    const scanner = new JsonRecordScanner(10);
    expect(() => scanner.push(Buffer.from('[{"a": "0123456789abcdef"}]'))).toThrow(/larger than 10 bytes/);
  });
});
