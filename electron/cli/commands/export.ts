/** `context-store export`: the export pipeline from the command line. */
import path from 'node:path';
import type { Command } from 'commander';
import { COMPRESSIONS, DATA_TYPES, FORMAT_IDS, IMPORTANCE_LEVELS } from '../../../shared/choices.ts';
import type { ExportOptionsInput, Filters } from '../../../shared/options.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { EXIT, exitCodeForStatus } from '../exit-codes.ts';
import { CliFailure, describeError, formatBytes, formatNumber } from '../output.ts';
import { parseChoice, parseIsoDate, parseList, parseSize } from '../parse.ts';
import { KEY_ENV, PASSPHRASE_ENV, PASSPHRASE_HINT, readKey, readPassphrase } from '../passphrase.ts';
import { runCall } from '../run-call.ts';
import { InvalidArgumentError } from 'commander';
import { copyToStdout, STD_STREAM, stdoutSpoolPath } from '../std-streams.ts';

interface ExportFlags {
  type: (typeof DATA_TYPES)[number];
  format: (typeof FORMAT_IDS)[number];
  out: string;
  template?: string;
  metadata: boolean;
  includeBinary?: boolean;
  since?: string;
  until?: string;
  types?: string[];
  tags?: string[];
  sessions?: string[];
  importance?: string[];
  user?: string;
  json?: boolean;
  compression: (typeof COMPRESSIONS)[number];
  compressionLevel: 'fast' | 'small';
  encrypt?: boolean;
  passphraseFile?: string;
  keyFile?: string;
  splitSize?: number;
  destination?: string;
  archive?: string;
}

function importanceList(value: string): string[] {
  const list = parseList(value);
  const bad = list.filter((v) => !(IMPORTANCE_LEVELS as readonly string[]).includes(v));
  if (bad.length) throw new InvalidArgumentError(`--importance takes ${IMPORTANCE_LEVELS.join(', ')}; got ${bad.join(', ')}.`);
  return list;
}

export function filtersFrom(flags: Pick<ExportFlags, 'since' | 'until' | 'types' | 'tags' | 'sessions' | 'importance'>): Filters {
  const filters: Filters = {};
  const since = flags.since === 'last' ? undefined : flags.since;
  if (since || flags.until) filters.dateRange = { start: since, end: flags.until };
  if (flags.types?.length) filters.types = flags.types;
  if (flags.tags?.length) filters.tags = flags.tags;
  if (flags.sessions?.length) filters.sessionIds = flags.sessions;
  if (flags.importance?.length) filters.importance = flags.importance as Filters['importance'];
  return filters;
}

export function exportOptionsFrom(flags: ExportFlags): ExportOptionsInput {
  return {
    dataType: flags.type,
    format: flags.format,
    includeMetadata: flags.metadata,
    includeBinaryData: flags.includeBinary ?? false,
    template: flags.template,
    filters: filtersFrom(flags),
    outputPath: flags.out === STD_STREAM ? stdoutSpoolPath(flags.format) : path.resolve(flags.out),
    user: flags.user,
    compression: flags.compression ?? 'none',
    compressionLevel: flags.compressionLevel ?? 'fast',
    encryption: encryptionFrom(flags),
    splitLargeFiles: flags.splitSize ? { enabled: true, maxSizeBytes: flags.splitSize } : { enabled: false },
    since: flags.since === 'last' ? 'last' : undefined,
    destination: flags.destination,
    archiveDir: flags.archive ? path.resolve(flags.archive) : undefined,
  };
}

/** `--encrypt` uses a raw key when one is given (`--key-file`, or CONTEXT_STORE_KEY without a passphrase file), else a passphrase. */
export function encryptionFrom(flags: { encrypt?: boolean; keyFile?: string; passphraseFile?: string }): NonNullable<ExportOptionsInput['encryption']> {
  if (!flags.encrypt) return { enabled: false, algorithm: 'aes-256-gcm' };
  const key = flags.passphraseFile === undefined ? readKey(flags.keyFile) : undefined;
  if (key) return { enabled: true, algorithm: 'aes-256-gcm', key };
  return { enabled: true, algorithm: 'aes-256-gcm', passphrase: encryptionPassphrase(flags.passphraseFile) };
}

function encryptionPassphrase(passphraseFile: string | undefined): string {
  const passphrase = readPassphrase(passphraseFile);
  if (!passphrase)
    throw new CliFailure(
      { code: ERROR_CODES.PASSPHRASE_REQUIRED, message: `--encrypt needs a passphrase. ${PASSPHRASE_HINT}`, field: '--passphrase-file' },
      EXIT.USAGE,
    );
  return passphrase;
}

export function registerExport(program: Command, cli: CliContext): void {
  program
    .command('export')
    .description('export records from the store to a file')
    .requiredOption('--type <type>', `data type: ${DATA_TYPES.join(', ')}`, parseChoice('--type', DATA_TYPES))
    .requiredOption('--format <format>', `format: ${FORMAT_IDS.join(', ')}`, parseChoice('--format', FORMAT_IDS))
    .requiredOption('--out <file>', 'the file to write, or - for stdout (the summary then goes to stderr)')
    .option('--no-metadata', 'leave metadata out')
    .option('--include-binary', 'include attachment bytes (base64)')
    .option('--template <id|name>', 'a saved template: its mapping selects and renames fields, its computed fields are added')
    .option(
      '--since <iso|last>',
      'only records created at or after this date; `last`: created or updated since the last export to --destination',
      parseIsoDate('--since'),
    )
    .option('--destination <name>', 'a named destination: `--since last` reads its watermark, a completed export advances it (default: default)')
    .option('--archive <dir>', 'also file a copy in this archive folder, under a dated name, listed in its index.json')
    .option('--until <iso>', 'only records created at or before this date (a date alone includes that day)', parseIsoDate('--until'))
    .option('--types <a,b>', 'only contexts of these types', parseList)
    .option('--tags <a,b>', 'only contexts with any of these tags', parseList)
    .option('--sessions <a,b>', 'only contexts of these sessions', parseList)
    .option('--importance <a,b>', `only contexts of this importance (${IMPORTANCE_LEVELS.join(', ')})`, importanceList)
    .option('--compression <kind>', `compress the output: ${COMPRESSIONS.join(', ')}`, parseChoice('--compression', COMPRESSIONS), 'none')
    .option(
      '--compression-level <level>',
      'fast (gzip 1 / brotli 4) or small (gzip 6 / brotli 6)',
      parseChoice('--compression-level', ['fast', 'small'] as const),
      'fast',
    )
    .option('--encrypt', `encrypt with AES-256-GCM under a passphrase (--passphrase-file or ${PASSPHRASE_ENV})`)
    .option('--passphrase-file <file>', 'read the passphrase from this file (its first line break at the end is ignored)')
    .option('--key-file <file>', `with --encrypt: a raw 256-bit key instead of a passphrase, no KDF (or ${KEY_ENV}; \`context-store keygen\` makes one)`)
    .option('--split-size <size>', 'split the output into numbered parts of at most this size (e.g. 50MB), with a manifest', parseSize('--split-size'))
    .option('--user <name>', 'who history records as running this export')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (flags: ExportFlags) => {
      const toStdout = flags.out === STD_STREAM;
      if (toStdout && flags.splitSize) {
        throw new CliFailure(
          {
            code: ERROR_CODES.BAD_ARGUMENT,
            message: '--out - writes one stream to stdout; --split-size needs a file name to number its parts.',
            field: '--split-size',
          },
          EXIT.USAGE,
        );
      }
      const result = await runCall(cli, 'exportData', { options: exportOptionsFrom(flags) }, { json: Boolean(flags.json), worker: 'export' });
      // With --out - stdout carries the data, so the summary (or the --json object) goes to stderr.
      const report = toStdout ? process.stderr : process.stdout;
      if (toStdout && result.status === 'completed') {
        for (const f of result.files.filter((f) => !f.path.endsWith('.manifest.json'))) await copyToStdout(f.path);
      }
      if (flags.json) report.write(JSON.stringify(result, null, 2) + '\n');
      else {
        report.write(
          `Export ${result.status}: ${formatNumber(result.recordCount)} ${result.dataType} record(s) as ${result.format} in ${result.durationMs} ms\n`,
        );
        if (result.error) process.stderr.write(`error: ${describeError(result.error)}\n`);
        if (!toStdout) for (const f of result.files) report.write(`  ${f.path}  ${formatBytes(f.bytes)}  sha256 ${f.sha256}\n`);
        for (const w of result.warnings ?? []) report.write(`  warning: ${w}\n`);
        report.write(`  operation ${result.operationId}\n`);
      }
      process.exitCode = exitCodeForStatus(result.status, result.error);
    });
}
