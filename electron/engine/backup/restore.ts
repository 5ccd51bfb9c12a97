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
import type { RestoreResult } from '../../../shared/backup.ts';
import type { Store } from '../store/store.ts';
import { openInput } from '../envelope/input.ts';
import { summarise } from '../store/store-summary.ts';
import { prepareCopyForRestore } from '../store/snapshot-file.ts';
import { attachCopy, compareTable, copyInFromCopy, detachCopy, summariseCopy } from '../store/restore-copy.ts';
import { listSnapshots, hashFile, takeSnapshot } from './snapshot.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
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
    const { check } = prepareCopyForRestore(copy);
    if (check !== 'ok')
      throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `${path.basename(source)} is damaged: SQLite's integrity check says ${String(check)}.`, {
        file: source,
      });
    attachCopy(store.db, copy);
    attached = true;
    const current = summarise(store.db);
    const restored = summariseCopy(store.db);
    const changes = COMPARED.map(([dataType, table]) => compareTable(store.db, dataType, table));
    const result: RestoreResult = { dryRun: options.dryRun, file: source, snapshotId, current, restored, changes, durationMs: 0 };
    if (!options.dryRun) {
      detachCopy(store.db);
      attached = false;
      result.safetyBackup = await takeSnapshot(store, { reason: 'before-restore' });
      attachCopy(store.db, copy);
      attached = true;
      await copyInFromCopy(store.db);
    }
    result.durationMs = Date.now() - started;
    return result;
  } finally {
    if (attached) detachCopy(store.db);
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
