/**
 * A consistent snapshot of the whole store while it is in use: `VACUUM INTO` runs as one read transaction, so
 * under WAL it sees the store as of one instant (a running import's transaction is either wholly in it or not
 * at all) and never blocks writers (store/snapshot-file.ts). The copy then goes through the export envelope (compression, encryption)
 * to its place, with a SHA-256 beside it (`FILE.sha256`, sha256sum's format) and a row in `snapshots`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { ExportOptionsSchema, type Compression } from '../../../shared/options.ts';
import { COMPRESSION_SUFFIX, ENCRYPTED_SUFFIX } from '../../../shared/file-names.ts';
import type { BackupResult, SnapshotInfo, SnapshotReason, StoreSummary } from '../../../shared/backup.ts';
import type { Store } from '../store/store.ts';
import { newId } from '../pipeline/ids.ts';
import { readBackupSettings } from '../store/backup-settings.ts';
import { inspectCopy, writeConsistentCopy } from '../store/snapshot-file.ts';
import { SnapshotList } from '../store/snapshots.ts';
import { fileInArchive } from './archive.ts';
import { log } from '../logging/logger.ts';
import { whenWritable } from '../operations/perform.ts';

export interface SnapshotOptions {
  outputPath?: string;
  compression?: 'none' | 'gzip' | 'brotli';
  encryption?: { enabled: boolean; passphrase?: string; key?: string };
  reason?: SnapshotReason;
  operationId?: string;
  archiveDir?: string;
}

/** The store's own snapshots folder, next to the store file. */
export function snapshotsDir(store: Store): string {
  return path.join(path.dirname(store.path), 'snapshots');
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d+)Z$/, '$1Z')
    .replace('T', '-');
}

/** Dated to the millisecond, plus a random tag: two processes snapshotting the same store at once never collide. */
export function snapshotFileName(date: Date, reason: SnapshotReason, compression: Compression, encrypted: boolean): string {
  return `context-store-${stamp(date)}-${reason}-${crypto.randomBytes(3).toString('hex')}.db${COMPRESSION_SUFFIX[compression]}${encrypted ? ENCRYPTED_SUFFIX : ''}`;
}

export async function takeSnapshot(store: Store, options: SnapshotOptions = {}): Promise<BackupResult> {
  if (store.path === ':memory:') throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'An in-memory store cannot be backed up to a file.');
  const started = Date.now();
  const createdAt = new Date();
  const reason = options.reason ?? 'manual';
  const compression = options.compression ?? 'none';
  const encrypted = options.encryption?.enabled ?? false;
  const target = path.resolve(options.outputPath ?? path.join(snapshotsDir(store), snapshotFileName(createdAt, reason, compression, encrypted)));
  if (path.resolve(target) === path.resolve(store.path))
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'A backup cannot overwrite the store itself.', { field: 'outputPath' });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const plain = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const snapshotId = newId('snap');
  let summary: StoreSummary;
  let bytes: number;
  let sha256: string;
  try {
    writeConsistentCopy(store.db, plain);
    // Counted from the copy itself: the summary describes exactly what was saved.
    const inspected = inspectCopy(plain);
    if (!inspected.summary) throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The snapshot failed SQLite's check: ${String(inspected.check)}.`);
    summary = inspected.summary;
    if (compression === 'none' && !encrypted) {
      sha256 = await hashFile(plain);
      const fd = fs.openSync(plain, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(plain, target);
      bytes = fs.statSync(target).size;
    } else {
      const envelope = ExportOptionsSchema.parse({
        format: 'json',
        dataType: 'all',
        compression,
        encryption: { ...options.encryption, enabled: encrypted },
        outputPath: target,
      });
      // The envelope's writers (compression, encryption) load only for a snapshot that needs them.
      const { createOutput } = await import('../envelope/output.ts');
      const output = createOutput(target, envelope, { exportId: snapshotId, recordCount: () => 0 });
      try {
        for await (const chunk of fs.createReadStream(plain, { highWaterMark: 1024 * 1024 })) await output.write(chunk as Buffer);
        const written = await output.finish();
        sha256 = written.files[0]!.sha256;
        bytes = written.files[0]!.bytes;
      } catch (error) {
        await output.abort();
        throw error;
      }
    }
  } finally {
    fs.rmSync(plain, { force: true });
  }
  const checksumPath = `${target}.sha256`;
  fs.writeFileSync(checksumPath, `${sha256}  ${path.basename(target)}\n`);
  const info: SnapshotInfo = {
    snapshotId,
    path: target,
    createdAt: createdAt.toISOString(),
    reason,
    operationId: options.operationId ?? null,
    bytes,
    sha256,
    compression,
    encrypted,
    summary,
  };
  if (options.archiveDir)
    info.archivePath = fileInArchive(options.archiveDir, {
      kind: 'backup',
      files: [{ path: target, bytes, sha256 }],
      counts: summary.counts,
      createdAt: info.createdAt,
      id: snapshotId,
    });
  // Another process may be in the middle of a long import: wait for the store like an import does, never fail on busy.
  const snapshots = new SnapshotList(store.db);
  await whenWritable(store.db, () => snapshots.add(info));
  log().info(
    { snapshotId, reason, forOperation: info.operationId, bytes, compression, encrypted, counts: summary.counts, durationMs: Date.now() - started },
    'snapshot written',
  );
  if (reason !== 'manual') await whenWritable(store.db, () => void pruneSnapshots(store));
  return { ...info, checksumPath, durationMs: Date.now() - started };
}

export function listSnapshots(store: Store, filter: { operationId?: string; limit?: number } = {}): SnapshotInfo[] {
  return new SnapshotList(store.db).list(filter);
}

/**
 * Automatic snapshots beyond the newest `keepCount`, or older than `maxAgeDays`, are deleted (file and row).
 * Manual backups are the user's files and never touched.
 */
export function pruneSnapshots(store: Store, now = Date.now()): string[] {
  const { keepCount, maxAgeDays } = readBackupSettings(store.db);
  const snapshots = new SnapshotList(store.db);
  const cutoff = new Date(now - maxAgeDays * 86_400_000).toISOString();
  const removed: string[] = [];
  snapshots.automatic().forEach((snapshot, index) => {
    if (index < keepCount && snapshot.createdAt >= cutoff) return;
    fs.rmSync(snapshot.path, { force: true });
    fs.rmSync(`${snapshot.path}.sha256`, { force: true });
    snapshots.remove(snapshot.snapshotId);
    removed.push(snapshot.snapshotId);
    log().info({ snapshotId: snapshot.snapshotId, reason: snapshot.reason, createdAt: snapshot.createdAt }, 'snapshot pruned');
  });
  return removed;
}

/**
 * A store up to this size is hashed from one synchronous read (~1 ms for a small store): streamed, its few
 * 64 KiB reads each wait a turn of the event loop, ~25 ms of a one-record import's snapshot while the CLI's
 * worker starts. Larger files stream, so the thread is never held for long.
 */
const ONE_READ_BYTES = 4 * 1024 * 1024;

export async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  if (fs.statSync(file).size <= ONE_READ_BYTES) return hash.update(fs.readFileSync(file)).digest('hex');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
