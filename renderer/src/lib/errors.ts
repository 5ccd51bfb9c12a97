/** Errors from calls, made readable: every call rejects with an ErrorValue-like object or an Error. */
import type { ErrorValue } from '../../../shared/errors.ts';
import { formatLabelList } from '../../../shared/catalogue/formats.ts';

export function asErrorValue(error: unknown): ErrorValue {
  if (typeof error === 'object' && error !== null && typeof (error as ErrorValue).code === 'string' && typeof (error as ErrorValue).message === 'string') {
    const e = error as ErrorValue;
    return { code: e.code, message: e.message, record: e.record, field: e.field, file: e.file };
  }
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}

const NEXT_STEP: Partial<Record<string, string>> = {
  PASSPHRASE_REQUIRED: 'Enter the passphrase the file was exported with.',
  DECRYPT_FAILED: 'Check the passphrase and try again; a damaged file fails the same way.',
  INTEGRITY_ERROR: 'The file was changed or damaged after export. Export it again from the source.',
  FORMAT_UNDETECTED: 'Choose the format by hand below, or check that this is the file you meant.',
  UNSUPPORTED_FORMAT: `Save the data as ${formatLabelList()} and try again.`,
  PARSE_ERROR: 'Open the file in an editor and fix the place named above, then try again.',
  FILE_NOT_FOUND: 'The file moved or was deleted. Choose it again.',
  STORE_BUSY: 'Another operation is writing. Wait a moment and try again.',
  UNAUTHORIZED: 'Reload the page to reconnect to the app.',
  NOT_IMPLEMENTED: 'This part of the app is not available in this version yet.',
  CANCELLED: 'Nothing was changed.',
};

/** One sentence for a person: what happened, where, and what to do next. */
export function describeError(error: unknown): string {
  const e = asErrorValue(error);
  const where = [e.record !== undefined ? `record ${e.record}` : '', e.field ? `field “${e.field}”` : ''].filter(Boolean).join(', ');
  const next = NEXT_STEP[e.code];
  return `${e.message}${where ? ` (${where})` : ''}${next ? ` ${next}` : ''}`;
}
