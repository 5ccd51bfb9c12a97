/**
 * Restoring a snapshot: the file is unwrapped (decrypted, decompressed, checked) into a private copy, brought
 * to this version's schema, compared with the store (the dry run: counts per data type, records that would be
 * removed, come back or change, the newest record on each side), and only then, after the current store was
 * itself kept as a snapshot, copied in inside one transaction. History (operations) and the snapshot list stay:
 * a restore is something that happened, not something that un-happens the record of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { RestoreResult, TableChange } from '../../../shared/backup.ts';
import type { Store } from '../store/store.ts';
import { openDatabase } from '../store/open.ts';
import { openInput } from '../envelope/input.ts';
import { summarise } from './summary.ts';
import { listSnapshots, hashFile, takeSnapshot } from './snapshot.ts';
import { withWriteTransaction } from '../store/transaction.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables that describe the store's life rather than its data: a restore keeps the current ones. */
const KEPT_TABLES = new Set(['operations', 'import_journal', 'snapshots', 'backup_settings', 'export_destinations']);
const COMPARED = [
  ['contexts', 'contexts'],
  ['sessions', 'sessions'],
  ['templates', 'templates'],
] as const;

export interface RestoreOptions {
  file?: string;
  beforeOperationId?: string;
  dryRun: boolean;
  passphrase?: string;
  key?: string;
}

export async function restoreSnapshot(store: Store, options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  let file = options.file;
  let snapshotId: string | undefined;
  if (options.beforeOperationId) {
    const snapshot = listSnapshots(store, { operationId: options.beforeOperationId }).find((s) => s.reason === 'before-import');
    if (!snapshot) {
      throw new AppError(
        ERROR_CODES.NOT_FOUND,
        `No snapshot was taken before operation ${options.beforeOperationId} (only large, overwriting or merging imports take one; a small import can be undone instead).`,
        { field: 'beforeOperationId' },
      );
    }
    file = snapshot.path;
    snapshotId = snapshot.snapshotId;
  }
  const source = path.resolve(file!);
  if (!fs.existsSync(source)) throw new AppError(ERROR_CODES.FILE_NOT_FOUND, `${source} does not exist.`, { file: source });
  await checkSidecarChecksum(source);
  const copy = path.join(path.dirname(store.path), `.restore-${crypto.randomBytes(6).toString('hex')}.db`);
  let attached = false;
  try {
    await unwrapTo(source, copy, options);
    // Brings an older snapshot to this schema (a newer one is refused by the same check the store uses).
    const db = openDatabase(copy, {});
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `${path.basename(source)} is damaged: SQLite's integrity check says ${String(check)}.`, {
          file: source,
        });
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    store.db.prepare('ATTACH DATABASE ? AS restore_src').run(copy);
    attached = true;
    const current = summarise(store.db);
    const restored = summarise(store.db, 'restore_src');
    const changes = COMPARED.map(([dataType, table]) => tableChange(store, dataType, table));
    const result: RestoreResult = { dryRun: options.dryRun, file: source, snapshotId, current, restored, changes, durationMs: 0 };
    if (!options.dryRun) {
      store.db.exec('DETACH DATABASE restore_src');
      attached = false;
      result.safetyBackup = await takeSnapshot(store, { reason: 'before-restore' });
      store.db.prepare('ATTACH DATABASE ? AS restore_src').run(copy);
      attached = true;
      await copyIn(store);
    }
    result.durationMs = Date.now() - started;
    return result;
  } finally {
    if (attached) store.db.exec('DETACH DATABASE restore_src');
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(copy + suffix, { force: true });
  }
}

/** `FILE.sha256` (written by backup) must match when it is there: a damaged or swapped backup is refused before anything. */
async function checkSidecarChecksum(file: string): Promise<void> {
  const sidecar = `${file}.sha256`;
  if (!fs.existsSync(sidecar)) return;
  const expected = fs.readFileSync(sidecar, 'utf8').trim().split(/\s+/)[0];
  if (expected && (await hashFile(file)) !== expected) {
    throw new AppError(
      ERROR_CODES.INTEGRITY_ERROR,
      `${path.basename(file)} does not match its checksum in ${path.basename(sidecar)}: it was damaged or replaced.`,
      { file },
    );
  }
}

/** A plain SQLite file is copied; anything else goes through the envelope (decrypt, decompress) and must turn out to be one. */
async function unwrapTo(source: string, target: string, secret: { passphrase?: string; key?: string }): Promise<void> {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(source, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.equals(SQLITE_MAGIC)) {
    fs.copyFileSync(source, target);
    return;
  }
  const opened = await openInput(source, { passphrase: secret.passphrase, key: secret.key, limits: { maxRatio: 10_000 } });
  const out = fs.openSync(target, 'w');
  let first = true;
  try {
    for await (const chunk of opened.stream) {
      if (first && !(chunk.length >= 16 && chunk.subarray(0, 16).equals(SQLITE_MAGIC))) {
        throw new AppError(ERROR_CODES.UNSUPPORTED_FORMAT, `${path.basename(source)} is not a Context Store backup (no SQLite database inside).`, {
          file: source,
        });
      }
      first = false;
      fs.writeSync(out, chunk);
    }
  } finally {
    fs.closeSync(out);
  }
  if (first) throw new AppError(ERROR_CODES.UNSUPPORTED_FORMAT, `${path.basename(source)} is empty.`, { file: source });
}

function tableChange(store: Store, dataType: string, table: string): TableChange {
  const n = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
  const columns = sharedColumns(store, table)
    .map((c) => `"${c}"`)
    .join(', ');
  return {
    dataType,
    current: n(`SELECT count(*) AS n FROM main.${table}`),
    restored: n(`SELECT count(*) AS n FROM restore_src.${table}`),
    removed: n(`SELECT count(*) AS n FROM main.${table} WHERE id NOT IN (SELECT id FROM restore_src.${table})`),
    added: n(`SELECT count(*) AS n FROM restore_src.${table} WHERE id NOT IN (SELECT id FROM main.${table})`),
    changed: n(
      `SELECT count(*) AS n FROM (SELECT ${columns} FROM main.${table} WHERE id IN (SELECT id FROM restore_src.${table}) EXCEPT SELECT ${columns} FROM restore_src.${table})`,
    ),
  };
}

function columnsOf(store: Store, schema: string, table: string): string[] {
  return (store.db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((r) => r.name);
}

function sharedColumns(store: Store, table: string): string[] {
  const theirs = new Set(columnsOf(store, 'restore_src', table));
  return columnsOf(store, 'main', table).filter((c) => theirs.has(c));
}

/** The data tables: every ordinary table but SQLite's own, the kept ones and a virtual table's shadow tables. */
function dataTables(store: Store): string[] {
  const rows = store.db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
    name: string;
    sql: string;
  }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL/i.test(r.sql)).map((r) => r.name);
  return rows.filter((r) => !/^CREATE VIRTUAL/i.test(r.sql) && !KEPT_TABLES.has(r.name) && !virtual.some((v) => r.name.startsWith(`${v}_`))).map((r) => r.name);
}

async function copyIn(store: Store): Promise<void> {
  const theirs = new Set((store.db.prepare("SELECT name FROM restore_src.sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const tables = dataTables(store);
  await withWriteTransaction(store.db, () => {
    store.db.pragma('defer_foreign_keys = ON');
    // Deleting through the tables (not the file) fires their triggers, so derived indexes (search) follow.
    for (const table of [...tables].reverse()) store.db.exec(`DELETE FROM main."${table}"`);
    for (const table of tables) {
      if (!theirs.has(table)) continue;
      const columns = sharedColumns(store, table)
        .map((c) => `"${c}"`)
        .join(', ');
      store.db.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM restore_src."${table}"`);
    }
    // Imports whose records the restore took away can no longer be undone record by record.
    store.db.exec(
      "UPDATE main.operations SET undo_state = NULL WHERE undo_state = 'available' AND id NOT IN (SELECT id FROM restore_src.operations WHERE undo_state = 'available')",
    );
  });
}
