/** `context-store import FILE...`: the import pipeline from the command line. */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { IMPORT_DATA_TYPES } from '../../../shared/model.ts';
import { CONFLICT_CHOICES, ERROR_HANDLING, FORMAT_IDS, MATCH_MODES, type ImportOptionsInput, type ImportResult } from '../../../shared/options.ts';
import { parseMergeRules } from '../../engine/reimport/merge-rules.ts';
import type { CliContext } from '../context.ts';
import { mappingOptionsFrom, readMappingFile, type MappingFlags } from '../mapping-flags.ts';
import { exitCodeForStatus } from '../exit-codes.ts';
import { describeError, formatNumber, printJson } from '../output.ts';
import { parseChoice, parseInteger, parseSize } from '../parse.ts';
import { addPassphraseHint, readPassphrase } from '../passphrase.ts';
import { runCall } from '../run-call.ts';

export interface ImportFlags extends MappingFlags {
  type: (typeof IMPORT_DATA_TYPES)[number];
  format: string;
  skipDuplicates?: boolean;
  overwriteExisting?: boolean;
  batchSize?: number;
  dryRun?: boolean;
  onError: (typeof ERROR_HANDLING)[number];
  validate: boolean;
  user?: string;
  json?: boolean;
  delimiter?: string;
  encoding?: string;
  passphraseFile?: string;
  maxDecompressedSize?: number;
  match?: (typeof MATCH_MODES)[number];
  /** `true` for `--merge` alone, else the rules it was given. */
  merge?: boolean | Record<string, string>;
  onConflict?: (typeof CONFLICT_CHOICES)[number];
  rejects?: string;
  allowPlaintext?: boolean;
}

export function addParseOptions(command: Command): Command {
  return command
    .option('--type <type>', 'data type: auto, contexts, sessions, templates or all', parseChoice('--type', IMPORT_DATA_TYPES, { auto: 'auto-detect' }), 'auto-detect')
    .option('--format <format>', `format: auto or ${FORMAT_IDS.join(', ')}`, parseChoice('--format', [...FORMAT_IDS, 'auto'] as const), 'auto')
    .option('--mapping <file.json>', 'a field mapping: {"fieldMappings": {"source": "target"}, "transformations": [...]}', readMappingFile)
    .option('--template <id|name>', 'a saved template: its mapping, transformations and schema apply')
    .option('--unmapped <where>', 'with a mapping, where unmapped fields go: metadata or drop', parseChoice('--unmapped', ['metadata', 'drop'] as const))
    .option('--delimiter <char>', 'CSV delimiter (detected when absent)')
    .option('--encoding <name>', 'text encoding (detected from a BOM when absent)')
    .option('--passphrase-file <file>', 'passphrase of an encrypted file (or set CONTEXT_STORE_PASSPHRASE)')
    .option('--allow-plaintext', 'with a passphrase, read an input that is not encrypted anyway (refused by default)')
    .option('--max-decompressed-size <size>', 'refuse a compressed input that expands past this size (default 8GB)', parseSize('--max-decompressed-size'));
}

/** The envelope options every reading command shares. */
export function envelopeOptionsFrom(flags: Pick<ImportFlags, 'passphraseFile' | 'maxDecompressedSize' | 'allowPlaintext'>): Pick<ImportOptionsInput, 'passphrase' | 'decompressionLimits' | 'allowPlaintext'> {
  return {
    passphrase: readPassphrase(flags.passphraseFile),
    allowPlaintext: flags.allowPlaintext ?? false,
    decompressionLimits: flags.maxDecompressedSize ? { maxBytes: flags.maxDecompressedSize } : undefined,
  };
}

export function importOptionsFrom(flags: ImportFlags): ImportOptionsInput {
  return {
    dataType: flags.type,
    format: flags.format as ImportOptionsInput['format'],
    validateSchema: flags.validate,
    skipDuplicates: flags.skipDuplicates ?? false,
    overwriteExisting: flags.overwriteExisting ?? false,
    batchSize: flags.batchSize,
    dryRun: flags.dryRun ?? false,
    errorHandling: flags.onError,
    match: flags.match,
    merge: Boolean(flags.merge),
    mergeRules: typeof flags.merge === 'object' ? flags.merge : undefined,
    onConflict: flags.onConflict,
    rejectsPath: flags.rejects ? path.resolve(flags.rejects) : undefined,
    ...mappingOptionsFrom(flags),
    user: flags.user,
    delimiter: flags.delimiter,
    encoding: flags.encoding,
    ...envelopeOptionsFrom(flags),
  };
}

export function printImportSummary(result: ImportResult): void {
  const out = process.stdout;
  const verb = result.dryRun ? 'Dry run' : 'Import';
  const files = result.inputs.map((i) => `${path.basename(i.file)} (${i.format}, ${i.dataType})`).join(', ');
  out.write(`${verb} ${result.status.replace(/_/g, ' ')}${files ? `: ${files}` : ''}\n`);
  out.write(
    `  ${formatNumber(result.totalRecords)} read · ${formatNumber(result.insertedRecords)} ${result.dryRun ? 'to insert' : 'inserted'} · ` +
      `${formatNumber(result.overwrittenRecords)} ${result.dryRun ? 'to overwrite' : 'overwritten'} · ` +
      (result.mergedRecords ? `${formatNumber(result.mergedRecords)} ${result.dryRun ? 'to merge' : 'merged'} · ` : '') +
      (result.unchangedRecords ? `${formatNumber(result.unchangedRecords)} unchanged · ` : '') +
      `${formatNumber(result.skippedRecords)} skipped · ` +
      (result.conflictCount ? `${formatNumber(result.conflictCount)} conflicts · ` : '') +
      `${formatNumber(result.failedRecords)} rejected · ${result.durationMs} ms\n`,
  );
  for (const c of result.conflicts.slice(0, 20)) {
    const show = (v: unknown) => JSON.stringify(v)?.slice(0, 60);
    out.write(`  conflict: record ${c.record} (${c.id}) · ${c.field}: store ${show(c.local)} · source ${show(c.incoming)} → ${c.resolution.replace('-', ' ')}\n`);
  }
  if (result.conflictCount > 20) out.write(`  … and ${formatNumber(result.conflictCount - 20)} more conflicts (use --json for the full list)\n`);
  if (result.rejects) out.write(`  rejected records written to ${result.rejects.path} (${formatNumber(result.rejects.records)}, ${result.rejects.format}): fix them and import that file again\n`);
  // The reason an import failed goes to stderr too, where scripts and people look for errors.
  if (result.error) process.stderr.write(`error: ${describeError(result.error)}\n`);
  for (const e of result.errors.slice(0, 20)) {
    if (result.error && e.error === result.error.message) continue;
    out.write(`  record ${e.record}${e.field ? ` · ${e.field}` : ''}: ${e.error}\n`);
  }
  if (result.totalErrors > 20) out.write(`  … and ${formatNumber(result.totalErrors - 20)} more (use --json for the full list)\n`);
  for (const w of result.warnings.slice(0, 10)) out.write(`  warning: ${w}\n`);
  out.write(`  operation ${result.operationId}\n`);
}

/** `--merge title=source,…`: a bad rule is a usage error (exit 2) that names what is allowed. */
function parseMergeFlag(value: string): Record<string, string> {
  try {
    return parseMergeRules(value) as Record<string, string>;
  } catch (error) {
    throw new InvalidArgumentError(`--merge: ${(error as Error).message}.`);
  }
}

export function registerImport(program: Command, cli: CliContext): void {
  addParseOptions(
    program
      .command('import')
      .description('import one or more files into the store (one transaction: all or nothing in strict mode)')
      .argument('<files...>', 'files to import'),
  )
    .option('--skip-duplicates', 'skip records whose id already exists')
    .option('--overwrite-existing', 'replace records whose id already exists')
    .option('--merge [rules]', 'merge existing records field by field; rules like title=source,tags=union,content=newer (source, local, newer, union, append)', parseMergeFlag)
    .option('--match <how>', 'find existing records by id, source (the identity a source preset gives) or content', parseChoice('--match', MATCH_MODES))
    .option('--on-conflict <choice>', 'a field edited in the store and changed in the source: keep-local, take-source or fail (default: fail in strict, keep-local otherwise)', parseChoice('--on-conflict', CONFLICT_CHOICES))
    .option('--rejects <file>', 'write every rejected record, in the source format with an _error field, to this file')
    .option('--batch-size <n>', 'records per batch (paces progress)', parseInteger('--batch-size', 1, 100_000))
    .option('--dry-run', 'do everything but write; report what would happen to each record')
    .option('--on-error <mode>', 'strict (first error aborts, nothing written), lenient or skip-errors', parseChoice('--on-error', ERROR_HANDLING), 'strict')
    .option('--no-validate', 'skip schema validation (an id is still required)')
    .option('--user <name>', 'who history records as running this import')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (files: string[], flags: ImportFlags) => {
      const result = addPassphraseHint(await runCall(cli, 'importData', { files: files.map((f) => path.resolve(f)), options: importOptionsFrom(flags) }, { json: Boolean(flags.json) }));
      if (flags.json) printJson(result);
      else printImportSummary(result);
      process.exitCode = exitCodeForStatus(result.status, result.error);
    });
}
