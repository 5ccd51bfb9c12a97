/** `context-store import FILE...`: the import pipeline from the command line. */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CONFLICT_CHOICES, ERROR_HANDLING, FORMAT_IDS, IMPORT_AS, IMPORT_DATA_TYPES, MATCH_MODES } from '../../../shared/choices.ts';
import { mappingHelp } from '../catalogue-help.ts';
import type { DetectedInput, ImportOptionsInput, ImportResult } from '../../../shared/options.ts';
import { parseMergeRules } from '../../engine/reimport/merge-rules.ts';
import type { CliContext } from '../context.ts';
import { addMappingHint, mappingOptionsFrom, readMappingFile, type MappingFlags } from '../mapping-flags.ts';
import { exitCodeForStatus } from '../exit-codes.ts';
import { describeError, formatNumber, printJson, warningLines } from '../output.ts';
import { parseChoice, parseInteger, parseSize } from '../parse.ts';
import { addPassphraseHint, readKey, readPassphrase } from '../passphrase.ts';
import { runCall } from '../run-call.ts';
import { describeSourceOption } from '../source-help.ts';
import { resolveInputs } from '../std-streams.ts';

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
  limit?: number;
  delimiter?: string;
  encoding?: string;
  root?: string;
  passphraseFile?: string;
  keyFile?: string;
  backup?: boolean;
  maxDecompressedSize?: number;
  match?: (typeof MATCH_MODES)[number];
  /** `true` for `--merge` alone, else the rules it was given. */
  merge?: boolean | Record<string, string>;
  onConflict?: (typeof CONFLICT_CHOICES)[number];
  rejects?: string;
  allowPlaintext?: boolean;
  source?: string;
  sourceOption?: Record<string, string | boolean>;
  as?: (typeof IMPORT_AS)[number];
}

function collectSourceOption(value: string, previous: Record<string, string | boolean> = {}): Record<string, string | boolean> {
  const at = value.indexOf('=');
  const name = at < 0 ? value : value.slice(0, at);
  const raw = at < 0 ? 'true' : value.slice(at + 1);
  return { ...previous, [name]: raw === 'true' ? true : raw === 'false' ? false : raw };
}

export function addParseOptions(command: Command): Command {
  return (
    command
      // `auto` and `auto-detect` both work (the REST API and the app say auto-detect); help names one.
      .addOption(
        new Option('--type <type>', 'data type: auto, contexts, sessions, templates or all')
          .argParser(parseChoice('--type', IMPORT_DATA_TYPES, { auto: 'auto-detect' }))
          .default('auto-detect', 'auto'),
      )
      .option('--format <format>', `format: auto or ${FORMAT_IDS.join(', ')}`, parseChoice('--format', [...FORMAT_IDS, 'auto'] as const), 'auto')
      .option('--mapping <file.json>', 'a field mapping: {"fieldMappings": {"source": "target"}, "transformations": [...]}', readMappingFile)
      .option('--template <id|name>', 'a saved template: its mapping, transformations and schema apply')
      .option('--unmapped <where>', 'with a mapping, where unmapped fields go: metadata or drop', parseChoice('--unmapped', ['metadata', 'drop'] as const))
      .option('--delimiter <char>', 'CSV delimiter (detected when absent)')
      .option('--encoding <name>', 'text encoding (detected from a BOM when absent)')
      .option(
        '--root <path>',
        'JSON or XML: where the records are, as data.items or /data/items (JSON), channel.item or /rss/channel/item (XML: the record elements); found in the document when absent',
      )
      .option('--passphrase-file <file>', 'passphrase of an encrypted file (or set CONTEXT_STORE_PASSPHRASE)')
      .option('--key-file <file>', 'raw 256-bit key of a file encrypted with one (or set CONTEXT_STORE_KEY)')
      .addOption(describeSourceOption(command, new Option('--source <name>')))
      .option('--source-option <name=value>', 'an option of the source preset (repeatable), e.g. folders=tag', collectSourceOption)
      .option(
        '--as <what>',
        'chat exports (ChatGPT, Claude): messages (a context per message, default) or transcript (one Markdown transcript per conversation)',
        parseChoice('--as', IMPORT_AS),
      )
      .option('--allow-plaintext', 'with a passphrase, read an input that is not encrypted anyway (refused by default)')
      .option('--max-decompressed-size <size>', 'refuse a compressed input that expands past this size (default 8GB)', parseSize('--max-decompressed-size'))
      .addHelpText('after', mappingHelp)
  );
}

/** The envelope options every reading command shares. */
export function envelopeOptionsFrom(
  flags: Pick<ImportFlags, 'passphraseFile' | 'keyFile' | 'maxDecompressedSize' | 'allowPlaintext' | 'source' | 'sourceOption' | 'as'>,
): Pick<ImportOptionsInput, 'passphrase' | 'key' | 'decompressionLimits' | 'allowPlaintext' | 'source' | 'sourceOptions' | 'as'> {
  return {
    source: flags.source,
    sourceOptions: flags.sourceOption,
    as: flags.as,
    passphrase: readPassphrase(flags.passphraseFile),
    key: readKey(flags.keyFile),
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
    // Unset unless asked for: a template's re-import settings apply to what the command line leaves open.
    merge: flags.merge ? true : undefined,
    mergeRules: typeof flags.merge === 'object' ? flags.merge : undefined,
    onConflict: flags.onConflict,
    rejectsPath: flags.rejects ? path.resolve(flags.rejects) : undefined,
    ...mappingOptionsFrom(flags),
    user: flags.user,
    delimiter: flags.delimiter,
    encoding: flags.encoding,
    root: flags.root,
    ...envelopeOptionsFrom(flags),
    backup: flags.backup,
  };
}

export function printImportSummary(result: ImportResult, limit = 20): void {
  const out = process.stdout;
  const verb = result.dryRun ? 'Dry run' : 'Import';
  const files = result.inputs.map((i) => `${path.basename(i.file)} (${i.format}, ${i.dataType})`).join(', ');
  for (const line of detectionLines(result.inputs)) out.write(`${line}\n`);
  out.write(`${verb} ${result.status.replace(/_/g, ' ')}${files ? `: ${files}` : ''}\n`);
  // A strict import stops at its first bad record: "1 read" alone reads as if the file held one record.
  const stoppedAt = !result.dryRun && result.status === 'failed' ? result.error?.record : undefined;
  const read = `${formatNumber(result.totalRecords)} read${stoppedAt !== undefined ? `, then stopped at record ${formatNumber(stoppedAt)} (strict)` : ''}`;
  out.write(
    `  ${read} · ${formatNumber(result.insertedRecords)} ${result.dryRun ? 'to insert' : 'inserted'} · ` +
      `${formatNumber(result.overwrittenRecords)} ${result.dryRun ? 'to overwrite' : 'overwritten'} · ` +
      (result.mergedRecords ? `${formatNumber(result.mergedRecords)} ${result.dryRun ? 'to merge' : 'merged'} · ` : '') +
      (result.unchangedRecords ? `${formatNumber(result.unchangedRecords)} unchanged · ` : '') +
      `${formatNumber(result.skippedRecords)} skipped · ` +
      (result.conflictCount ? `${formatNumber(result.conflictCount)} conflicts · ` : '') +
      `${formatNumber(result.failedRecords)} rejected · ${result.durationMs} ms\n`,
  );
  if (stoppedAt !== undefined)
    out.write('  nothing was written (a strict import is all or nothing): --dry-run checks every record; --on-error lenient imports the valid ones\n');
  for (const c of result.conflicts.slice(0, 20)) {
    const show = (v: unknown) => JSON.stringify(v)?.slice(0, 60);
    out.write(
      `  conflict: record ${c.record} (${c.id}) · ${c.field}: store ${show(c.local)} · source ${show(c.incoming)} → ${c.resolution.replace('-', ' ')}\n`,
    );
  }
  if (result.conflictCount > 20) out.write(`  … and ${formatNumber(result.conflictCount - 20)} more conflicts (use --json for the full list)\n`);
  if (result.rejects)
    out.write(
      `  rejected records written to ${result.rejects.path} (${formatNumber(result.rejects.records)}, ${result.rejects.format}): fix them and import that file again\n`,
    );
  // The reason an import failed goes to stderr too, where scripts and people look for errors.
  if (result.error) process.stderr.write(`error: ${describeError(result.error)}\n`);
  for (const e of result.errors.slice(0, 20)) {
    // The failure's own record is on stderr already (a hint or a strict dry run's note may have been added to it).
    if (result.error && (e.error === result.error.message || (e.record === result.error.record && result.error.message.startsWith(e.error)))) continue;
    out.write(`  record ${e.record}${e.field ? ` · ${e.field}` : ''}: ${e.error}\n`);
  }
  if (result.totalErrors > 20) out.write(`  … and ${formatNumber(result.totalErrors - 20)} more (use --json for the full list)\n`);
  for (const line of warningLines(result.warnings)) out.write(`${line}\n`);
  if (result.dryRun) printOutcomeTable(result, limit);
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

/** "Detected: Evernote export — 3 notes" and, for folders and zips, what was read and what was skipped. */
export function detectionLines(inputs: DetectedInput[]): string[] {
  const lines: string[] = [];
  for (const input of inputs) {
    if (input.source) lines.push(`${input.source.forced ? 'Read as' : 'Detected'}: ${input.source.summary} (${path.basename(input.file)})`);
    if (input.entriesRead !== undefined && !input.source) lines.push(`${path.basename(input.file)}: ${input.entriesRead} file(s) read`);
    if (input.skipped?.length) {
      lines.push(
        `  skipped ${input.skipped.length}: ${input.skipped
          .slice(0, 5)
          .map((s) => `${s.path} (${s.reason})`)
          .join(', ')}${input.skipped.length > 5 ? ', …' : ''}`,
      );
    }
  }
  return lines;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** A dry run, record by record: the first `limit` outcomes as a compact table (everything is in --json). */
export function printOutcomeTable(result: ImportResult, limit: number): void {
  const outcomes = result.outcomes ?? [];
  if (!outcomes.length) return;
  const shown = outcomes.slice(0, limit);
  const rows = shown.map((o) => [
    String(o.record),
    o.action,
    clip(o.id ?? '', 24),
    clip([o.reason, o.field && o.field !== o.reason ? `(${o.field})` : ''].filter(Boolean).join(' '), 60),
  ]);
  const head = ['record', 'action', 'id', 'reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  process.stdout.write(line(head));
  for (const r of rows) process.stdout.write(line(r));
  const rest = result.totalRecords - shown.length;
  if (rest > 0) process.stdout.write(`  … ${formatNumber(rest)} more record(s) (--limit N to show more, --json for all)\n`);
}

export function registerImport(program: Command, cli: CliContext): void {
  addParseOptions(
    program
      .command('import')
      .description('import one or more files into the store (one transaction: all or nothing in strict mode)')
      .argument('<files...>', 'files, folders or .zip archives to import (- reads stdin)'),
  )
    .option('--backup', "take a snapshot of the store first, whatever the import's size")
    .option('--no-backup', 'no automatic snapshot first (taken by default before large, overwriting or merging imports)')
    .option('--skip-duplicates', 'skip records whose id already exists')
    .option('--overwrite-existing', 'replace records whose id already exists')
    .option(
      '--merge [rules]',
      'merge existing records field by field; rules like title=source,tags=union,content=newer (source, local, newer, union, append)',
      parseMergeFlag,
    )
    .option('--match <how>', 'find existing records by id, source (the identity a source preset gives) or content', parseChoice('--match', MATCH_MODES))
    .option(
      '--on-conflict <choice>',
      'a field edited in the store and changed in the source: keep-local, take-source or fail (default: fail in strict, keep-local otherwise)',
      parseChoice('--on-conflict', CONFLICT_CHOICES),
    )
    .option('--rejects <file>', 'write every rejected record, in the source format with an _error field, to this file')
    .option('--batch-size <n>', 'records per batch (paces progress)', parseInteger('--batch-size', 1, 100_000))
    .option('--dry-run', 'do everything but write; report what would happen to each record')
    .option('--on-error <mode>', 'strict (first error aborts, nothing written), lenient or skip-errors', parseChoice('--on-error', ERROR_HANDLING), 'strict')
    .option('--no-validate', 'skip schema validation (an id is still required)')
    .option('--user <name>', 'who history records as running this import')
    .option('--limit <n>', 'with --dry-run, how many records the table shows (default 20; --json has them all)', parseInteger('--limit', 1))
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (files: string[], flags: ImportFlags) => {
      const result = addMappingHint(
        addPassphraseHint(
          await runCall(
            cli,
            'importData',
            { files: await resolveInputs(files), options: importOptionsFrom(flags) },
            { json: Boolean(flags.json), worker: 'import' },
          ),
        ),
        flags,
      );
      if (flags.json) printJson(result);
      else printImportSummary(result, flags.limit ?? 20);
      process.exitCode = exitCodeForStatus(result.status, result.error);
    });
}
