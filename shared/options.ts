/**
 * The options and results of the three pipelines, with the seed's names and meaning. One schema each gives
 * the type and the validation that every adapter (CLI, IPC, REST) applies before a pipeline starts.
 */
import * as z from 'zod';
import {
  CONFLICT_CHOICES,
  DATA_TYPES,
  IMPORT_DATA_TYPES,
  IMPORTANCE_LEVELS,
  MATCH_MODES,
  MappingSchema,
  type DataType,
  type ImportDataType,
  type RecordType,
} from './model.ts';
import type { ErrorValue } from './errors.ts';
import { COMPRESSIONS, ERROR_HANDLING, FORMAT_IDS, IMPORT_AS } from './choices.ts';

export { COMPRESSIONS, ERROR_HANDLING, FORMAT_IDS, IMPORT_AS };
export type FormatId = (typeof FORMAT_IDS)[number];

/** Text encodings a user can choose for an input (`auto`: a BOM, UTF-16 by its NULs, else UTF-8, else Windows-1252). */
export const TEXT_ENCODINGS = [
  'auto',
  'utf-8',
  'windows-1252',
  'iso-8859-1',
  'utf-16le',
  'utf-16be',
  'iso-8859-15',
  'macintosh',
  'shift_jis',
  'gb18030',
  'big5',
  'euc-kr',
] as const;

export type Compression = (typeof COMPRESSIONS)[number];

export type ErrorHandling = (typeof ERROR_HANDLING)[number];

export { CONFLICT_CHOICES, MATCH_MODES, type ConflictChoice, type MatchMode } from './model.ts';
/** What a person can answer for one record's conflicts (failing is a policy for the run, not an answer). */
export const RECORD_CONFLICT_CHOICES = ['keep-local', 'take-source'] as const;
export type RecordConflictChoice = (typeof RECORD_CONFLICT_CHOICES)[number];

/**
 * The most values one filter list takes: each is one SQL variable, and 40,000 tags ended in "too many SQL
 * variables" (a 500). More is refused as a bad argument (400 / exit 2) naming the list.
 */
export const MAX_FILTER_VALUES = 400;
const filterList = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.array(item).max(MAX_FILTER_VALUES, { message: `at most ${MAX_FILTER_VALUES} ${name} in one filter` });

export const FiltersSchema = z
  .object({
    dateRange: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
    types: filterList(z.string(), 'types').optional(),
    tags: filterList(z.string(), 'tags').optional(),
    sessionIds: filterList(z.string(), 'sessions').optional(),
    importance: filterList(z.enum(IMPORTANCE_LEVELS), 'importance levels').optional(),
    /** Free text, matched against title and content (store browsing and the export wizard). */
    search: z.string().optional(),
    /**
     * Records created or changed in the store after a watermark (what `export --since last` sets from the
     * destination's last export): written after `at` by an import, a row past `rowid`, or an updatedAt after `at`.
     */
    changedSince: z.object({ at: z.string(), rowids: z.record(z.string(), z.number().int()) }).optional(),
  })
  .default({});
export type Filters = z.infer<typeof FiltersSchema>;

export const EncryptionOptionsSchema = z.object({
  enabled: z.boolean().default(false),
  algorithm: z.literal('aes-256-gcm').default('aes-256-gcm'),
  /** Never logged, never put in argv, history or an error message. */
  passphrase: z.string().optional(),
  /** A raw 256-bit key (64 hex characters or base64 of 32 bytes), used instead of a passphrase: no KDF. Never logged. */
  key: z.string().optional(),
});

export const SplitOptionsSchema = z.object({
  enabled: z.boolean().default(false),
  maxSizeBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});

export const ExportOptionsSchema = z.object({
  dataType: z.enum(DATA_TYPES).default('contexts'),
  format: z.enum(FORMAT_IDS).default('json'),
  includeMetadata: z.boolean().default(true),
  includeBinaryData: z.boolean().default(false),
  filters: FiltersSchema,
  compression: z.enum(COMPRESSIONS).default('none'),
  compressionLevel: z.enum(['fast', 'small']).default('fast'),
  encryption: EncryptionOptionsSchema.default({ enabled: false, algorithm: 'aes-256-gcm' }),
  splitLargeFiles: SplitOptionsSchema.default({ enabled: false, maxSizeBytes: 50 * 1024 * 1024 }),
  /** A template (id or name) whose mapping selects, renames and computes the exported fields. */
  template: z.string().optional(),
  /**
   * Fields to write and their names (`{ "title": "Heading" }`: store field -> output name), as the export
   * wizard's field list gives them; with a template, this replaces the template's mapping (its computed
   * fields still apply).
   */
  mapping: MappingSchema.optional(),
  /** Where to write. Adapters choose a default in their own export folder when absent. */
  outputPath: z.string().optional(),
  user: z.string().optional(),
  /** `last`: only records created or updated since the last completed export to `destination`. */
  since: z.literal('last').optional(),
  /** A named destination: its watermark advances when an export to it completes (default name: `default`). */
  destination: z.string().min(1).max(200).optional(),
  /** Also file a copy in this archive folder (a dated name, listed in its index.json). */
  archiveDir: z.string().optional(),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

export const ImportOptionsSchema = z.object({
  dataType: z.enum(IMPORT_DATA_TYPES).default('auto-detect'),
  format: z.union([z.enum(FORMAT_IDS), z.literal('auto')]).default('auto'),
  validateSchema: z.boolean().default(true),
  skipDuplicates: z.boolean().default(false),
  overwriteExisting: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(100_000).default(1000),
  dryRun: z.boolean().default(false),
  errorHandling: z.enum(ERROR_HANDLING).default('strict'),
  mapping: MappingSchema.optional(),
  template: z.string().optional(),
  /** Where fields no mapping names go when a mapping is used. */
  unmappedFields: z.enum(['metadata', 'drop']).default('metadata'),
  passphrase: z.string().optional(),
  /** A raw 256-bit key for files encrypted with one (hex or base64). Never logged. */
  key: z.string().optional(),
  /** With a passphrase, an input that is not encrypted is refused (a swapped file) unless this is set. */
  allowPlaintext: z.boolean().default(false),
  /** Caps on decompression (a compression bomb fails with LIMIT_EXCEEDED); the envelope's defaults when absent. */
  decompressionLimits: z.object({ maxBytes: z.number().int().positive().optional(), maxRatio: z.number().positive().optional() }).optional(),
  /**
   * A snapshot of the store before the import: undefined takes one when the import is large (the backup
   * settings' threshold, 10,000 records) or overwrites or merges; true always; false never (`--no-backup`).
   */
  backup: z.boolean().optional(),
  /** CSV parser options for foreign files; detected when absent. */
  delimiter: z.string().max(4).optional(),
  encoding: z.string().optional(),
  /**
   * JSON and XML: where the records are, as a dot path (`data.items`, `channel.item`) or a JSON Pointer / XML
   * path (`/data/items`, `/rss/channel/item`, naming the record elements); found when absent.
   */
  root: z.string().max(1000).optional(),
  /** A source preset id (`markdown-notes`, `evernote`, …) to force, `none` for no preset; detected when absent. */
  source: z.string().optional(),
  /** Options of the source preset, as it declares them (`getSources`). */
  sourceOptions: z.record(z.string(), z.union([z.boolean(), z.string()])).optional(),
  /** Chat exports (ChatGPT, Claude): one context per message (default) or one Markdown transcript per conversation. */
  as: z.enum(IMPORT_AS).optional(),
  user: z.string().optional(),
  /**
   * How existing records are found: by id, by the source identity a preset gives (metadata.source + sourceId), or
   * by content. Absent: the template's setting, else source (which falls back to the id).
   */
  match: z.enum(MATCH_MODES).optional(),
  /** The third duplicate policy: combine an existing record with the incoming one field by field. Absent: the template's setting, else no. */
  merge: z.boolean().optional(),
  /** Per-field merge rules (`{ title: 'source', tags: 'union' }`); the defaults fill the rest. */
  mergeRules: z.record(z.string(), z.string()).optional(),
  /** A field edited locally since the last import and changed in the source: default fail in strict, keep-local otherwise. */
  onConflict: z.enum(CONFLICT_CHOICES).optional(),
  /**
   * Per-record answers to conflicts, by the store's id of the record (the `id` of a dry run's conflicts): the
   * wizard's "keep local / take source" per record. A record not named here follows `onConflict`.
   */
  conflictChoices: z.record(z.string(), z.enum(RECORD_CONFLICT_CHOICES)).optional(),
  /** Write every rejected record, as the source had it plus an `_error` field, to this file. */
  rejectsPath: z.string().optional(),
  /**
   * Without `rejectsPath`: write the rejected records to a file the service names in its export folder and
   * keeps for this operation ("Save rejected records" in the wizard, the download link over REST).
   */
  keepRejects: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;
export type ImportOptionsInput = z.input<typeof ImportOptionsSchema>;

export type ImportStatus = 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
export type RecordAction = 'insert' | 'overwrite' | 'merge' | 'unchanged' | 'skip' | 'reject';

/** A field edited in the store since the last import and changed in the source too. */
export interface MergeConflict {
  record: number;
  dataType: RecordType;
  id: string;
  field: string;
  /** The field's merge rule (a conflict arises under `source`: the source wins unless the store edited it). */
  rule: string;
  local: unknown;
  incoming: unknown;
  /** What the conflict choice did (or, in a dry run, would do). */
  resolution: 'kept-local' | 'took-source' | 'failed';
}

/**
 * A record's error in a result: an ErrorValue whose message is named `error` and whose record is always
 * set. The field names are the public JSON of `import --json` and the REST API, so they stay; the type is
 * the one error shape underneath, with the same ErrorCode.
 */
export type RecordError = Omit<ErrorValue, 'message' | 'record'> & {
  record: number;
  error: string;
  /** The file (or `archive.zip › entry`) the record came from, when the input was more than one file. */
  file?: string;
};

export interface ValidationIssue {
  record: number;
  field: string;
  message: string;
}
/** One record's fate in a dry run (and in the capped outcome list of a real run). */
export interface RecordOutcome {
  record: number;
  dataType: RecordType;
  id?: string;
  action: RecordAction;
  reason?: string;
  field?: string;
  /** The record as it would be written (for insert and overwrite), or as read (for reject). */
  after?: unknown;
  /** For overwrite and merge: the record as the store holds it now. */
  before?: unknown;
  /** For merge: the fields it changes. */
  changedFields?: string[];
}

/** How many records got one action for one reason: a total over the whole run, never capped. */
export interface ReasonCount {
  action: RecordAction;
  reason: string;
  count: number;
}

/** The reason an outcome is grouped under (one rule for the engine's totals and the UI's chips). */
export function outcomeReason(o: Pick<RecordOutcome, 'action' | 'reason'>): string {
  return o.reason ?? (o.action === 'overwrite' ? 'id already in the store' : 'no reason given');
}

/** A format of the registry, a container read entry by entry, or a source preset's id (sources are plugins: open). */
export type DetectedFormat = FormatId | 'file' | 'folder' | 'zip' | (string & {});

export interface DetectedInput {
  file: string;
  format: DetectedFormat;
  dataType: ImportDataType;
  compression: Compression;
  encrypted: boolean;
  bytes: number;
  sha256?: string;
  /** JSON and XML: the path the records were read from, when not the top level. */
  root?: string;
  /** The text encoding found in the file when it was neither chosen nor announced by a BOM. */
  encoding?: string;
  /** Set when a source preset read the input: which, and what it found. */
  source?: DetectedSource;
  /** A folder or zip: the entries it held that were not read, and why. */
  skipped?: { path: string; reason: string }[];
  /** A folder or zip: how many of its entries were read. */
  entriesRead?: number;
  /** A folder or zip a preset read as one input: which of the two (its entries' own compression is the zip's). */
  container?: 'folder' | 'zip';
}

/** "Detected: Evernote export — 3 notes, 2 attachments" */
export interface DetectedSource {
  id: string;
  label: string;
  /** Whether the user chose it (`--source NAME`) or detection did. */
  forced: boolean;
  counts: Record<string, number>;
  /** The line the CLI prints and the UI shows. */
  summary: string;
}

export interface ImportResult {
  operationId: string;
  status: ImportStatus;
  dryRun: boolean;
  dataType: ImportDataType;
  totalRecords: number;
  /** Records written (inserted plus overwritten), or that would be in a dry run. */
  successfulRecords: number;
  insertedRecords: number;
  skippedRecords: number;
  overwrittenRecords: number;
  /** Existing records a merge changed (part of successfulRecords). */
  mergedRecords: number;
  /** Existing records the source brought again exactly as the store has them. */
  unchangedRecords: number;
  /** Fields edited on both sides, however the conflict choice decided them. */
  conflictCount: number;
  /** The conflicts themselves (capped; conflictCount is complete). */
  conflicts: MergeConflict[];
  /** Where the rejected records were written (`rejectsPath`), with how many; over REST, where to download them. */
  rejects?: { path: string; format: FormatId; records: number; downloadUrl?: string };
  /** REST only: the download link of `rejects` (as an export's `downloadUrl`). */
  rejectsUrl?: string;
  failedRecords: number;
  errors: RecordError[];
  /** How many errors there were in all, when `errors` was capped. */
  totalErrors: number;
  validationErrors: ValidationIssue[];
  /** Per-record outcomes (capped; counts above are always complete). */
  outcomes?: RecordOutcome[];
  /** With outcomes: every non-insert outcome counted by action and reason, over all records (outcomes are capped, these are not). */
  reasonCounts?: ReasonCount[];
  warnings: string[];
  inputs: DetectedInput[];
  durationMs: number;
  /** Set when the whole import failed (strict rejection, unreadable input, integrity failure, cancel). */
  error?: ErrorValue;
}

/** An import result before any record was read: the one starting point for the pipeline and its clients. */
export function emptyImportResult(operationId: string, fields: Partial<ImportResult> = {}): ImportResult {
  return {
    operationId,
    status: 'completed',
    dryRun: false,
    dataType: 'contexts',
    totalRecords: 0,
    successfulRecords: 0,
    insertedRecords: 0,
    skippedRecords: 0,
    overwrittenRecords: 0,
    mergedRecords: 0,
    unchangedRecords: 0,
    conflictCount: 0,
    conflicts: [],
    failedRecords: 0,
    errors: [],
    totalErrors: 0,
    validationErrors: [],
    // Listed here so a dry run's outcomes keep their place in the result's JSON.
    outcomes: undefined,
    reasonCounts: undefined,
    warnings: [],
    inputs: [],
    durationMs: 0,
    ...fields,
  };
}

export interface ExportFile {
  path: string;
  bytes: number;
  sha256: string;
}
export interface ExportResult {
  exportId: string;
  operationId: string;
  status: 'completed' | 'failed' | 'cancelled';
  dataType: DataType;
  format: FormatId;
  recordCount: number;
  filePath: string;
  files: ExportFile[];
  /** The manifest file for split or encrypted exports. */
  manifestPath?: string;
  durationMs: number;
  error?: ErrorValue;
  /** What the file leaves out that a person may expect in it (attachments' bytes without --include-binary). */
  warnings?: string[];
}

export interface ValidateResult {
  operationId: string;
  valid: boolean;
  dataType: ImportDataType;
  /** The formats of the inputs, comma-separated (`unknown` for none). */
  format: string;
  totalRecords: number;
  validRecords: number;
  invalidRecords: number;
  duplicateRecords: number;
  errors: RecordError[];
  totalErrors: number;
  validationErrors: ValidationIssue[];
  warnings: string[];
  inputs: DetectedInput[];
  durationMs: number;
  error?: ErrorValue;
}

export const ValidateOptionsSchema = ImportOptionsSchema.pick({
  dataType: true,
  format: true,
  mapping: true,
  template: true,
  unmappedFields: true,
  passphrase: true,
  key: true,
  allowPlaintext: true,
  decompressionLimits: true,
  delimiter: true,
  encoding: true,
  root: true,
  source: true,
  sourceOptions: true,
  as: true,
  user: true,
});
export type ValidateOptions = z.infer<typeof ValidateOptionsSchema>;

/** How many itemised errors a result carries at most; counts are always complete. */
export const ERROR_LIST_CAPS = { lenient: 10_000, 'skip-errors': 100, strict: 1 } as const;
export const OUTCOME_LIST_CAP = 1000;
