/**
 * The two ways a write holds the store. `withWriteTransaction`, for a long write (import, undo, restore):
 * BEGIN IMMEDIATE (the write lock taken up front, so it cannot fail half-way for want of it), COMMIT when the
 * work returns and `keep` agrees, ROLLBACK on a throw or when it does not. The work may await (an import yields
 * to the event loop between batches); better-sqlite3's own `transaction()` cannot, since it must be synchronous.
 * `inWriteTransaction`, for a short one that must not await. No SQL transaction is begun anywhere else.
 */
import type { Db } from './open.ts';

export interface WriteTransactionOptions<T> {
  /** False for a result that must leave nothing behind (an undo that refused). Default: keep. */
  keep?: (result: T) => boolean;
  /** Runs inside the transaction right before COMMIT (the journal's last write). */
  beforeCommit?: (result: T) => void;
}

export async function withWriteTransaction<T>(db: Db, work: () => T | Promise<T>, options: WriteTransactionOptions<T> = {}): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  try {
    const result = await work();
    if (options.keep && !options.keep(result)) return result;
    options.beforeCommit?.(result);
    db.exec('COMMIT');
    open = false;
    return result;
  } finally {
    // A failed COMMIT (disk full) leaves the transaction open in SQLite too: roll it back as well.
    if (open && db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * The short write that must not await (a history row, a setting, a template): BEGIN IMMEDIATE, the work,
 * COMMIT, all synchronous, so nothing else on this connection runs in between; a throw rolls it back.
 * `busyTimeoutMs` bounds how long this one write waits for another writer (0: not at all), the connection's
 * own timeout coming back afterwards.
 */
export function inWriteTransaction<T>(db: Db, work: () => T, options: { busyTimeoutMs?: number } = {}): T {
  const run = () => db.transaction(work).immediate();
  return options.busyTimeoutMs === undefined ? run() : withBusyTimeout(db, options.busyTimeoutMs, run);
}

/** Runs `work` with the connection waiting at most `ms` for a lock, then puts the connection's timeout back. */
export function withBusyTimeout<T>(db: Db, ms: number, work: () => T): T {
  const normal = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${normal}`);
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock this one needed. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
