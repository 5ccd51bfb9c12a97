/** The fields a source column can map to, per data type, with the words people use for them. */
export interface TargetField {
  key: string;
  label: string;
  description: string;
}

const CONTEXT_FIELDS: TargetField[] = [
  { key: 'id', label: 'ID', description: 'Unique id; an existing id is a duplicate' },
  { key: 'title', label: 'Title', description: 'Short title' },
  { key: 'content', label: 'Content', description: 'The body text' },
  { key: 'type', label: 'Type', description: 'Kind of context, e.g. note' },
  { key: 'tags', label: 'Tags', description: 'A list of tags' },
  { key: 'sessionId', label: 'Session', description: 'The session it belongs to' },
  { key: 'createdAt', label: 'Created', description: 'Date and time created' },
  { key: 'updatedAt', label: 'Updated', description: 'Date and time last changed' },
  { key: 'metadata.importance', label: 'Importance', description: 'low, medium, high or critical' },
  { key: 'metadata.source', label: 'Source', description: 'Where it came from' },
  { key: 'metadata', label: 'Metadata (object)', description: 'A whole metadata object' },
  { key: 'attachments', label: 'Attachments', description: 'Files attached to the context' },
];

const SESSION_FIELDS: TargetField[] = [
  { key: 'id', label: 'ID', description: 'Unique id' },
  { key: 'name', label: 'Name', description: 'Session name' },
  { key: 'description', label: 'Description', description: 'What the session was about' },
  { key: 'createdAt', label: 'Created', description: 'Date and time created' },
  { key: 'updatedAt', label: 'Updated', description: 'Date and time last changed' },
  { key: 'metadata', label: 'Metadata (object)', description: 'A whole metadata object' },
];

const TEMPLATE_FIELDS: TargetField[] = [
  { key: 'id', label: 'ID', description: 'Unique id' },
  { key: 'name', label: 'Name', description: 'Template name' },
  { key: 'description', label: 'Description', description: 'What the template is for' },
  { key: 'version', label: 'Version', description: 'Version number' },
  { key: 'schema', label: 'Schema', description: 'Schema object' },
  { key: 'transformation', label: 'Transformation', description: 'Mapping and computed fields' },
  { key: 'createdAt', label: 'Created', description: 'Date and time created' },
];

export function targetFieldsFor(dataType: string): TargetField[] {
  if (dataType === 'sessions') return SESSION_FIELDS;
  if (dataType === 'templates') return TEMPLATE_FIELDS;
  return CONTEXT_FIELDS;
}

export function targetLabel(dataType: string, key: string): string {
  return targetFieldsFor(dataType).find((f) => f.key === key)?.label ?? key;
}

/** The engine's own name comparison (one function for both sides). */
export { normaliseName } from '../../../../shared/field-names.ts';
