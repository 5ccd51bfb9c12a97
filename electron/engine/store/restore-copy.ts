/**
 * A snapshot attached beside the store (as `restore_src`), for a restore: compared with the store table by
 * table, then copied in inside one write transaction. History (operations), the journal, the snapshot list,
 * the settings and the destinations stay the current ones: a restore is something that happened, not something
 * that un-happens the record of it.
 */
import type { TableChange } from '../../../shared/backup.ts';
import type { StoreSummary } from '../../../shared/backup.ts';
import type { Db } from './open.ts';
import { summarise } from './store-summary.ts';
import { withWriteTransaction } from './transaction.ts';

const SCHEMA = 'restore_src';
/** Tables that describe the store's life rather than its data: a restore keeps the current ones. */
const KEPT_TABLES = new Set(['operations', 'import_journal', 'snapshots', 'backup_settings', 'export_destinations']);

export function attachCopy(db: Db, file: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(file);
}

export function detachCopy(db: Db): void {
  db.exec(`DETACH DATABASE ${SCHEMA}`);
}

/** What the attached copy holds. */
export function summariseCopy(db: Db): StoreSummary {
  return summarise(db, SCHEMA);
}

/** Counts of one table on each side: records the restore would remove, bring back, or change. */
export function compareTable(db: Db, dataType: string, table: string): TableChange {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const columns = sharedColumns(db, table)
    .map((c) => `"${c}"`)
    .join(', ');
  return {
    dataType,
    current: n(`SELECT count(*) AS n FROM main.${table}`),
    restored: n(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`),
    removed: n(`SELECT count(*) AS n FROM main.${table} WHERE id NOT IN (SELECT id FROM ${SCHEMA}.${table})`),
    added: n(`SELECT count(*) AS n FROM ${SCHEMA}.${table} WHERE id NOT IN (SELECT id FROM main.${table})`),
    changed: n(
      `SELECT count(*) AS n FROM (SELECT ${columns} FROM main.${table} WHERE id IN (SELECT id FROM ${SCHEMA}.${table}) EXCEPT SELECT ${columns} FROM ${SCHEMA}.${table})`,
    ),
  };
}

function columnsOf(db: Db, schema: string, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((r) => r.name);
}

function sharedColumns(db: Db, table: string): string[] {
  const theirs = new Set(columnsOf(db, SCHEMA, table));
  return columnsOf(db, 'main', table).filter((c) => theirs.has(c));
}

/** The data tables: every ordinary table but SQLite's own, the kept ones and a virtual table's shadow tables. */
function dataTables(db: Db): string[] {
  const rows = db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
    name: string;
    sql: string;
  }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL/i.test(r.sql)).map((r) => r.name);
  return rows.filter((r) => !/^CREATE VIRTUAL/i.test(r.sql) && !KEPT_TABLES.has(r.name) && !virtual.some((v) => r.name.startsWith(`${v}_`))).map((r) => r.name);
}

/** Replaces the store's data with the attached copy's, in one write transaction. */
export async function copyInFromCopy(db: Db): Promise<void> {
  const theirs = new Set((db.prepare(`SELECT name FROM ${SCHEMA}.sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  const tables = dataTables(db);
  await withWriteTransaction(db, () => {
    db.pragma('defer_foreign_keys = ON');
    // Deleting through the tables (not the file) fires their triggers, so derived indexes (search) follow.
    for (const table of [...tables].reverse()) db.exec(`DELETE FROM main."${table}"`);
    for (const table of tables) {
      if (!theirs.has(table)) continue;
      const columns = sharedColumns(db, table)
        .map((c) => `"${c}"`)
        .join(', ');
      db.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM ${SCHEMA}."${table}"`);
    }
    // Imports whose records the restore took away can no longer be undone record by record.
    db.exec(
      `UPDATE main.operations SET undo_state = NULL WHERE undo_state = 'available' AND id NOT IN (SELECT id FROM ${SCHEMA}.operations WHERE undo_state = 'available')`,
    );
  });
}
