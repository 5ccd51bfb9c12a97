/** The export fast path (JSON built by SQLite) must say exactly what the object path says. */
import { describe, expect, it } from 'vitest';
import { projectRecord } from '../../electron/engine/pipeline/project.ts';
import { hostileContexts, tempStore } from '../helpers.ts';

describe('SQLite-built JSON', () => {
  for (const includeMetadata of [true, false]) {
    it(`equals JSON.stringify of the projected record (metadata ${includeMetadata ? 'in' : 'out'})`, () => {
      const store = tempStore();
      store.db.transaction(() => {
        for (const c of hostileContexts()) store.contexts.insert(c);
        store.sessions.insert({ id: 's1', name: 'n "q"\n', description: '\u001b', createdAt: '2024-01-01T00:00:00.000Z', metadata: { a: [1, { b: null }] } });
        store.sessions.insert({
          id: 's2',
          name: '',
          description: '',
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-02-01T00:00:00.000Z',
          metadata: {},
        });
      })();
      for (const type of ['contexts', 'sessions'] as const) {
        const repo = store.repository(type);
        const fast = [...repo.iterateJson({}, { includeMetadata, includeBinaryData: false })];
        const slow = [...repo.iterate({})];
        expect(fast.length).toBe(slow.length);
        fast.forEach((row, i) => {
          expect(Buffer.isBuffer(row)).toBe(true);
          expect((row as Buffer).toString('utf8')).toBe(JSON.stringify(projectRecord(type, slow[i]!, { includeMetadata, includeBinaryData: false })));
        });
      }
    });
  }

  it('falls back to the record for contexts with attachments', () => {
    const store = tempStore();
    store.contexts.insert({ ...hostileContexts()[0]!, attachments: [{ name: 'a', mimeType: 'text/plain', data: Buffer.from('hi').toString('base64') }] });
    const [row] = [...store.contexts.iterateJson({}, { includeMetadata: true, includeBinaryData: true })];
    expect(Buffer.isBuffer(row)).toBe(false);
    expect((row as { attachments: { data: string }[] }).attachments[0]!.data).toBe(Buffer.from('hi').toString('base64'));
  });
});
