/** The CLI's exit codes: a contract for scripts. */
import { ERROR_CODES, type ErrorValue } from '../../shared/errors.ts';

export const EXIT = {
  OK: 0,
  /** The operation failed and nothing was written. */
  FAILED: 1,
  /** Bad arguments or unreadable input. */
  USAGE: 2,
  /** Completed, but some records were rejected. */
  PARTIAL: 3,
} as const;

const INPUT_PROBLEMS = new Set<string>([
  ERROR_CODES.BAD_ARGUMENT,
  ERROR_CODES.FILE_NOT_FOUND,
  ERROR_CODES.FILE_UNREADABLE,
  ERROR_CODES.UNSUPPORTED_FORMAT,
  ERROR_CODES.FORMAT_UNDETECTED,
  ERROR_CODES.PASSPHRASE_REQUIRED,
]);

export function exitCodeForError(error: ErrorValue | undefined): number {
  if (!error) return EXIT.FAILED;
  return INPUT_PROBLEMS.has(error.code) ? EXIT.USAGE : EXIT.FAILED;
}

export function exitCodeForStatus(status: string, error?: ErrorValue): number {
  if (status === 'completed') return EXIT.OK;
  if (status === 'completed_with_errors') return EXIT.PARTIAL;
  return exitCodeForError(error);
}
