/**
 * Why a record was rejected, as data: the error code, the field when there is one, and the kind — what went
 * wrong without which record, so a dry run groups 37 bad dates as one group of 37. Producers say the kind
 * (`data.reason` on a record's error, or the field issues); nothing recovers it from message text.
 */
import { ERROR_CODES, type ErrorCode, type ErrorValue } from '../../../shared/errors.ts';
import type { FieldIssue } from './validate-record.ts';

export interface RejectReason {
  code: ErrorCode;
  field?: string;
  kind: string;
}

/** The kind a record's error states for itself (readers and the mapping put it in `data.reason`). */
export function statedKind(error: ErrorValue): string | undefined {
  const data = error.data as { reason?: unknown } | undefined;
  return typeof data?.reason === 'string' ? data.reason : undefined;
}

export function rejectReason(error: ErrorValue, fieldIssues: FieldIssue[] = []): RejectReason {
  const field = error.field ?? fieldIssues[0]?.field;
  if (error.code === ERROR_CODES.DUPLICATE_ID) return { code: error.code, field: 'id', kind: 'duplicate id' };
  if (fieldIssues.length) return { code: error.code, field, kind: fieldIssues.map((i) => `${i.field} ${i.message}`).join('; ') };
  return { code: error.code, field, kind: statedKind(error) ?? error.message };
}

/** An error that states its kind, for the producers of record errors. */
export function recordError(code: ErrorCode, message: string, reason: string, extra: Omit<ErrorValue, 'code' | 'message' | 'data'> = {}): ErrorValue {
  return { code, message, ...extra, data: { reason } };
}
