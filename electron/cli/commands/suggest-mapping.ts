/**
 * `context-store suggest-mapping FILE`: reads the first records of a foreign file and prints a proposed
 * mapping as JSON on stdout, ready for `import FILE --mapping`. With --json, the whole suggestion: each
 * useful field's target, confidence, reason and why in words (a file with thousands of paths lists the
 * mapped ones and a bounded list of the rest, counting what it left out), and the saved template it matches.
 * Without --json, the reasons are printed on stderr (stdout stays the mapping alone). `--forget` forgets what earlier imports taught the
 * suggestions for this file's fields first (`context-store mappings forget FIELD` forgets one field).
 */
import type { Command } from 'commander';
import type { RecordType } from '../../../shared/model.ts';
import { FORMAT_IDS, IMPORT_DATA_TYPES, RECORD_TYPES } from '../../../shared/choices.ts';
import type { MappingSuggestion } from '../../../shared/contract.ts';
import type { CliContext } from '../context.ts';
import { printJson } from '../output.ts';
import { parseChoice, parseInteger } from '../parse.ts';
import { runCall } from '../run-call.ts';

interface SuggestFlags {
  type: (typeof IMPORT_DATA_TYPES)[number];
  format: string;
  delimiter?: string;
  encoding?: string;
  root?: string;
  sampleSize: number;
  source?: string;
  maxUnmapped: number;
  forget?: boolean;
  json?: boolean;
}

const asRecordType = (v: string): RecordType | undefined => ((RECORD_TYPES as readonly string[]).includes(v) ? (v as RecordType) : undefined);

function explain(suggestion: MappingSuggestion, dataType: string, format: string): void {
  if (suggestion.matchedTemplate) {
    const m = suggestion.matchedTemplate;
    process.stderr.write(`Matches template "${m.name}" (${m.matched}/${m.total} fields)\n`);
  }
  for (const line of reasonLines(suggestion)) process.stderr.write(`${line}\n`);
  const missing = unfilled(suggestion, dataType);
  if (missing.length)
    process.stderr.write(
      `Nothing in this mapping fills ${missing.join(' or ')}: every record would be rejected ("${missing[0]} is required"). ` +
        `Map a field to it in the mapping file${
          format === 'csv'
            ? ', or check that the first row of the file is its header'
            : format === 'json' || format === 'xml'
              ? ', or give --root where the records are'
              : ''
        }.\n`,
    );
}

/** The text fields a context needs that the proposed mapping neither maps nor derives (defaultFrom, firstLineFrom). */
export function unfilled(suggestion: MappingSuggestion, dataType: string): string[] {
  if (dataType !== 'contexts') return [];
  const { fieldMappings, transformations } = suggestion.mapping;
  const targets = new Set(Object.values(fieldMappings));
  const derived = new Set(transformations.filter((t) => /^(defaultFrom|firstLineFrom)\(/.test(t.customFunction ?? '')).map((t) => t.field));
  return ['title', 'content'].filter((t) => !targets.has(t) && !derived.has(t));
}

/** One line per listed field: where it goes, how sure, and why; a failed check names its sample. */
export function reasonLines(suggestion: MappingSuggestion): string[] {
  const lines: string[] = [];
  for (const f of suggestion.fields) {
    const target = f.target ?? '(metadata)';
    const note = f.autoAccept ? '' : f.target ? '  please confirm' : '';
    lines.push(`  ${f.source} -> ${target}  ${f.reason} ${Math.round(f.confidence * 100)}%: ${f.why ?? f.reason}${note}`);
    if (f.failedCheck) {
      const tried = f.failedCheck.transformations?.map((t) => t.customFunction ?? t.transformation).join(', ');
      lines.push(`      ${tried ? `${tried} not applied: ` : ''}fails on ${JSON.stringify(f.failedCheck.sample)}: ${f.failedCheck.message}`);
    }
  }
  if (suggestion.unlistedFields) lines.push(`  … and ${suggestion.unlistedFields} more field(s) with no suggestion (to metadata)`);
  return lines;
}

export function registerSuggestMapping(program: Command, cli: CliContext): void {
  program
    .command('suggest-mapping')
    .description('propose a field mapping for a foreign file (printed as JSON, usable with import --mapping)')
    .argument('<file>', 'the file to look at')
    .option(
      '--type <type>',
      'what the records are: contexts, sessions or templates',
      parseChoice('--type', IMPORT_DATA_TYPES, { auto: 'auto-detect' }),
      'auto-detect',
    )
    .option('--format <format>', `format: auto or ${FORMAT_IDS.join(', ')}`, parseChoice('--format', [...FORMAT_IDS, 'auto'] as const), 'auto')
    .option('--delimiter <char>', 'CSV delimiter (detected when absent)')
    .option('--encoding <name>', 'text encoding (detected from a BOM when absent)')
    .option('--root <path>', 'JSON or XML: where the records are (as import --root takes it); found in the document when absent')
    .option('--sample-size <n>', 'how many records to look at', parseInteger('--sample-size', 1, 200), 20)
    .option('--source <name>', 'read as this tool\'s export, or "none" to see the file\'s own fields; detected when absent')
    .option(
      '--max-unmapped <n>',
      'list at most this many fields that have no suggestion (the rest are counted)',
      parseInteger('--max-unmapped', 0, 100_000),
      50,
    )
    .option('--forget', "first forget what earlier imports taught the suggestions for this file's fields")
    .option('--json', 'print the whole suggestion (confidence, reason and why per field) instead of just the mapping')
    .action(async (file: string, flags: SuggestFlags) => {
      const options = {
        dataType: flags.type,
        format: flags.format as 'auto',
        delimiter: flags.delimiter,
        encoding: flags.encoding,
        root: flags.root,
        source: flags.source,
      };
      const json = Boolean(flags.json);
      const inspected = await runCall(cli, 'inspectFile', { file, options, sampleSize: flags.sampleSize }, { json, progress: false });
      const dataType = asRecordType(flags.type) ?? asRecordType(inspected.input.dataType) ?? 'contexts';
      const ask = () =>
        runCall(
          cli,
          'suggestMapping',
          { fields: inspected.fields, samples: inspected.samples, dataType, maxUnmapped: flags.maxUnmapped, sparseFields: inspected.sparseFields },
          { json, progress: false },
        );
      let suggestion = await ask();
      if (flags.forget) {
        let forgotten = 0;
        for (const f of suggestion.fields)
          if (f.remembered) forgotten += (await runCall(cli, 'forgetMapping', { source: f.source }, { json, progress: false })).forgotten;
        if (!json) process.stderr.write(`Forgot ${forgotten} remembered mapping(s) for this file's fields.\n`);
        suggestion = await ask();
      }
      if (flags.json) printJson(suggestion);
      else {
        printJson(suggestion.mapping);
        // A preset already gives the store's fields: say so before the field list, which looks like work to do.
        const preset = inspected.input.source;
        if (preset)
          process.stderr.write(
            `Read as ${preset.label}: \`import\` needs no mapping for it. ` +
              `The mapping below is over the preset's ${dataType}; \`--source none\` shows the file's own fields.\n`,
          );
        explain(suggestion, dataType, inspected.input.format);
      }
    });
}

/** `context-store mappings forget FIELD [--target T]`: what earlier imports taught the suggestions, forgotten. */
export function registerMappings(program: Command, cli: CliContext): void {
  const mappings = program.command('mappings').description('what suggestions remember from earlier imports');
  mappings
    .command('forget')
    .description('forget the remembered mapping of a source field (every target, or one)')
    .argument('<field>', 'the source field name, as the file has it (case and punctuation do not matter)')
    .option('--target <target>', 'only the remembered mapping to this target')
    .option('--json', 'print the result as JSON')
    .action(async (field: string, flags: { target?: string; json?: boolean }) => {
      const result = await runCall(cli, 'forgetMapping', { source: field, target: flags.target }, { json: Boolean(flags.json), progress: false });
      if (flags.json) printJson(result);
      else process.stdout.write(`Forgot ${result.forgotten} remembered mapping(s) of "${field}"${flags.target ? ` to ${flags.target}` : ''}.\n`);
    });
}
