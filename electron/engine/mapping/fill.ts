/**
 * What a foreign record mapped onto the model often lacks: an id and a creation date. A mapping import fills
 * them, so the seed's legacy files (no id column at all) import as written:
 *   - id: derived from the source record's content (a SHA-256 prefix), so importing the same file twice finds
 *     the same ids (skip or overwrite, as chosen) instead of doubling every record;
 *   - createdAt: the time the import started.
 */
import crypto from 'node:crypto';
import type { RecordType } from '../../../shared/model.ts';
import { isPlainObject, type PlainObject } from './paths.ts';

const PREFIX: Record<RecordType, string> = { contexts: 'ctx', sessions: 'ses', templates: 'tpl' };

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function contentId(type: RecordType, source: unknown): string {
  return `${PREFIX[type]}_${crypto.createHash('sha256').update(stableJson(source)).digest('hex').slice(0, 24)}`;
}

export function fillRequired(type: RecordType, record: PlainObject, source: unknown, now: Date): void {
  const id = record.id;
  if (id === undefined || id === null || id === '') record.id = contentId(type, source);
  else if (typeof id === 'number') record.id = String(id);
  const created = record.createdAt;
  if (created === undefined || created === null || created === '') record.createdAt = now.toISOString();
}
