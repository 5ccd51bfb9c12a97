/**
 * The one contract: every call the service offers, with its input schema (validated at every boundary) and
 * its output type, and every event. Electron IPC, the REST API, the browser host's client and the CLI are all
 * generated from or checked against this map, so adding a call is one declaration here plus one handler.
 */
import * as z from 'zod';
import {
  ExportOptionsSchema,
  FiltersSchema,
  ImportOptionsSchema,
  ValidateOptionsSchema,
  type ExportResult,
  type ImportResult,
  type ValidateResult,
  type DetectedInput,
} from './options.ts';
import { DATA_TYPES, MappingSchema, findProtoKey, TemplateSchema, type Context, type Session, type Template, type Mapping } from './model.ts';
import type { OperationProgress, OperationRecord, UndoResult } from './operations.ts';
import {
  BackupInputSchema,
  BackupSettingsPatchSchema,
  RestoreInputSchema,
  VerifyInputSchema,
  type BackupResult,
  type BackupSettings,
  type ExportDestination,
  type RestoreResult,
  type SnapshotInfo,
  type VerifyResult,
} from './backup.ts';

/** A call's declaration: the runtime schema of its input and, as a phantom, the type of its output. */
export interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time; carries the output type. */
  readonly output?: O;
  /** Long calls run as operations; adapters give them a longer timeout. */
  long?: boolean;
}
function declare<O>() {
  return <I extends z.ZodType>(input: I, extra: { long?: boolean } = {}): CallSpec<I, O> => ({ input, ...extra });
}

const OperationIdInput = z.object({ operationId: z.string().min(1) });
/** Clients may choose the operation id themselves, so they can cancel or follow a call before it returns. */
const ClientOperationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,64}$/)
  .optional();
const Paging = { limit: z.number().int().min(1).max(1000).default(50), offset: z.number().int().min(0).default(0) };

/** The seed writes `version: "1.0"`; the store counts whole versions, so a dotted version string counts as its major number. */
const TemplateVersionInput = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+(\.\d+)*$/.test(v.trim()) ? Number.parseInt(v, 10) : v),
  z.number().int().positive(),
);
export const TemplateInputSchema = TemplateSchema.omit({ id: true, createdAt: true, updatedAt: true, version: true }).extend({
  id: z.string().min(1).optional(),
  version: TemplateVersionInput.optional(),
});
export type TemplateInput = z.input<typeof TemplateInputSchema>;
/** An update names only what changes: no defaults, so an absent description is kept, not emptied. */
export const TemplatePatchSchema = z.object({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  schema: TemplateSchema.shape.schema.unwrap().optional(),
  transformation: TemplateSchema.shape.transformation.unwrap().optional(),
  reimport: TemplateSchema.shape.reimport,
  id: z.string().min(1).optional(),
  version: TemplateVersionInput.optional(),
});

export interface FormatInfo {
  id: string;
  label: string;
  extensions: string[];
  mime: string;
  streaming: boolean;
  dataTypes: string[];
}

/** A source preset as the engine declares it (sources/registry.ts); the UI's Detect step renders these. */
export interface SourceInfo {
  id: string;
  label: string;
  description: string;
  accepts: string[];
  options: {
    name: string;
    label: string;
    kind: 'boolean' | 'choice';
    choices?: string[];
    /** A choice's words for a person, by value (absent: the value itself). */
    choiceLabels?: Record<string, string>;
    default: boolean | string;
    description: string;
  }[];
}

export interface InspectResult {
  input: DetectedInput;
  /** Source field names in file order (nested objects flattened with dots). */
  fields: string[];
  /** The first records as the reader produced them, before mapping. */
  sampleRecords: Record<string, unknown>[];
  /** Up to three sample values per source field. */
  samples: Record<string, unknown[]>;
  /** Fields that some sampled records lack or leave empty (an RSS item without a title): suggestMapping fills those where it can. */
  sparseFields: string[];
  warnings: string[];
}

export type SuggestionReason = 'exact' | 'alias' | 'template' | 'remembered' | 'fuzzy' | 'value-shape' | 'none';
export interface FieldSuggestion {
  source: string;
  target: string | null;
  confidence: number;
  reason: SuggestionReason;
  /**
   * Why, in a person's words (the engine always says): "same name", "alias: body means content", "remembered from 2 imports",
   * "fuzzy 0.82", "values look like ISO dates", "template \"Notes\"".
   */
  why?: string;
  /** Accepted automatically (exact, alias, remembered) or "please confirm" (fuzzy). */
  autoAccept: boolean;
  /** Transformations that succeeded on every sample value (they are in the proposed mapping). */
  transformations?: Mapping['transformations'];
  /**
   * The proposal failed on a sample value: the transformations tried (offered unticked, not in the proposed
   * mapping) and the sample with what went wrong. The field then needs a confirmation.
   */
  failedCheck?: { sample: unknown; message: string; transformations?: Mapping['transformations'] };
  /** A remembered suggestion: how many committed imports mapped this field so (forgettable: forgetMapping). */
  remembered?: { imports: number };
}
export interface MappingSuggestion {
  mapping: Mapping;
  /** The useful fields: every one with a target, then at most `maxUnmapped` without one (file order). */
  fields: FieldSuggestion[];
  /** How many fields without a suggestion were left out of `fields` (a file with thousands of paths). */
  unlistedFields?: number;
  /** A saved template whose fields match the file's, if any. */
  matchedTemplate?: { id: string; name: string; matched: number; total: number };
}

export interface MappingPreviewRow {
  record: number;
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  issues: { field?: string; message: string; code: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface StoreStats {
  contexts: number;
  sessions: number;
  templates: number;
  attachments: number;
  operations: number;
  storePath: string;
}

export const contract = {
  // Pipelines
  exportData: declare<ExportResult>()(z.object({ options: ExportOptionsSchema, operationId: ClientOperationId }), { long: true }),
  previewExport: declare<{ text: string; shown: number; total: number }>()(
    z.object({ options: ExportOptionsSchema, limit: z.number().int().min(1).max(100).default(5) }),
  ),
  countRecords: declare<{ count: number }>()(z.object({ dataType: z.enum(DATA_TYPES).default('contexts'), filters: FiltersSchema })),
  importData: declare<ImportResult>()(z.object({ files: z.array(z.string().min(1)).min(1), options: ImportOptionsSchema, operationId: ClientOperationId }), {
    long: true,
  }),
  validateFile: declare<ValidateResult>()(
    z.object({ files: z.array(z.string().min(1)).min(1), options: ValidateOptionsSchema, operationId: ClientOperationId }),
    { long: true },
  ),
  inspectFile: declare<InspectResult>()(
    z.object({
      file: z.string().min(1),
      options: ValidateOptionsSchema,
      sampleSize: z.number().int().min(1).max(200).default(20),
      /**
       * The other files given with `file` (dropped together): those of the same export are inspected with it, as
       * the import reads them (outbox.json with actor.json; pipeline/export-parts.ts).
       */
      companions: z.array(z.string().min(1)).max(10_000).optional(),
    }),
  ),

  // Operations
  getOperationProgress: declare<OperationProgress>()(OperationIdInput),
  getActiveOperations: declare<OperationProgress[]>()(z.object({}).default({})),
  getOperationHistory: declare<OperationRecord[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(50),
        /** False leaves dry runs out of the list. */
        includeDryRuns: z.boolean().default(true),
        /** Only this user's operations: a token name (REST), an OS user (CLI) or "desktop" (the window). */
        user: z.string().min(1).max(200).optional(),
      })
      .default({ limit: 50, includeDryRuns: true }),
  ),
  getOperation: declare<OperationRecord>()(OperationIdInput),
  cancelOperation: declare<boolean>()(OperationIdInput),
  /** Copies an import's rejected records (the file written with `keepRejects`) to a path the user chose. */
  saveRejectedRecords: declare<{ path: string; format: string; records: number }>()(OperationIdInput.extend({ outputPath: z.string().min(1) })),
  undoImport: declare<UndoResult>()(OperationIdInput.extend({ dryRun: z.boolean().default(false), user: z.string().optional() }), { long: true }),

  // Templates
  createDataTemplate: declare<Template>()(TemplateInputSchema),
  getDataTemplates: declare<Template[]>()(z.object({}).default({})),
  getDataTemplate: declare<Template>()(z.object({ id: z.string().min(1) })),
  updateDataTemplate: declare<Template>()(z.object({ id: z.string().min(1), template: TemplatePatchSchema })),
  deleteDataTemplate: declare<boolean>()(z.object({ id: z.string().min(1) })),
  getTemplateVersions: declare<Template[]>()(z.object({ id: z.string().min(1) })),
  evaluateExpression: declare<{ value: unknown }>()(z.object({ expression: z.string(), record: z.record(z.string(), z.unknown()).default({}) })),

  // Mapping
  suggestMapping: declare<MappingSuggestion>()(
    z.object({
      fields: z.array(z.string()),
      samples: z.record(z.string(), z.array(z.unknown())).default({}),
      dataType: z.enum(['contexts', 'sessions', 'templates']).default('contexts'),
      /** At most this many fields without a suggestion are listed (the rest are counted). */
      maxUnmapped: z.number().int().min(0).max(100_000).default(50),
      /** inspectFile's sparseFields: a title some records lack is filled from their content's first line. */
      sparseFields: z.array(z.string()).default([]),
    }),
  ),
  /**
   * Forget what earlier imports taught the suggestions for a source field (all targets, or one): remembered
   * mappings made before now are no longer offered for it. Returns how many remembered entries it hid.
   */
  forgetMapping: declare<{ forgotten: number }>()(z.object({ source: z.string().min(1), target: z.string().min(1).optional() })),
  previewMapping: declare<MappingPreviewRow[]>()(
    z.object({
      records: z.array(z.record(z.string(), z.unknown())).max(200),
      mapping: MappingSchema,
      unmappedFields: z.enum(['metadata', 'drop']).default('metadata'),
      dataType: z.enum(['contexts', 'sessions', 'templates']).default('contexts'),
    }),
  ),

  // Store browsing
  getStats: declare<StoreStats>()(z.object({}).default({})),
  listContexts: declare<Page<Context>>()(z.object({ filters: FiltersSchema, ...Paging })),
  /** Full-text search over contexts' title and content (FTS5): the records, ranked, each with marked snippets. */
  searchContexts: declare<Page<Context & { titleSnippet: string; contentSnippet: string }>>()(
    z.object({ query: z.string(), sessionIds: z.array(z.string()).optional(), ...Paging }),
  ),
  listSessions: declare<Page<Session & { contextCount: number }>>()(z.object({ search: z.string().optional(), ...Paging })),
  getFormats: declare<FormatInfo[]>()(z.object({}).default({})),

  // Backup, restore, verify, incremental exports (issue 17)
  backupStore: declare<BackupResult>()(BackupInputSchema, { long: true }),
  restoreStore: declare<RestoreResult>()(RestoreInputSchema, { long: true }),
  listSnapshots: declare<SnapshotInfo[]>()(
    z.object({ operationId: z.string().min(1).optional(), limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }),
  ),
  verifyExport: declare<VerifyResult>()(VerifyInputSchema, { long: true }),
  getBackupSettings: declare<BackupSettings>()(z.object({}).default({})),
  updateBackupSettings: declare<BackupSettings>()(BackupSettingsPatchSchema),
  listExportDestinations: declare<ExportDestination[]>()(z.object({}).default({})),
  getSources: declare<SourceInfo[]>()(z.object({}).default({})),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K] extends CallSpec<z.ZodType, infer O> ? O : never;

/** The service side: one handler per call; a missing or mistyped handler fails the typecheck. */
export type Handlers = { [K in CallName]: (input: CallParsedInput<K>) => Promise<CallOutput<K>> };

/** The client side, the same for IPC, HTTP and in-process. */
export interface Client {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export { EVENT_NAMES, type Events, type EventName } from './events.ts';
import type { Events, EventName } from './events.ts';

export const CALL_NAMES = Object.keys(contract) as CallName[];

/** Parses a call's input, turning a schema failure into a readable BAD_ARGUMENT error value. */
export function parseCallInput<K extends CallName>(
  name: K,
  input: unknown,
): { ok: true; value: CallParsedInput<K> } | { ok: false; message: string; field?: string } {
  const spec = contract[name] as CallSpec<z.ZodType, unknown> | undefined;
  if (!spec) return { ok: false, message: `Unknown call "${String(name)}".` };
  const proto = findProtoKey(input);
  if (proto)
    return {
      ok: false,
      message: `Invalid input for ${String(name)} at "${proto}": a key named "__proto__" cannot be kept there (it would silently vanish); rename it.`,
      field: proto,
    };
  const parsed = spec.input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as CallParsedInput<K> };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.');
  return { ok: false, message: `Invalid input for ${String(name)}${field ? ` at "${field}"` : ''}: ${issue?.message ?? 'invalid'}`, field: field || undefined };
}
