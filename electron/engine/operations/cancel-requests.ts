/**
 * Cancel from another process (`context-store ops cancel ID` in a second shell): the running import holds the
 * store's write lock, so the request cannot go through the database. It is a small file next to the store,
 * which the process running the operation looks for on its progress timer.
 */
import fs from 'node:fs';

export function cancelRequestPath(storePath: string, operationId: string): string {
  return `${storePath}.cancel-${operationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function requestCancel(storePath: string, operationId: string): void {
  fs.writeFileSync(cancelRequestPath(storePath, operationId), `${process.pid}\n`);
}

/** True (and the request consumed) when someone asked to cancel this operation. */
export function takeCancelRequest(storePath: string, operationId: string): boolean {
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
