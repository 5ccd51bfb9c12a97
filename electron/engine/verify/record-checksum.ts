/**
 * One checksum per record, the same whichever side it comes from: the record as the store's model has it
 * (normalised the way an import would normalise the exported value), with what an export may leave out
 * (attachment bytes; metadata when the export had none) left out on both sides, empty values dropped.
 */
import crypto from 'node:crypto';
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import { canonicalJson } from '../envelope/manifest.ts';
import { validateRecord } from '../pipeline/validate-record.ts';

export interface ComparableOptions {
  includeMetadata: boolean;
}

export function comparable(type: RecordType, record: Record<string, unknown>, options: ComparableOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    if (key === 'metadata' && (!options.includeMetadata || (typeof value === 'object' && Object.keys(value as object).length === 0))) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'attachments' && Array.isArray(value)) {
      out.attachments = (value as Record<string, unknown>[]).map(({ data: _data, ...rest }) => rest);
      continue;
    }
    out[key] = value;
  }
  if (type === 'templates') delete out.versions;
  return out;
}

/** The exported value as the store would hold it (undefined when it would not be accepted at all). */
export function normaliseExported(type: RecordType, raw: unknown): AnyRecord | undefined {
  const strict = validateRecord(type, raw, true);
  if (strict.ok) return strict.record;
  const loose = validateRecord(type, raw, false);
  return loose.ok ? loose.record : undefined;
}

export function checksumOf(value: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The top-level fields whose values differ. */
export function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}
