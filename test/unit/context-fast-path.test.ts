import { describe, expect, it } from 'vitest';
import { fastValidContext } from '../../electron/engine/pipeline/context-fast-path.ts';
import { ContextSchema } from '../../shared/model.ts';

const base = { id: 'a', title: 't', content: 'c', createdAt: '2024-01-02T03:04:05.000Z' };

describe('the compiled context check (validation hot path)', () => {
  it('gives what the schema gives for the records it takes', () => {
    const accepted = [
      base,
      {
        ...base,
        type: 'idea',
        tags: ['a', 'ü'],
        sessionId: 's-1',
        updatedAt: '2024-02-03T00:00:00+02:00',
        metadata: { importance: 'high', n: [1, { a: null }], source: 'x' },
      },
      { ...base, sessionId: null, createdAt: '2024-01-02T03:04Z' },
    ];
    for (const record of accepted) expect(fastValidContext({ ...record })).toEqual(ContextSchema.parse(record));
  });

  it('leaves to the schema everything it is not sure of, so messages come from one place', () => {
    const doubtful = [
      { ...base, id: '' },
      { ...base, type: '' },
      { ...base, tags: 'a' },
      { ...base, tags: [1] },
      { ...base, sessionId: 3 },
      { ...base, createdAt: '2024-01-02 03:04:05' },
      { ...base, createdAt: 'someday' },
      { ...base, updatedAt: '2024-13-01T00:00:00Z' },
      { ...base, metadata: { importance: 'urgent' } },
      { ...base, metadata: { source: 1 } },
      { ...base, metadata: { n: Number.NaN } },
      { ...base, metadata: [] },
      { ...base, attachments: [] },
      { ...base, unknown: 1 },
    ];
    for (const record of doubtful) expect(fastValidContext(record as Record<string, unknown>)).toBeUndefined();
  });
});
