/**
 * Files next to the store that let processes sharing it talk while an import holds the write lock.
 *
 * Cancel from another process (`context-store ops cancel ID` in a second shell): the running import holds the
 * store's write lock, so the request cannot go through the database. It is a small file next to the store,
 * which the process running the operation looks for on its progress timer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OperationProgress } from '../../../shared/operations.ts';

export function cancelRequestPath(storePath: string, operationId: string): string {
  return `${path.resolve(storePath)}.cancel-${operationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A store that is not a file (`:memory:`) has no neighbours to talk through. */
const noFiles = (storePath: string) => storePath === ':memory:' || storePath === '';

export function requestCancel(storePath: string, operationId: string): void {
  fs.writeFileSync(cancelRequestPath(storePath, operationId), `${process.pid}\n`);
}

/** True (and the request consumed) when someone asked to cancel this operation. */
export function takeCancelRequest(storePath: string, operationId: string): boolean {
  if (noFiles(storePath)) return false;
  const file = cancelRequestPath(storePath, operationId);
  if (!fs.existsSync(file)) return false;
  clearCancelRequest(storePath, operationId);
  return true;
}

export function clearCancelRequest(storePath: string, operationId: string): void {
  try {
    fs.rmSync(cancelRequestPath(storePath, operationId), { force: true });
  } catch {
    /* already gone */
  }
}

/**
 * Live progress for other processes (`ops show` in a second shell, the app watching a CLI import): the process
 * running an operation keeps its latest progress in a small file next to the store, as the database is
 * locked by the very import being watched.
 */
export function progressFilePath(storePath: string, operationId: string): string {
  return `${path.resolve(storePath)}.progress-${operationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function writeProgressFile(storePath: string, progress: OperationProgress): void {
  if (noFiles(storePath)) return;
  try {
    const file = progressFilePath(storePath, progress.operationId);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(progress));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    /* best effort: progress elsewhere is a convenience */
  }
}

export function readProgressFile(storePath: string, operationId: string): OperationProgress | undefined {
  try {
    return JSON.parse(fs.readFileSync(progressFilePath(storePath, operationId), 'utf8')) as OperationProgress;
  } catch {
    return undefined;
  }
}

export function removeProgressFile(storePath: string, operationId: string): void {
  try {
    fs.rmSync(progressFilePath(storePath, operationId), { force: true });
  } catch {
    /* already gone */
  }
}
