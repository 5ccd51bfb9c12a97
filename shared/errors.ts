/**
 * Errors are values: a stable code for programs and tests, a message for a person, and where it happened.
 * They cross every boundary (worker messages, IPC, HTTP, CLI) as plain objects, never as thrown instances.
 */

export const ERROR_CODES = {
  BAD_ARGUMENT: 'BAD_ARGUMENT',
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  FILE_UNREADABLE: 'FILE_UNREADABLE',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  FORMAT_UNDETECTED: 'FORMAT_UNDETECTED',
  DATA_TYPE_UNDETECTED: 'DATA_TYPE_UNDETECTED',
  PARSE_ERROR: 'PARSE_ERROR',
  SCHEMA_MISMATCH: 'SCHEMA_MISMATCH',
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  DUPLICATE_ID: 'DUPLICATE_ID',
  MAPPING_ERROR: 'MAPPING_ERROR',
  TRANSFORM_ERROR: 'TRANSFORM_ERROR',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  PASSPHRASE_REQUIRED: 'PASSPHRASE_REQUIRED',
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  INTEGRITY_ERROR: 'INTEGRITY_ERROR',
  DECOMPRESS_FAILED: 'DECOMPRESS_FAILED',
  CANCELLED: 'CANCELLED',
  INTERRUPTED: 'INTERRUPTED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  STORE_VERSION_TOO_NEW: 'STORE_VERSION_TOO_NEW',
  STORE_BUSY: 'STORE_BUSY',
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** An error as a value. `record` is 1-based, counted in the order the reader produced records. */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  record?: number;
  field?: string;
  file?: string;
  data?: unknown;
}

/** Thrown inside the engine and turned into an ErrorValue at every boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly record?: number;
  readonly field?: string;
  readonly file?: string;
  readonly data?: unknown;

  constructor(code: ErrorCode, message: string, where: Omit<ErrorValue, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.record = where.record;
    this.field = where.field;
    this.file = where.file;
    this.data = where.data;
  }

  toValue(): ErrorValue {
    const value: ErrorValue = { code: this.code, message: this.message };
    if (this.record !== undefined) value.record = this.record;
    if (this.field !== undefined) value.field = this.field;
    if (this.file !== undefined) value.file = this.file;
    if (this.data !== undefined) value.data = this.data;
    return value;
  }
}

export function isErrorValue(value: unknown): value is ErrorValue {
  return typeof value === 'object' && value !== null && typeof (value as ErrorValue).code === 'string' && typeof (value as ErrorValue).message === 'string';
}

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

/** Any thrown thing as an ErrorValue; unknown errors keep their message but never a stack. */
export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof AppError) return error.toValue();
  // Node's own errors (AbortError has code ABORT_ERR) look like error values; only our codes pass as they are.
  if (isErrorValue(error) && KNOWN_CODES.has(error.code)) return error;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: ERROR_CODES.FILE_NOT_FOUND, message: `File not found: ${(error as NodeJS.ErrnoException).path ?? error.message}` };
    if (code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
      return { code: ERROR_CODES.FILE_UNREADABLE, message: `Cannot read ${(error as NodeJS.ErrnoException).path ?? 'the file'}: ${error.message}` };
    }
    if (code === 'SQLITE_BUSY') return { code: ERROR_CODES.STORE_BUSY, message: 'The store is busy with another write; try again in a moment.' };
    if (error.name === 'AbortError') return { code: ERROR_CODES.CANCELLED, message: 'The operation was cancelled.' };
    return { code: ERROR_CODES.INTERNAL, message: error.message };
  }
  return { code: ERROR_CODES.INTERNAL, message: String(error) };
}

/** The result of a call across a boundary: never a thrown error (Electron drops custom fields of those). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
