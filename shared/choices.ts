/**
 * The fixed lists of choices the adapters offer (record types, formats, compressions, ...). They live apart from
 * the zod schemas in model.ts and options.ts, which re-export them, so the CLI can build its commands and
 * `--help` without loading zod (~30 ms of every start, docs/performance.md "Start-up").
 */
export const RECORD_TYPES = ['contexts', 'sessions', 'templates'] as const;

/** What an export or an import is about: one kind of record, or all of them together. */
export const DATA_TYPES = [...RECORD_TYPES, 'all'] as const;
export const IMPORT_DATA_TYPES = [...DATA_TYPES, 'auto-detect'] as const;

/** Re-import: how an incoming record finds the one the store has, and what a field edited on both sides does. */
export const MATCH_MODES = ['id', 'source', 'content'] as const;
export const CONFLICT_CHOICES = ['keep-local', 'take-source', 'fail'] as const;

export const IMPORTANCE_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export const FORMAT_IDS = ['json', 'jsonl', 'csv', 'xml', 'yaml', 'markdown'] as const;

export const COMPRESSIONS = ['none', 'gzip', 'brotli'] as const;

export const ERROR_HANDLING = ['strict', 'lenient', 'skip-errors'] as const;

/** `--as`: what a chat export's conversation becomes. */
export const IMPORT_AS = ['messages', 'transcript'] as const;
