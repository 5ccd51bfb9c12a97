/**
 * The fields a source field can map to, per record type: the model's own fields, in the order exports
 * write them, and the metadata keys the model gives a meaning to. The mapping editor lists these, the CSV
 * columns are derived from them (electron/engine/formats/csv/columns.ts), and a test checks that every
 * target the engine suggests is one of them.
 */
import type { RecordType } from '../model.ts';

export type TargetFieldType = 'text' | 'date-time' | 'number' | 'list' | 'object';

export interface TargetFieldInfo {
  /** The field's path in the record (`metadata.importance` is a key of metadata). */
  name: string;
  label: string;
  description: string;
  type: TargetFieldType;
}

const CREATED: TargetFieldInfo = { name: 'createdAt', label: 'Created', description: 'Date and time created', type: 'date-time' };
const UPDATED: TargetFieldInfo = { name: 'updatedAt', label: 'Updated', description: 'Date and time last changed', type: 'date-time' };
const METADATA: TargetFieldInfo = { name: 'metadata', label: 'Metadata (object)', description: 'A whole metadata object', type: 'object' };

export const TARGET_FIELDS: Record<RecordType, readonly TargetFieldInfo[]> = {
  contexts: [
    { name: 'id', label: 'ID', description: 'Unique id; an existing id is a duplicate', type: 'text' },
    { name: 'title', label: 'Title', description: 'Short title', type: 'text' },
    { name: 'content', label: 'Content', description: 'The body text', type: 'text' },
    { name: 'type', label: 'Type', description: 'Kind of context, e.g. note', type: 'text' },
    { name: 'tags', label: 'Tags', description: 'A list of tags', type: 'list' },
    { name: 'sessionId', label: 'Session', description: 'The session it belongs to', type: 'text' },
    CREATED,
    UPDATED,
    { name: 'metadata.importance', label: 'Importance', description: 'low, medium, high or critical', type: 'text' },
    { name: 'metadata.source', label: 'Source', description: 'Where it came from', type: 'text' },
    { name: 'metadata.author', label: 'Author', description: 'Who wrote it', type: 'text' },
    METADATA,
    { name: 'attachments', label: 'Attachments', description: 'Files attached to the context', type: 'list' },
  ],
  sessions: [
    { name: 'id', label: 'ID', description: 'Unique id', type: 'text' },
    { name: 'name', label: 'Name', description: 'Session name', type: 'text' },
    { name: 'description', label: 'Description', description: 'What the session was about', type: 'text' },
    CREATED,
    UPDATED,
    METADATA,
  ],
  templates: [
    { name: 'id', label: 'ID', description: 'Unique id', type: 'text' },
    { name: 'name', label: 'Name', description: 'Template name', type: 'text' },
    { name: 'description', label: 'Description', description: 'What the template is for', type: 'text' },
    { name: 'version', label: 'Version', description: 'Version number', type: 'number' },
    { name: 'schema', label: 'Schema', description: 'Schema object', type: 'object' },
    { name: 'transformation', label: 'Transformation', description: 'Mapping and computed fields', type: 'object' },
    CREATED,
    UPDATED,
  ],
};

/** The record's own fields (not keys inside metadata), in export order. */
export function recordFields(type: RecordType): string[] {
  return TARGET_FIELDS[type].filter((f) => !f.name.includes('.')).map((f) => f.name);
}

export function targetLabel(type: RecordType, name: string): string {
  return TARGET_FIELDS[type].find((f) => f.name === name)?.label ?? name;
}
