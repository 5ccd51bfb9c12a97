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
    migrate(v1, MIGRATIONS.filter((m) => m.version === 1));
    v1.prepare("INSERT INTO contexts (id, title, content, created_at) VALUES ('c1', 't', 'x', '2024-01-01T00:00:00.000Z')").run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const store = Store.open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.contexts.get('c1')?.title).toBe('t');
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['operations', 'import_journal']));
    store.db.prepare("INSERT INTO operations (id, type, status, user, started_at) VALUES ('op_1', 'import', 'running', 'me', '2024-01-01T00:00:00.000Z')").run();
    expect(() => store.db.prepare("INSERT INTO import_journal (operation_id, data_type, record_id, action) VALUES ('op_1', 'contexts', 'c1', 'delete')").run()).toThrow(/CHECK/);
    store.close();
  });
});
