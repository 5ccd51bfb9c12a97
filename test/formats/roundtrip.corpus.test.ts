/**
 * The fixed hostile corpus (test/fixtures/formats/hostile-corpus.json) and a 1 MB content, through every
 * format and data type: export then import gives back every record exactly. Also: without metadata, records
 * come back with empty metadata and everything else intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe as group, expect, test } from 'vitest';
import { DATA_TYPES, FORMATS, describe, roundTrip, type Seed } from './helpers.ts';

const corpus = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/formats/hostile-corpus.json'), 'utf8')) as Required<Seed>;

const oneMegabyte = 'line of text with <markup> & "quotes", commas; ``` fences\r\n## Item 9\n**id:** x\n\u001b[0m\n'.repeat(12000).slice(0, 1024 * 1024);
corpus.contexts.push({
  id: 'ctx-1mb',
  title: 'one megabyte',
  content: oneMegabyte,
  type: 'big',
  tags: ['big,file'],
  sessionId: null,
  createdAt: '2024-02-01T00:00:00.000Z',
  metadata: { size: oneMegabyte.length },
});

for (const format of FORMATS) {
  group(`${format} with the hostile corpus`, () => {
    for (const dataType of DATA_TYPES) {
      test(`${dataType}: every record comes back exactly`, async () => {
        const result = await roundTrip(format, dataType, corpus);
        expect(result.importResult.status, describe(result.importResult)).toBe('completed');
        for (const type of Object.keys(result.before)) {
          expect(result.before[type]!.length).toBeGreaterThan(0);
          expect(result.after[type]).toEqual(result.before[type]);
        }
        if (dataType === 'contexts' || dataType === 'all') {
          const big = result.after.contexts!.find((c) => c.id === 'ctx-1mb') as { content: string } | undefined;
          expect(big?.content).toBe(oneMegabyte);
          const proto = result.after.contexts!.find((c) => c.id === 'ctx-proto') as { metadata: Record<string, unknown> };
          expect(Object.prototype.hasOwnProperty.call(proto.metadata, '__proto__')).toBe(true);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }
      });
    }

    test('without metadata: metadata is left out, the rest comes back', async () => {
      const result = await roundTrip(format, 'contexts', { contexts: corpus.contexts.slice(0, 40) }, { exportOptions: { includeMetadata: false } });
      expect(result.importResult.status, describe(result.importResult)).toBe('completed');
      const expected = result.before.contexts!.map((c) => ({ ...c, metadata: {} }));
      expect(result.after.contexts).toEqual(expected);
    });
  });
}
