/** `context-store export`: the export pipeline from the command line. */
import path from 'node:path';
import type { Command } from 'commander';
import { DATA_TYPES, IMPORTANCE_LEVELS } from '../../../shared/model.ts';
import { FORMAT_IDS, type ExportOptionsInput, type Filters } from '../../../shared/options.ts';
import type { CliContext } from '../context.ts';
import { exitCodeForStatus } from '../exit-codes.ts';
import { describeError, formatBytes, formatNumber, printJson } from '../output.ts';
import { parseChoice, parseIsoDate, parseList } from '../parse.ts';
import { runCall } from '../run-call.ts';
import { InvalidArgumentError } from 'commander';

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
}

function importanceList(value: string): string[] {
  const list = parseList(value);
  const bad = list.filter((v) => !(IMPORTANCE_LEVELS as readonly string[]).includes(v));
  if (bad.length) throw new InvalidArgumentError(`--importance takes ${IMPORTANCE_LEVELS.join(', ')}; got ${bad.join(', ')}.`);
  return list;
}

export function filtersFrom(flags: Pick<ExportFlags, 'since' | 'until' | 'types' | 'tags' | 'sessions' | 'importance'>): Filters {
  const filters: Filters = {};
  if (flags.since || flags.until) filters.dateRange = { start: flags.since, end: flags.until };
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
    outputPath: path.resolve(flags.out),
    user: flags.user,
  };
}

export function registerExport(program: Command, cli: CliContext): void {
  program
    .command('export')
    .description('export records from the store to a file')
    .requiredOption('--type <type>', `data type: ${DATA_TYPES.join(', ')}`, parseChoice('--type', DATA_TYPES))
    .requiredOption('--format <format>', `format: ${FORMAT_IDS.join(', ')}`, parseChoice('--format', FORMAT_IDS))
    .requiredOption('--out <file>', 'the file to write')
    .option('--no-metadata', 'leave metadata out')
    .option('--include-binary', 'include attachment bytes (base64)')
    .option('--template <id|name>', 'a saved template: its mapping selects and renames fields, its computed fields are added')
    .option('--since <iso>', 'only records created at or after this date', parseIsoDate('--since'))
    .option('--until <iso>', 'only records created at or before this date (a date alone includes that day)', parseIsoDate('--until'))
    .option('--types <a,b>', 'only contexts of these types', parseList)
    .option('--tags <a,b>', 'only contexts with any of these tags', parseList)
    .option('--sessions <a,b>', 'only contexts of these sessions', parseList)
    .option('--importance <a,b>', `only contexts of this importance (${IMPORTANCE_LEVELS.join(', ')})`, importanceList)
    .option('--user <name>', 'who history records as running this export')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (flags: ExportFlags) => {
      const result = await runCall(cli, 'exportData', { options: exportOptionsFrom(flags) }, { json: Boolean(flags.json) });
      if (flags.json) printJson(result);
      else {
        process.stdout.write(`Export ${result.status}: ${formatNumber(result.recordCount)} ${result.dataType} record(s) as ${result.format} in ${result.durationMs} ms\n`);
        if (result.error) process.stdout.write(`  ${describeError(result.error)}\n`);
        for (const f of result.files) process.stdout.write(`  ${f.path}  ${formatBytes(f.bytes)}  sha256 ${f.sha256}\n`);
        process.stdout.write(`  operation ${result.operationId}\n`);
      }
      process.exitCode = exitCodeForStatus(result.status, result.error);
    });
}
