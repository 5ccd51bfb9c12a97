/**
 * Turning a raw value into a record the store accepts: schema validation (every failing field reported) and
 * normalisation (dates to UTC, defaults filled). With validation off, only what the store cannot do without
 * (an object with an id) is required, and the rest is coerced.
 */
import type { z } from 'zod';
import { FORBIDDEN_KEYS, RECORD_SCHEMAS, normaliseDateTime, type AnyRecord, type RecordType, type Template } from '../../../shared/model.ts';
import { templateProblem } from '../mapping/template-check.ts';
import { missingCreatedWarning } from '../mapping/fill.ts';
import { fastValidContext } from './context-fast-path.ts';

export interface FieldIssue {
  field: string;
  message: string;
}
export type ValidationOutcome = { ok: true; record: AnyRecord; warnings: string[] } | { ok: false; issues: FieldIssue[] };

const KNOWN_FIELDS: Record<RecordType, Set<string>> = {
  contexts: new Set(Object.keys(RECORD_SCHEMAS.contexts.shape)),
  sessions: new Set(Object.keys(RECORD_SCHEMAS.sessions.shape)),
  templates: new Set(Object.keys(RECORD_SCHEMAS.templates.shape)),
};

/** Copies a parsed JSON-ish object without letting `__proto__` and friends reach a prototype. */
export function safeObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) Object.defineProperty(out, key, { value: value[key], enumerable: true, writable: true, configurable: true });
    else out[key] = value[key];
  }
  return out;
}

/**
 * Fields a record type does not know are kept, in `metadata` (never silently dropped); a name that metadata
 * already uses is reported instead of overwritten.
 */
function foldUnknownFields(type: RecordType, value: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  if (type === 'templates') return value;
  const known = KNOWN_FIELDS[type];
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length === 0) return value;
  const result: Record<string, unknown> = {};
  const metadataIn = value.metadata;
  const metadata: Record<string, unknown> =
    typeof metadataIn === 'object' && metadataIn !== null && !Array.isArray(metadataIn) ? safeObject(metadataIn as Record<string, unknown>) : {};
  for (const key of Object.keys(value)) {
    if (known.has(key)) {
      if (key !== 'metadata') result[key] = value[key];
      continue;
    }
    if (Object.hasOwn(metadata, key)) {
      warnings.push(`field "${key}" is not a ${type.slice(0, -1)} field and metadata already has "${key}"; kept metadata's value`);
    } else Object.defineProperty(metadata, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  }
  if (metadataIn !== undefined && (typeof metadataIn !== 'object' || metadataIn === null || Array.isArray(metadataIn))) {
    result.metadata = metadataIn; // let validation report the bad metadata itself
  } else result.metadata = metadata;
  return result;
}

/**
 * Already in the one form the store keeps, and certainly a real instant (days past the 28th and hour 24 are
 * left to Date, which rolls them over): no Date round trip needed.
 */
const CANONICAL_DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function normaliseDates<T extends Record<string, unknown>>(record: T): T {
  for (const key of ['createdAt', 'updatedAt'] as const) {
    const v = record[key];
    if (typeof v === 'string' && !CANONICAL_DATE_TIME.test(v)) {
      try {
        (record as Record<string, unknown>)[key] = normaliseDateTime(v);
      } catch {
        /* left as written when validation is off */
      }
    }
  }
  return record;
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(record)';
    return { field, message: issue.code === 'invalid_type' ? typeMessage(field, issue.message) : issue.message };
  });
}

/** The validator's type names as a person reads them: what the field must be, and what it was. */
const WANTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object of fields',
  record: 'an object of fields',
};
const GOT: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' };

/**
 * zod 4's "Invalid input: expected string, received object" in words (zod keeps neither the input nor the type
 * it received outside the message): a missing field "is required"; an object where text belongs says how to
 * reach the text inside it.
 */
function typeMessage(field: string, message: string): string {
  const match = /expected (\w+), received (\w+)$/.exec(message);
  if (!match) return message;
  const [, expected, received] = match as unknown as [string, string, string];
  if (received === 'undefined') return 'is required';
  const wanted = WANTED[expected];
  const got = GOT[received];
  if (!wanted || !got) return message;
  const hint = expected === 'string' && received === 'object' ? ` (map one of its fields to ${field}: suggest-mapping proposes one)` : '';
  return `must be ${wanted}, not ${got}${hint}`;
}

/** A whole-number id or sessionId (API dumps number their records) is its digits: the store's ids are text. */
function integerIdsAsText(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['id', 'sessionId']) if (Number.isSafeInteger(value[key])) value[key] = String(value[key]);
  return value;
}

export function validateRecord(type: RecordType, raw: unknown, validateSchema: boolean): ValidationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ field: '(record)', message: `expected an object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}` }],
    };
  }
  const warnings: string[] = [];
  const value = foldUnknownFields(type, integerIdsAsText(safeObject(raw as Record<string, unknown>)), warnings);
  if (validateSchema) {
    const fast = type === 'contexts' ? fastValidContext(value) : undefined;
    if (fast) return { ok: true, record: normaliseDates(fast), warnings };
    const parsed = RECORD_SCHEMAS[type].safeParse(value);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
    if (type === 'templates') {
      // An imported template is saved like a created one: it must be able to run (mapping, expressions).
      const problem = templateProblem(parsed.data as Template);
      if (problem) return { ok: false, issues: [problem] };
    }
    const record = normaliseDates(restoreForbiddenKeys(parsed.data as Record<string, unknown>, value)) as AnyRecord;
    warnAttachmentsWithoutBytes(record, warnings);
    return { ok: true, record, warnings };
  }
  const coerced = coerce(type, value, warnings);
  if (coerced.ok) warnAttachmentsWithoutBytes(coerced.record, warnings);
  return coerced;
}

/**
 * An export made without binary data describes attachments but leaves their bytes out; the store cannot add
 * an attachment it has no bytes for (repositories.ts afterWrite keeps what it already holds). Said, so that
 * importing such an export into another store does not drop them without a word.
 */
function warnAttachmentsWithoutBytes(record: AnyRecord, warnings: string[]): void {
  const attachments = (record as { attachments?: { data?: unknown }[] }).attachments;
  if (!Array.isArray(attachments)) return;
  const missing = attachments.filter((a) => typeof a !== 'object' || a === null || a.data === undefined).length;
  if (missing === 0) return;
  const what = missing === 1 ? '1 attachment came without its bytes' : `${missing} attachments came without their bytes`;
  warnings.push(`${what} (exported without binary data; --include-binary carries them): only attachments this store already holds for the record are kept`);
}

/**
 * zod rebuilds objects by assignment, so an own `__proto__` key becomes a prototype change and vanishes: own
 * forbidden keys anywhere inside metadata are carried over as data, at every depth (issue 13: `{"a":
 * {"__proto__": {...}}}` was stored as `{"a":{}}`). Iterative, pairing each source object with its rebuilt copy.
 */
function restoreForbiddenKeys(parsed: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const stack: [unknown, unknown][] = [[source.metadata, parsed.metadata]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop()!;
    if (typeof src !== 'object' || src === null || typeof dst !== 'object' || dst === null) continue;
    for (const key of Object.keys(src)) {
      const value = (src as Record<string, unknown>)[key];
      if (FORBIDDEN_KEYS.has(key)) {
        if (!Object.hasOwn(dst, key)) Object.defineProperty(dst, key, { value, enumerable: true, writable: true, configurable: true });
      } else if (Object.hasOwn(dst, key)) stack.push([value, (dst as Record<string, unknown>)[key]]);
    }
  }
  return parsed;
}

const str = (v: unknown, fallback = ''): string =>
  v === undefined || v === null ? fallback : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Validation off: the store still needs an id; everything else gets a sensible value. */
function coerce(type: RecordType, v: Record<string, unknown>, warnings: string[]): ValidationOutcome {
  const id = v.id === undefined || v.id === null ? '' : str(v.id);
  if (!id) return { ok: false, issues: [{ field: 'id', message: 'is required (even with validation off, the store needs an id)' }] };
  let createdAt: string;
  if (v.createdAt === undefined || v.createdAt === null || v.createdAt === '') {
    createdAt = new Date().toISOString();
    warnings.push(missingCreatedWarning('the import time', createdAt));
  } else createdAt = str(v.createdAt);
  if (type === 'contexts') {
    const tags = Array.isArray(v.tags) ? v.tags.map((t) => str(t)) : v.tags === undefined || v.tags === null ? [] : [str(v.tags)];
    const record: Record<string, unknown> = {
      id,
      title: str(v.title),
      content: str(v.content),
      type: str(v.type, 'general') || 'general',
      tags,
      sessionId: v.sessionId === undefined || v.sessionId === null || v.sessionId === '' ? null : str(v.sessionId),
      createdAt,
      metadata: obj(v.metadata),
    };
    if (v.updatedAt) record.updatedAt = str(v.updatedAt);
    if (Array.isArray(v.attachments)) record.attachments = v.attachments;
    return { ok: true, record: normaliseDates(record) as AnyRecord, warnings };
  }
  if (type === 'sessions') {
    const record: Record<string, unknown> = { id, name: str(v.name), description: str(v.description), createdAt, metadata: obj(v.metadata) };
    if (v.updatedAt) record.updatedAt = str(v.updatedAt);
    return { ok: true, record: normaliseDates(record) as AnyRecord, warnings };
  }
  // Templates carry behaviour; they are always validated.
  return validateRecord('templates', v, true);
}
