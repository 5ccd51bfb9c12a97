/** The contract's backup, restore and verify calls, and the two hooks the import and export calls go through. */
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract.ts';
import type { ExportOptions, ExportResult, ImportOptions } from '../../../shared/options.ts';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Store } from '../store/store.ts';
import { listSnapshots, takeSnapshot } from './snapshot.ts';
import { readBackupSettings, updateBackupSettings } from '../store/backup-settings.ts';
import { DEFAULT_DESTINATION, advanceDestination, captureWatermark, destinationWatermark, listDestinations } from '../store/export-destinations.ts';
import { fileInArchive } from './archive.ts';
import { log, withOperation } from '../logging/logger.ts';

type BackupCalls = Pick<
  Handlers,
  'backupStore' | 'restoreStore' | 'listSnapshots' | 'verifyExport' | 'getBackupSettings' | 'updateBackupSettings' | 'listExportDestinations'
>;

/** Restore and verify read snapshots and exports (the envelope, every format's reader): loaded when first called. */
export function backupHandlers(store: Store): BackupCalls {
  return {
    backupStore: async ({ outputPath, compression, encryption, archiveDir }) =>
      takeSnapshot(store, { outputPath, compression, encryption, archiveDir, reason: 'manual' }),
    restoreStore: async (input) => (await import('./restore.ts')).restoreSnapshot(store, input),
    listSnapshots: async ({ operationId, limit }) => listSnapshots(store, { operationId, limit }),
    verifyExport: async ({ file, afterOperationId, limit, passphrase, key }) => {
      if (afterOperationId) return (await import('../verify/verify-import.ts')).verifyImport(store, afterOperationId, limit);
      if (!file) throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'Give the export to verify (file) or an import (afterOperationId).', { field: 'file' });
      return (await import('../verify/verify-export.ts')).verifyExport(store, { file, passphrase, key, limit });
    },
    getBackupSettings: async () => readBackupSettings(store.db),
    updateBackupSettings: async (patch) => updateBackupSettings(store.db, patch),
    listExportDestinations: async () => listDestinations(store.db),
  };
}

/**
 * Before an import: a snapshot when it is large, overwrites or merges (or `backup: true`), recorded against the
 * import's operation so "roll back this migration" can find it. `backup: false` skips it.
 */
export async function snapshotBeforeImport(store: Store, files: string[], options: ImportOptions, operationId: string): Promise<void> {
  if (options.dryRun || options.backup === false || store.path === ':memory:') return;
  const merges = (options as { duplicatePolicy?: string; merge?: boolean }).duplicatePolicy === 'merge' || (options as { merge?: boolean }).merge === true;
  const wanted =
    options.backup === true ||
    options.overwriteExisting ||
    merges ||
    (await estimateRecords(files, readBackupSettings(store.db).autoBackupThreshold)) > readBackupSettings(store.db).autoBackupThreshold;
  if (!wanted) return;
  await withOperation(operationId, async () => {
    log().debug({ overwriteExisting: options.overwriteExisting, merges, forced: options.backup === true }, 'taking a snapshot before the import');
    await takeSnapshot(store, { reason: 'before-import', operationId });
  });
}

/**
 * A cheap upper bound on an input's record count, before it is parsed: line breaks of a plain file (every
 * record format here puts at least one between records), or a guess from the size of a packed one. Erring
 * high only means one snapshot too many.
 */
/** Stops counting once past `enough`: only "more than the threshold" matters, so a huge file is not read twice. */
export async function estimateRecords(files: string[], enough = Infinity): Promise<number> {
  let total = 0;
  for (const file of files) {
    let fd: number;
    try {
      const stat = fs.statSync(file);
      // A folder or a zip (a vault, a Takeout): its size says more than its line breaks would.
      if (stat.isDirectory()) {
        total += estimateFolder(file, enough - total);
        if (total > enough) return total;
        continue;
      }
      fd = fs.openSync(file, 'r');
    } catch {
      continue; // the import itself reports a missing file
    }
    try {
      const head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
      const packed = (head[0] === 0x1f && head[1] === 0x8b) || head[0] === 0x89 || /\.(br|brotli|enc|gz)$/i.test(file);
      if (packed) {
        total += Math.ceil(fs.fstatSync(fd).size / 20);
        continue;
      }
    } finally {
      fs.closeSync(fd);
    }
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      const buffer = chunk as Buffer;
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) total++;
      if (total > enough) return total;
    }
  }
  return total;
}

/** Files in a folder, counted up to `enough` (each is at least one record for the presets that read folders). */
function estimateFolder(dir: string, enough: number): number {
  let count = 0;
  const pending = [dir];
  while (pending.length && count <= enough) {
    for (const entry of fs.readdirSync(pending.pop()!, { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(path.join(entry.parentPath, entry.name));
      else count++;
    }
  }
  return count;
}

/** `since: 'last'` becomes the destination's watermark filter; undefined when the export names no destination. */
export function prepareIncrementalExport(store: Store, options: ExportOptions): { options: ExportOptions; finish: (result: ExportResult) => void } {
  if (!options.since && !options.destination && !options.archiveDir) return { options, finish: () => {} };
  const name = options.destination ?? DEFAULT_DESTINATION;
  const mark = captureWatermark(store.db);
  let prepared = options;
  if (options.since === 'last') {
    const previous = destinationWatermark(store.db, name);
    if (previous) prepared = { ...options, filters: { ...options.filters, changedSince: previous } };
  }
  return {
    options: prepared,
    finish: (result) => {
      if (result.status !== 'completed') return;
      if (options.since || options.destination) advanceDestination(store.db, name, mark, { operationId: result.operationId, path: result.filePath });
      if (options.archiveDir) {
        fileInArchive(options.archiveDir, {
          id: result.exportId,
          kind: 'export',
          createdAt: new Date().toISOString(),
          counts: { [result.dataType]: result.recordCount },
          files: result.files,
        });
      }
    },
  };
}
