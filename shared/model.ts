/**
 * The data model: one zod schema per kind gives both the TypeScript type and the runtime validation,
 * so the store, every importer, the IPC layer and the REST API agree on what a valid record is.
 */
import * as z from 'zod';

import { CONFLICT_CHOICES, DATA_TYPES, IMPORTANCE_LEVELS, IMPORT_DATA_TYPES, MATCH_MODES, RECORD_TYPES } from './choices.ts';

export { CONFLICT_CHOICES, DATA_TYPES, IMPORTANCE_LEVELS, IMPORT_DATA_TYPES, MATCH_MODES, RECORD_TYPES };
export type RecordType = (typeof RECORD_TYPES)[number];
/** What an export or an import is about: one kind of record, or all of them together. */
export type DataType = (typeof DATA_TYPES)[number];
export type ImportDataType = (typeof IMPORT_DATA_TYPES)[number];
/** Re-import: how an incoming record finds the one the store has, and what a field edited on both sides does. */
export type MatchMode = (typeof MATCH_MODES)[number];
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];
export type Importance = (typeof IMPORTANCE_LEVELS)[number];

/** Keys that must never become a path into an object's prototype (docs/security.md). */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

/** Accepts any ISO 8601 date-time (with or without zone, with or without fraction) that Date can place. */
export const IsoDateTime = z.string().refine((s) => ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)), { message: 'not an ISO 8601 date-time' });
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Normalises an accepted ISO 8601 date-time to UTC, millisecond precision: the one form the store keeps. */
export function normaliseDateTime(value: string): string {
  // A date-time without a zone is taken as UTC, the same on every machine, rather than the local zone.
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withZone = hasZone || dateOnly ? value : `${value.replace(' ', 'T')}Z`;
  return new Date(withZone).toISOString();
}

export const ContextMetadataSchema = z.record(z.string(), JsonValueSchema).superRefine((meta, ctx) => {
  if ('importance' in meta && !(IMPORTANCE_LEVELS as readonly unknown[]).includes(meta.importance)) {
    ctx.addIssue({ code: 'custom', path: ['importance'], message: `must be one of ${IMPORTANCE_LEVELS.join(', ')}` });
  }
  if ('source' in meta && typeof meta.source !== 'string') {
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'must be a string' });
  }
});

export const AttachmentSchema = z.object({
  name: z.string().min(1),
  mimeType: z.string().default('application/octet-stream'),
  /** The bytes, base64-encoded; absent when an export left binary data out. */
  data: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .optional(),
  size: z.number().int().nonnegative().optional(),
  sha256: z.string().optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ContextSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  title: z.string(),
  content: z.string(),
  type: z.string().min(1).default('general'),
  tags: z.array(z.string()).default([]),
  sessionId: z.string().nullable().default(null),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
  metadata: ContextMetadataSchema.default({}),
  attachments: z.array(AttachmentSchema).optional(),
});
export type Context = z.infer<typeof ContextSchema>;

export const SessionSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  name: z.string(),
  description: z.string().default(''),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
  metadata: z.record(z.string(), JsonValueSchema).default({}),
});
export type Session = z.infer<typeof SessionSchema>;

export const TEMPLATE_FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'array', 'object', 'any'] as const;
export const TemplateFieldSchema = z.object({
  name: z.string().min(1),
  type: z.enum(TEMPLATE_FIELD_TYPES).default('string'),
  required: z.boolean().default(false),
  description: z.string().default(''),
});
export type TemplateField = z.infer<typeof TemplateFieldSchema>;

export const TRANSFORMATION_KINDS = ['trim', 'lowercase', 'uppercase', 'custom'] as const;
export const FieldTransformationSchema = z.object({
  field: z.string().min(1),
  transformation: z.enum(TRANSFORMATION_KINDS),
  /** For `custom`: a function of the named registry, optionally with arguments: `truncate(80)`. */
  customFunction: z.string().optional(),
});
export type FieldTransformation = z.infer<typeof FieldTransformationSchema>;

export const MappingSchema = z.object({
  fieldMappings: z.record(z.string(), z.string()).default({}),
  transformations: z.array(FieldTransformationSchema).default([]),
  /** Where source fields that no mapping names go: into `metadata`, or nowhere. */
  unmappedFields: z.enum(['metadata', 'drop', 'keep']).optional(),
});
export type Mapping = z.infer<typeof MappingSchema>;

export const ComputedFieldSchema = z.object({
  name: z.string().min(1),
  expression: z.string().min(1),
  type: z.enum(TEMPLATE_FIELD_TYPES).default('string'),
});
export type ComputedField = z.infer<typeof ComputedFieldSchema>;

/**
 * A template's re-import settings (issue 16): saved with its mapping and used by an import that applies the
 * template, unless the import names its own (`--match`, `--merge`, `--on-conflict`).
 */
export const TemplateReimportSchema = z.object({
  match: z.enum(MATCH_MODES).optional(),
  merge: z.boolean().optional(),
  /** Per-field merge rules (`{ title: 'source', tags: 'union' }`), checked when the template is saved. */
  mergeRules: z.record(z.string(), z.string()).optional(),
  onConflict: z.enum(CONFLICT_CHOICES).optional(),
});
export type TemplateReimport = z.infer<typeof TemplateReimportSchema>;

/**
 * A template's mapping as people write it: the full `{ fieldMappings, transformations }`, or (as the seed's
 * "Standard Context Export" does) a bare `{ "id": "id", "title": "title" }` object, or a list of field names
 * (`["id", "title"]`: those fields, under their own names). Without this, a bare mapping lost every pair to
 * zod's key stripping and the template exported whole records.
 */
export function readTemplateMapping(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return { fieldMappings: Object.fromEntries(value.map((name) => [name, name])) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const mappingKeys = ['fieldMappings', 'transformations', 'unmappedFields'];
  if (keys.length > 0 && !keys.some((k) => mappingKeys.includes(k)) && Object.values(value).every((v) => typeof v === 'string')) {
    return { fieldMappings: value };
  }
  return value;
}

/**
 * An export template's file options, as the export wizard's "Save as template" records them (filters, format,
 * compression, split); applying the template in the wizard restores them. Kept loose here (the option lists
 * live in options.ts, which builds on this file); the wizard checks each value against them when applying.
 */
export const ExportPresetSchema = z.object({
  dataType: z.enum(DATA_TYPES).optional(),
  format: z.string().optional(),
  includeMetadata: z.boolean().optional(),
  includeBinaryData: z.boolean().optional(),
  compression: z.string().optional(),
  filters: z.record(z.string(), JsonValueSchema).optional(),
  splitLargeFiles: z.object({ enabled: z.boolean(), maxSizeBytes: z.number().positive() }).optional(),
});
export type ExportPreset = z.infer<typeof ExportPresetSchema>;

export const TemplateSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  name: z.string().min(1),
  description: z.string().default(''),
  version: z.number().int().positive().default(1),
  schema: z.object({ type: z.string().default('contexts'), fields: z.array(TemplateFieldSchema).default([]) }).default({ type: 'contexts', fields: [] }),
  transformation: z
    .object({
      mapping: z.preprocess(readTemplateMapping, MappingSchema).default({ fieldMappings: {}, transformations: [] }),
      computedFields: z.array(ComputedFieldSchema).default([]),
      /** Saved by the export wizard: the options an export through this template starts from. */
      exportOptions: ExportPresetSchema.optional(),
    })
    .default({ mapping: { fieldMappings: {}, transformations: [] }, computedFields: [] }),
  reimport: TemplateReimportSchema.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
});
export type Template = z.infer<typeof TemplateSchema>;

export const RECORD_SCHEMAS = {
  contexts: ContextSchema,
  sessions: SessionSchema,
  templates: TemplateSchema,
} as const;

export type AnyRecord = Context | Session | Template;

/**
 * The path of the first own `__proto__` key in `value` below the levels that keep it as data (`keepAt`: paths
 * such as "metadata" whose direct keys are restored after validation), or undefined. zod and plain assignment
 * turn such a key into a prototype change, so it would vanish: it is refused naming the field instead
 * (issue 13). Iterative: a deep value cannot overflow the stack here.
 */
export function findProtoKey(value: unknown, keepAt: ReadonlySet<string> = new Set()): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, '__proto__') && !keepAt.has(at)) return at ? `${at}.__proto__` : '__proto__';
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, inner] of entries) if (typeof inner === 'object' && inner !== null) stack.push([inner, at ? `${at}.${key}` : key]);
  }
  return undefined;
}
