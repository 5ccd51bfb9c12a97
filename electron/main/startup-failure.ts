/**
 * A start that fails (the store will not open, the SQLite binary will not load, the log folder is not
 * writable…) must not leave an invisible process holding the single-instance lock: every later launch would
 * just focus a window that does not exist. Say what went wrong and where the store is, then exit non-zero.
 */
import { toErrorValue } from '../../shared/errors.ts';

export interface StartupFailureApp {
  releaseSingleInstanceLock(): void;
  exit(code: number): void;
}

export interface ErrorBoxLike {
  showErrorBox(title: string, content: string): void;
}

export const STARTUP_FAILURE_TITLE = 'Context Store could not start';

/** The error box's text: the error (with its code), the store file and the log folder, and what to try. */
export function describeStartupFailure(error: unknown, where: { storePath: string; logFolder: string }): string {
  const value = toErrorValue(error);
  return [
    `${value.message} (${value.code})`,
    '',
    `The store: ${where.storePath}`,
    `The logs: ${where.logFolder}`,
    '',
    'Nothing in the store was changed. If another program holds the file, close it and start again; if the file is damaged, move it aside (a new, empty store is made at that place) and restore a backup with `context-store restore`.',
  ].join('\n');
}

export function failStartup(electron: { app: StartupFailureApp; dialog: ErrorBoxLike }, error: unknown, where: { storePath: string; logFolder: string }): void {
  const text = describeStartupFailure(error, where);
  // Also on stderr: a start from a terminal (or a crash report) keeps the reason after the box is closed.
  console.error(`${STARTUP_FAILURE_TITLE}: ${text}`);
  try {
    electron.dialog.showErrorBox(STARTUP_FAILURE_TITLE, text);
  } finally {
    electron.app.releaseSingleInstanceLock();
    electron.app.exit(1);
  }
}
