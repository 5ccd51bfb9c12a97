import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../electron/engine/store/migrations/index.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { tempDir } from './helpers.ts';

describe('migration 002 (operations)', () => {
  it('upgrades a version-1 store in place, keeping its data', () => {
    const file = path.join(tempDir(), 'v1.db');
    const v1 = new Database(file);
    migrate(
      v1,
      MIGRATIONS.filter((m) => m.version === 1),
    );
    v1.prepare("INSERT INTO contexts (id, title, content, created_at) VALUES ('c1', 't', 'x', '2024-01-01T00:00:00.000Z')").run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const store = Store.open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.contexts.get('c1')?.title).toBe('t');
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['operations', 'import_journal']));
    store.db
      .prepare("INSERT INTO operations (id, type, status, user, started_at) VALUES ('op_1', 'import', 'running', 'me', '2024-01-01T00:00:00.000Z')")
      .run();
    expect(() =>
      store.db.prepare("INSERT INTO import_journal (operation_id, data_type, record_id, action) VALUES ('op_1', 'contexts', 'c1', 'delete')").run(),
    ).toThrow(/CHECK/);
    store.close();
  });
});

describe('two processes opening a fresh store at once', () => {
  it('the one that read version 0 before the other migrated does not run migration 001 again', () => {
    const file = path.join(tempDir(), 'race.db');
    const first = new Database(file);
    const second = new Database(file);
    first.pragma('journal_mode = WAL');
    // Interleave as two processes do: `second` reads user_version (0), then `first` migrates, then `second`
    // takes the write lock. Before the fix it ran 001 again and failed with "table contexts already exists".
    const pragma = second.pragma.bind(second);
    let reads = 0;
    second.pragma = ((source: string, options?: { simple?: boolean }) => {
      const value = pragma(source, options);
      if (source === 'user_version' && reads++ === 0) migrate(first);
      return value;
    }) as typeof second.pragma;
    expect(() => migrate(second)).not.toThrow();
    expect(pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    first.close();
    second.close();
  });
});
