/** Which kind of record a value is, when the file does not say: by its shape. */
import { RECORD_TYPES, type RecordType } from './model.ts';

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && (RECORD_TYPES as readonly string[]).includes(value);
}

/** The record type a data type names, contexts for `all` and `auto-detect` (what a mapping maps onto). */
export function recordTypeOr(value: unknown, fallback: RecordType = 'contexts'): RecordType {
  return isRecordType(value) ? value : fallback;
}

/** "context", "session", "template": for messages. */
export function singular(type: RecordType): string {
  return type === 'contexts' ? 'context' : type === 'sessions' ? 'session' : 'template';
}

/** Keys a container (a JSON object, an XML root) may hold record lists under, for any one type. */
export const GENERIC_SECTIONS = new Set(['data', 'items', 'records', 'item', 'rows']);

export function sectionRecordType(section: string | undefined): RecordType | undefined {
  return isRecordType(section) ? section : undefined;
}

export function guessRecordType(value: unknown): RecordType | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if ('schema' in v || 'transformation' in v) return 'templates';
  if ('title' in v || 'content' in v) return 'contexts';
  if ('name' in v) return 'sessions';
  return undefined;
}
