/**
 * The mem0 preset on mem0's own published get_all / search output (test/fixtures/real/SOURCES.md), imported
 * through the real CLI: memory → content, categories → tags, user → session, id and hash kept, dates as given.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const MEM0 = path.resolve(__dirname, '../fixtures/real/mem0');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('mem0 source, mem0 get_all output (paginated {results}) and search output (a list)', () => {
  it('memories become contexts in a session per user, with their categories, dates, id and hash', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', MEM0], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: mem0 memories — 3 memories, 2 sessions');
    const store = Store.open(db);
    opened.push(store);
    const contexts = store.contexts.list({}, 100, 0) as Context[];
    const sessions = store.sessions.list({}, 100, 0) as Session[];
    expect(sessions.map((s) => s.name).sort()).toEqual(['Memories of alex', 'Memories of alex123']);
    const pizza = contexts.find((c) => c.content === 'Likes pizza and pasta')!;
    expect(pizza).toMatchObject({ title: 'Likes pizza and pasta', type: 'memory', tags: ['likes', 'food_preferences'], createdAt: '2024-07-26T07:25:16.566Z' });
    expect(pizza.sessionId).toBe(sessions.find((s) => s.name === 'Memories of alex123')!.id);
    expect(pizza.metadata).toMatchObject({
      source: 'mem0',
      sourceId: '06d8df63-7bd2-4fad-9acb-60871bcecee0',
      hash: 'd2088c936e259f2f5d2d75543d31401c',
      userId: 'alex123',
    });
    // Both memories of alex123 carry the same hash in this output: the id, not the hash, tells them apart.
    expect(contexts.filter((c) => c.metadata!.hash === 'd2088c936e259f2f5d2d75543d31401c')).toHaveLength(2);
    const vegetarian = contexts.find((c) => c.content === 'Vegetarian. Allergic to nuts.')!;
    expect(vegetarian.tags).toEqual(['food_preferences']);
    expect(vegetarian.metadata).toMatchObject({ food: 'vegan', userId: 'alex' });
    expect(vegetarian.createdAt).toBe('2024-07-20T08:30:36.275Z');
  });

  it('a second import with --match source: 0 inserted, everything unchanged', () => {
    const db = path.join(tempDir(), 'store.db');
    expect(cli(['import', MEM0], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const again = cli(['import', MEM0, '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    const result = again.json<{ totalRecords: number; insertedRecords: number; unchangedRecords: number }>();
    expect(result).toMatchObject({ totalRecords: 5, insertedRecords: 0, unchangedRecords: 5 });
  });
});
