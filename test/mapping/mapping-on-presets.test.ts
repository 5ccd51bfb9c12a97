/**
 * A mapping on an import whose records arrive typed (a source preset's sessions and contexts, the app's own
 * `all` export): the wizard's edits, or `--mapping`, reshape the records of the mapping's type (contexts unless
 * said) and leave the others as they came. The wizard used to drop such a mapping in silence (its preview showed
 * the edits; the store got none), since applied to every record it would have broken the sessions.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempStore } from '../helpers.ts';
import type { Context, Session } from '../../shared/model.ts';

const VAULT = path.resolve(__dirname, '../fixtures/real/obsidian-vault');

describe('a mapping on a source preset’s typed records', () => {
  it('reshapes the contexts (a transformation, a field moved) and leaves the sessions as they came', async () => {
    const plain = tempStore();
    await runImport(plain, [VAULT], importOptions({}));
    const before = plain.contexts.list({}, 100, 0) as Context[];
    const store = tempStore();
    const mapping = {
      fieldMappings: {
        id: 'id',
        title: 'title',
        content: 'content',
        type: 'type',
        tags: 'tags',
        sessionId: 'sessionId',
        createdAt: 'createdAt',
        'metadata.source': 'metadata.author',
      },
      transformations: [{ field: 'type', transformation: 'uppercase' as const }],
    };
    const result = await runImport(store, [VAULT], importOptions({ mapping }));
    expect(result.status).toBe('completed');
    expect(result.failedRecords).toBe(0);
    const contexts = store.contexts.list({}, 100, 0) as Context[];
    expect(contexts).toHaveLength(before.length);
    expect(new Set(contexts.map((c) => c.type))).toEqual(new Set(['NOTE']));
    const one = contexts.find((c) => c.title === 'Catan')!;
    expect(one.metadata.author).toBe(before.find((c) => c.title === 'Catan')!.metadata.source);
    expect(one.metadata.source).toBeUndefined();
    expect(before.find((c) => c.title === 'Catan')!.metadata.source).toBe('markdown-notes');
    // The sessions (the vault's folders) are not contexts: the mapping does not touch them.
    const sessions = (list: Session[]) => list.map((s) => ({ name: s.name, metadata: s.metadata })).sort((a, b) => a.name.localeCompare(b.name));
    expect(sessions(store.sessions.list({}, 100, 0) as Session[])).toEqual(sessions(plain.sessions.list({}, 100, 0) as Session[]));
  });
});
