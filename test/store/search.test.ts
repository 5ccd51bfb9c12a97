/** Issue 19: search across title and content through an FTS5 index that triggers keep current. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { migrate, MIGRATIONS } from '../../electron/engine/store/migrations/index.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { ftsQuery, MATCH_END, MATCH_START } from '../../electron/engine/store/search.ts';
import { context, tempDir, writeFile } from '../helpers.ts';

async function call<T>(service: ContextStoreService, name: string, input: unknown): Promise<T> {
  const result = await service.call(name as never, input as never);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

interface Hits {
  items: { id: string; titleSnippet: string; contentSnippet: string }[];
  total: number;
}

describe('searchContexts (FTS5, kept by triggers)', () => {
  it('finds words in title and content by prefix, ranks titles first, marks the match, follows writes', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 's.db') });
    const file = writeFile(
      dir,
      'c.jsonl',
      [
        context('a', { title: 'Sprint planning', content: 'Budget and dates' }),
        context('b', { title: 'Lunch', content: 'We talked about the sprint over soup' }),
        context('c', { title: 'Café notes', content: 'nothing here' }),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    await call(service, 'importData', { files: [file], options: {} });
    const sprint = await call<Hits>(service, 'searchContexts', { query: 'sprin' });
    expect(sprint.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(sprint.total).toBe(2);
    expect(sprint.items[0]!.titleSnippet).toBe(`${MATCH_START}Sprint${MATCH_END} planning`);
    expect(sprint.items[1]!.contentSnippet).toContain(`${MATCH_START}sprint${MATCH_END}`);
    expect((await call<Hits>(service, 'searchContexts', { query: 'cafe' })).items.map((i) => i.id)).toEqual(['c']);
    // Quotes, operators and stray punctuation are words, not FTS5 syntax.
    expect((await call<Hits>(service, 'searchContexts', { query: '"sprint" NEAR(' })).total).toBe(0);
    expect((await call<Hits>(service, 'searchContexts', { query: '  ' })).total).toBe(0);

    // An overwrite and an undo keep the index in step with the table.
    const again = writeFile(dir, 'd.jsonl', JSON.stringify(context('a', { title: 'Retro', content: 'went well' })));
    const op = await call<{ operationId: string }>(service, 'importData', { files: [again], options: { overwriteExisting: true } });
    expect((await call<Hits>(service, 'searchContexts', { query: 'planning' })).total).toBe(0);
    expect((await call<Hits>(service, 'searchContexts', { query: 'retro' })).items.map((i) => i.id)).toEqual(['a']);
    await call(service, 'undoImport', { operationId: op.operationId });
    expect((await call<Hits>(service, 'searchContexts', { query: 'planning' })).items.map((i) => i.id)).toEqual(['a']);
    expect((await call<Hits>(service, 'searchContexts', { query: 'retro' })).total).toBe(0);
    await service.close();
  });

  it('migration 004 indexes the contexts a store already had', () => {
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    old.prepare("INSERT INTO contexts (id, title, content, created_at) VALUES ('k', 'Kickoff', 'scope', '2024-01-01T00:00:00.000Z')").run();
    old.close();
    const store = Store.open(file);
    expect(store.db.prepare("SELECT count(*) AS n FROM contexts_fts WHERE contexts_fts MATCH 'kickoff'").get()).toEqual({ n: 1 });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it('turns typed text into a safe query', () => {
    expect(ftsQuery('sprint plan')).toBe('"sprint"* "plan"*');
    expect(ftsQuery('"; DROP')).toBe('"DROP"*');
    expect(ftsQuery('…')).toBeNull();
  });
});
