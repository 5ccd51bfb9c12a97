/** Which kind of record a value is, when the file does not say: by its shape. */
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && (RECORD_TYPES as readonly string[]).includes(value);
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
