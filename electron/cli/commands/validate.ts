/** `context-store validate FILE`: parse and validate against the schema and the store, never writing. */
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { EXIT, exitCodeForError } from '../exit-codes.ts';
import { describeError, formatNumber, printJson, warningLines } from '../output.ts';
import { addMappingHint, mappingOptionsFrom } from '../mapping-flags.ts';
import { runCall } from '../run-call.ts';
import { resolveInputs } from '../std-streams.ts';
import type { ValidateResult } from '../../../shared/options.ts';
import { addParseOptions, detectionLines, envelopeOptionsFrom, type ImportFlags } from './import.ts';
import { addPassphraseHint } from '../passphrase.ts';

export function registerValidate(program: Command, cli: CliContext): void {
  addParseOptions(
    program
      .command('validate')
      .description('check files against the schema and the store without writing anything')
      .argument('<files...>', 'files to check (- reads stdin)'),
  )
    .option('--json', 'print exactly one JSON result object on stdout')
    .option('--include-records', 'with --json, each error carries its whole record (otherwise a short excerpt)')
    .action(async (files: string[], flags: ImportFlags & { includeRecords?: boolean }) => {
      const result = addMappingHint(
        addPassphraseHint(
          await runCall(
            cli,
            'validateFile',
            {
              files: await resolveInputs(files),
              options: {
                dataType: flags.type,
                format: flags.format as 'auto',
                delimiter: flags.delimiter,
                encoding: flags.encoding,
                ...envelopeOptionsFrom(flags),
                ...mappingOptionsFrom(flags),
              },
            },
            { json: Boolean(flags.json), worker: 'validate' },
          ),
        ),
        flags,
      );
      if (flags.json) printJson(flags.includeRecords ? result : withExcerpts(result));
      else {
        for (const line of detectionLines(result.inputs)) process.stdout.write(`${line}\n`);
        process.stdout.write(
          `${result.valid ? 'Valid' : 'Not valid'}: ${formatNumber(result.totalRecords)} record(s) of ${result.dataType} in ${result.format} · ` +
            `${formatNumber(result.validRecords)} valid · ${formatNumber(result.invalidRecords)} invalid · ${formatNumber(result.duplicateRecords)} already in the store\n`,
        );
        if (result.error) process.stderr.write(`error: ${describeError(result.error)}\n`);
        for (const e of result.validationErrors.slice(0, 20)) process.stdout.write(`  record ${e.record} · ${e.field}: ${e.message}\n`);
        for (const e of result.errors.filter((e) => e.code !== 'VALIDATION_ERROR').slice(0, 20))
          process.stdout.write(`  record ${e.record}${e.file ? ` (${path.basename(e.file)})` : ''}: ${e.error}\n`);
        for (const line of warningLines(result.warnings)) process.stdout.write(`${line}\n`);
      }
      process.exitCode = result.error ? exitCodeForError(result.error) : result.valid ? EXIT.OK : EXIT.PARTIAL;
    });
}

const EXCERPT_CHARS = 120;

/** A short, single-line excerpt of a record: enough to find it in the file, never the whole thing. */
export function excerptOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).replace(/\s+/g, ' ');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

/** Errors carry record number, field, message and an excerpt; whole records only with --include-records. */
function withExcerpts(result: ValidateResult): ValidateResult {
  return {
    ...result,
    errors: result.errors.map(({ data, ...e }) => (data === undefined ? e : { ...e, message: e.error, excerpt: excerptOf(data) })),
  };
}
