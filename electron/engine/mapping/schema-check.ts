/**
 * Validation of a mapped record against a template's schema: every field with `required` or a `type` is
 * checked, and every failure is reported (not just the first), with the field's name.
 */
import { IsoDateTime, type RecordType, type TemplateField } from '../../../shared/model.ts';
import { knownFields } from './apply.ts';
import { hasOwn, isPlainObject, locate } from './paths.ts';

export interface SchemaIssue {
  field: string;
  message: string;
  /** The name to report, when the field was looked up under another name. */
  reportAs?: string;
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()));
}

const TYPE_CHECKS: Record<TemplateField['type'], { test: (v: unknown) => boolean; says: string }> = {
  string: { test: (v) => typeof v === 'string', says: 'must be text' },
  // Foreign text formats (CSV) carry numbers and booleans as text: "42" and "true" are accepted as written.
  number: { test: isNumeric, says: 'must be a number' },
  boolean: { test: (v) => typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v.trim())), says: 'must be true or false' },
  date: {
    test: (v) => typeof v === 'string' && IsoDateTime.safeParse(v).success,
    says: 'must be an ISO 8601 date (a legacy date needs parseOldDateFormat or parseDate)',
  },
  array: { test: Array.isArray, says: 'must be a list' },
  object: { test: isPlainObject, says: 'must be an object' },
  any: { test: () => true, says: '' },
};

/** Finds a schema field in the mapped record: as named, else (for a name the type does not know) in metadata. */
function fieldValue(record: Record<string, unknown>, name: string, type: RecordType | undefined): { found: boolean; value: unknown } {
  const direct = locate(record, name);
  if (direct.found) return direct;
  if (!knownFields(type).has(name.split('.')[0]!) && isPlainObject(record.metadata)) {
    const meta = record.metadata;
    if (hasOwn(meta, name)) return { found: true, value: meta[name] };
    return locate(meta, name);
  }
  return direct;
}

export function checkAgainstSchema(record: Record<string, unknown>, fields: (TemplateField & { reportAs?: string })[], type?: RecordType): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const field of fields) {
    const { found, value } = fieldValue(record, field.name, type);
    const empty = !found || value === undefined || value === null || value === '';
    if (empty) {
      if (field.required) issues.push({ field: field.name, message: 'is required', reportAs: field.reportAs });
      continue;
    }
    const check = TYPE_CHECKS[field.type] ?? TYPE_CHECKS.any;
    if (!check.test(value)) issues.push({ field: field.name, message: `${check.says}, got ${describe(value)}`, reportAs: field.reportAs });
  }
  return issues;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
