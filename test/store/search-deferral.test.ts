/**
 * Issue 15: an import indexes its new contexts for search in one statement before COMMIT (migration 012), not
 * row by row. The index must stay exactly what the per-row triggers would have built, whatever the import does
 * to the rows it has just inserted, and a rolled-back import must leave neither rows nor terms behind.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import type { Db } from '../../electron/engine/store/open.ts';
import { deferSearchIndex } from '../../electron/engine/store/search-deferral.ts';
import { searchContexts } from '../../electron/engine/store/search.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { context, tempDir, tempStore, writeFile } from '../helpers.ts';

/** FTS5's own check of the index against the content table: throws on any term too many or too few. */
function integrityCheck(db: Db): void {
  db.prepare("INSERT INTO contexts_fts (contexts_fts, rank) VALUES ('integrity-check', 1)").run();
}

const ids = (db: Db, text: string) =>
  searchContexts(db, text, { limit: 100, offset: 0 })
    .hits.map((h) => h.id)
    .sort();

const insert = (db: Db, id: string, title: string, content: string) =>
  db
    .prepare("INSERT INTO contexts (id, title, content, type, tags, created_at, metadata) VALUES (?, ?, ?, 'note', '[]', '2024-01-01T00:00:00.000Z', '{}')")
    .run(id, title, content);

describe('deferred search indexing (migration 012)', () => {
  it('indexes what the transaction inserted, updated and deleted exactly as the per-row triggers would', () => {
    const store = tempStore();
    const db = store.db;
    insert(db, 'old-1', 'alpha', 'kept as it was');
    insert(db, 'old-2', 'bravo', 'overwritten later');
    insert(db, 'old-max', 'charlie', 'deleted, and its rowid taken again');

    db.exec('BEGIN IMMEDIATE');
    const search = deferSearchIndex(db);
    insert(db, 'new-1', 'delta', 'inserted');
    insert(db, 'new-2', 'echo', 'inserted then retitled');
    insert(db, 'new-3', 'foxtrot', 'inserted then deleted');
    db.prepare("UPDATE contexts SET title = 'golf' WHERE id = 'new-2'").run();
    db.prepare("DELETE FROM contexts WHERE id = 'new-3'").run();
    db.prepare("UPDATE contexts SET title = 'hotel' WHERE id = 'old-2'").run();
    // Until the catch-up, the new rows are not searchable in this transaction; the old ones stay current.
    expect(ids(db, 'delta')).toEqual([]);
    expect(ids(db, 'hotel')).toEqual(['old-2']);
    search.catchUp();
    db.exec('COMMIT');

    integrityCheck(db);
    expect(ids(db, 'alpha')).toEqual(['old-1']);
    expect(ids(db, 'bravo')).toEqual([]);
    expect(ids(db, 'hotel')).toEqual(['old-2']);
    expect(ids(db, 'charlie')).toEqual(['old-max']);
    expect(ids(db, 'delta')).toEqual(['new-1']);
    expect(ids(db, 'echo')).toEqual([]);
    expect(ids(db, 'golf')).toEqual(['new-2']);
    expect(ids(db, 'foxtrot')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM search_index_deferral').pluck().get()).toBe(0);
    // After the deferral, the triggers keep every row current again, new ones included.
    db.prepare("UPDATE contexts SET content = 'juliet' WHERE id = 'new-1'").run();
    expect(ids(db, 'juliet')).toEqual(['new-1']);
    integrityCheck(db);
    store.close();
  });

  it('an old row deleted during the deferral frees a rowid a new row may take: the catch-up still indexes it', () => {
    const store = tempStore();
    const db = store.db;
    insert(db, 'old-1', 'alpha', 'kept');
    insert(db, 'old-max', 'charlie', 'deleted, and its rowid taken again');
    db.exec('BEGIN IMMEDIATE');
    const search = deferSearchIndex(db);
    db.prepare("DELETE FROM contexts WHERE id = 'old-max'").run();
    insert(db, 'reused', 'india', 'a rowid the store had before');
    expect(db.prepare("SELECT rowid FROM contexts WHERE id = 'reused'").pluck().get()).toBe(2);
    search.catchUp();
    db.exec('COMMIT');
    integrityCheck(db);
    expect(ids(db, 'charlie')).toEqual([]);
    expect(ids(db, 'india')).toEqual(['reused']);
    expect(ids(db, 'alpha')).toEqual(['old-1']);
    store.close();
  });

  it('a rolled-back transaction leaves no deferral and no terms behind', () => {
    const store = tempStore();
    insert(store.db, 'kept', 'kilo', 'before');
    store.db.exec('BEGIN IMMEDIATE');
    const search = deferSearchIndex(store.db);
    insert(store.db, 'gone', 'lima', 'rolled back');
    search.catchUp();
    store.db.exec('ROLLBACK');
    expect(store.db.prepare('SELECT count(*) FROM search_index_deferral').pluck().get()).toBe(0);
    expect(ids(store.db, 'lima')).toEqual([]);
    insert(store.db, 'after', 'mike', 'indexed by its trigger');
    expect(ids(store.db, 'mike')).toEqual(['after']);
    integrityCheck(store.db);
    store.close();
  });

  it('refuses to defer outside a transaction, where nothing would catch up', () => {
    const store = tempStore();
    expect(() => deferSearchIndex(store.db)).toThrow(/write transaction/);
    store.close();
  });

  it('a deferral found committed in a store is repaired when the store opens: its rows become searchable', () => {
    const file = path.join(tempDir(), 's.db');
    const first = Store.open(file);
    // What a deferral that was never caught up leaves: its mark, and no insert trigger.
    first.db.prepare('INSERT INTO search_index_deferral (from_rowid) VALUES (0)').run();
    first.db.exec('DROP TRIGGER contexts_fts_insert');
    insert(first.db, 'stranded', 'november', 'never indexed');
    expect(ids(first.db, 'november')).toEqual([]);
    first.close();
    const again = Store.open(file);
    expect(ids(again.db, 'november')).toEqual(['stranded']);
    expect(again.db.prepare('SELECT count(*) FROM search_index_deferral').pluck().get()).toBe(0);
    insert(again.db, 'later', 'oscar', 'indexed by the trigger put back');
    expect(ids(again.db, 'oscar')).toEqual(['later']);
    integrityCheck(again.db);
    again.close();
  });

  it('imports through the service keep the index exact: new rows, overwrites, duplicates in one file, a failed strict import, undo', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 's.db') });
    const call = async (name: string, input: unknown) => {
      const result = await service.call(name as never, input as never);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { operationId: string; status: string };
    };
    const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');
    await call('importData', { files: [writeFile(dir, 'a.jsonl', lines(context('a', { title: 'oscar' }), context('b', { title: 'papa' })))], options: {} });
    const second = await call('importData', {
      files: [writeFile(dir, 'b.jsonl', lines(context('b', { title: 'quebec' }), context('c', { title: 'romeo' }), context('c', { title: 'sierra' })))],
      options: { overwriteExisting: true },
    });
    const db = (service as unknown as { store: Store }).store.db;
    integrityCheck(db);
    expect(ids(db, 'oscar')).toEqual(['a']);
    expect(ids(db, 'papa')).toEqual([]);
    expect(ids(db, 'quebec')).toEqual(['b']);
    const c = db.prepare("SELECT title FROM contexts WHERE id = 'c'").pluck().get() as string;
    expect(ids(db, c)).toEqual(['c']);
    expect(ids(db, c === 'romeo' ? 'sierra' : 'romeo')).toEqual([]);

    // Strict: one invalid record and nothing is written, terms included.
    const failed = await service.call(
      'importData' as never,
      {
        files: [writeFile(dir, 'bad.jsonl', lines(context('d', { title: 'tango' }), { id: 'e' }))],
        options: {},
      } as never,
    );
    expect(failed.ok && (failed.value as { status: string }).status).not.toBe('completed');
    expect(ids(db, 'tango')).toEqual([]);

    await call('undoImport', { operationId: second.operationId });
    integrityCheck(db);
    expect(ids(db, 'papa')).toEqual(['b']);
    expect(ids(db, 'quebec')).toEqual([]);
    expect(ids(db, 'romeo')).toEqual([]);
    await service.close();
  });
});
