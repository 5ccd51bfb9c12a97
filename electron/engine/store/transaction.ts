/**
 * The one way a long write (import, undo, restore) holds the store: BEGIN IMMEDIATE (the write lock taken up
 * front, so it cannot fail half-way for want of it), COMMIT when the work returns and `keep` agrees, ROLLBACK
 * on a throw or when it does not. The work may await (an import yields to the event loop between batches);
 * better-sqlite3's own `transaction()` cannot, since it must be synchronous.
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
