/**
 * Which columns a CSV of each record type has, and what kind of value each holds. Both the writer and the
 * reader use this table, so a field's encoding is decided in one place.
 */
import type { DataType, RecordType } from '../../../../shared/model.ts';
import { recordFields } from '../../../../shared/catalogue/targets.ts';

export type ColumnKind =
  /** Text as written; an empty cell is the empty string. */
  | 'string'
  /** Text; an empty cell means the field is absent (a default or "not set" applies). */
  | 'optional'
  /** Text; an empty cell is null, and the empty string is written as a lone `'`. */
  | 'nullable'
  /** A list of strings (see cells.ts tagsCell). */
  | 'tags'
  /** A number when the cell is one. */
  | 'number'
  /** A JSON value (object or array); an empty cell means absent. */
  | 'json';

export const COLUMN_KINDS: Record<string, ColumnKind> = {
  id: 'string',
  title: 'string',
  content: 'string',
  name: 'string',
  description: 'string',
  type: 'optional',
  tags: 'tags',
  sessionId: 'nullable',
  createdAt: 'optional',
  updatedAt: 'optional',
  version: 'number',
  metadata: 'json',
  attachments: 'json',
  schema: 'json',
  transformation: 'json',
};

/** The model's own fields, in export order (shared/catalogue/targets.ts). */
export const TYPE_COLUMNS: Record<RecordType, string[]> = {
  contexts: recordFields('contexts'),
  sessions: recordFields('sessions'),
  templates: recordFields('templates'),
};

/** The column a combined (`all`) export uses to say each row's type. */
export const TYPE_COLUMN = 'dataType';

const ALL_COLUMNS = [
  'id',
  'title',
  'content',
  'type',
  'tags',
  'sessionId',
  'name',
  'description',
  'version',
  'schema',
  'transformation',
  'createdAt',
  'updatedAt',
  'metadata',
  'attachments',
];

/** The canonical columns of an export, before the type and escape columns. */
export function canonicalColumns(dataType: DataType, includeMetadata: boolean): string[] {
  const columns = dataType === 'all' ? ALL_COLUMNS : TYPE_COLUMNS[dataType];
  return includeMetadata ? columns : columns.filter((c) => c !== 'metadata');
}

export function isTypeColumn(type: RecordType, column: string): boolean {
  return TYPE_COLUMNS[type].includes(column);
}
