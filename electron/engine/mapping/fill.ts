/**
 * What a foreign record mapped onto the model often lacks: an id and a creation date. A mapping import fills
 * them, so the seed's legacy files (no id column at all) import as written:
 *   - id: derived from the source record's content (a SHA-256 prefix), so importing the same file twice finds
 *     the same ids (skip or overwrite, as chosen) instead of doubling every record;
 *   - createdAt: the record's own updatedAt when it has one, else the time the import started; never silently:
 *     the record gets a warning saying which (issue 14);
 *   - and a context that ends up with neither title nor content gets a warning saying it is empty.
 */
import crypto from 'node:crypto';
import type { RecordType } from '../../../shared/model.ts';
import { isPlainObject, type PlainObject } from './paths.ts';

const PREFIX: Record<RecordType, string> = { contexts: 'ctx', sessions: 'ses', templates: 'tpl' };

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const CONTENT_ID_HEX = 24;

export function contentId(type: RecordType, source: unknown): string {
  return `${PREFIX[type]}_${crypto.createHash('sha256').update(stableJson(source)).digest('hex').slice(0, CONTENT_ID_HEX)}`;
}

const CONTENT_ID = new RegExp(`^(?:${Object.values(PREFIX).join('|')})_[0-9a-f]{${CONTENT_ID_HEX}}$`);

/** Whether an id has contentId's shape: derived from a record's fields, because its file had no id. */
export function isContentId(id: string): boolean {
  return CONTENT_ID.test(id);
}

/** Fills what is missing; returns the warnings the record carries about it. */
export function fillRequired(type: RecordType, record: PlainObject, source: unknown, now: Date): string[] {
  const id = record.id;
  if (id === undefined || id === null || id === '') record.id = contentId(type, source);
  else if (typeof id === 'number') record.id = String(id);
  // An empty cell mapped to updatedAt says "not known", not "the empty date".
  if (record.updatedAt === '' || record.updatedAt === null) delete record.updatedAt;
  const warnings: string[] = [];
  // A mapped context with neither (a chat's service message, a boost, a photo without a caption) imports empty:
  // never in silence.
  if (type === 'contexts' && isBlank(record.title) && isBlank(record.content))
    warnings.push('no title and no content: it imports as an empty context (its other fields are in metadata)');
  const created = record.createdAt;
  if (created !== undefined && created !== null && created !== '') return warnings;
  const updated = record.updatedAt;
  const usable = typeof updated === 'string' && !Number.isNaN(Date.parse(updated));
  record.createdAt = usable ? updated : now.toISOString();
  return [...warnings, missingCreatedWarning(usable ? 'its updated date' : 'the import time', record.createdAt as string)];
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The one wording of "this record had no creation date, so this was used" (validation off says it too). */
export function missingCreatedWarning(what: string, value: string): string {
  return `no creation date (createdAt); used ${what} (${value})`;
}
