/** A failed call as the UI sees it: the service's error value (code, message, where) as a throwable. */
import type { ErrorCode, ErrorValue } from '../../../shared/errors.ts';

export class ClientError extends Error implements ErrorValue {
  readonly code: ErrorCode;
  readonly record?: number;
  readonly field?: string;
  readonly file?: string;
  readonly data?: unknown;
  /** The HTTP status, in the browser host. */
  readonly status?: number;

  constructor(value: ErrorValue, status?: number) {
    super(value.message);
    this.name = 'ClientError';
    this.code = value.code;
    this.record = value.record;
    this.field = value.field;
    this.file = value.file;
    this.data = value.data;
    this.status = status;
  }

  toValue(): ErrorValue {
    const { code, message, record, field, file, data } = this;
    return { code, message, record, field, file, data };
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}
