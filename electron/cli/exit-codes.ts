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

/**
 * Input that cannot be read as a whole: a file that does not parse (truncated JSON), a bad gzip stream. (A wrong
 * passphrase or a tampered file stays 1: the envelope's contract.) The same codes with a record number are one bad record in a readable file, which
 * in strict mode fails the import (1), not the input (2).
 */
const UNREADABLE_WHEN_FILE_LEVEL = new Set<string>([ERROR_CODES.PARSE_ERROR, ERROR_CODES.DATA_TYPE_UNDETECTED, ERROR_CODES.DECOMPRESS_FAILED]);

export function exitCodeForError(error: ErrorValue | undefined): number {
  if (!error) return EXIT.FAILED;
  if (INPUT_PROBLEMS.has(error.code)) return EXIT.USAGE;
  if (UNREADABLE_WHEN_FILE_LEVEL.has(error.code) && !(error.record && error.record > 0)) return EXIT.USAGE;
  return EXIT.FAILED;
}

export function exitCodeForStatus(status: string, error?: ErrorValue): number {
  if (status === 'completed') return EXIT.OK;
  if (status === 'completed_with_errors') return EXIT.PARTIAL;
  return exitCodeForError(error);
}
