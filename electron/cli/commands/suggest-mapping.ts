/**
 * `context-store suggest-mapping FILE`: reads the first records of a foreign file and prints a proposed
 * mapping as JSON on stdout, ready for `import FILE --mapping`. With --json, the whole suggestion: each
 * field's target, confidence and reason, and the saved template the file matches, if any.
 */
import type { Command } from 'commander';
import { IMPORT_DATA_TYPES, RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import { FORMAT_IDS } from '../../../shared/options.ts';
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
  sampleSize: number;
  json?: boolean;
}

const asRecordType = (v: string): RecordType | undefined => ((RECORD_TYPES as readonly string[]).includes(v) ? (v as RecordType) : undefined);

function explain(suggestion: MappingSuggestion): void {
  if (suggestion.matchedTemplate) {
    const m = suggestion.matchedTemplate;
    process.stderr.write(`Matches template "${m.name}" (${m.matched}/${m.total} fields)\n`);
  }
  for (const f of suggestion.fields) {
    const target = f.target ?? '(metadata)';
    const note = f.autoAccept ? '' : f.target ? '  please confirm' : '';
    process.stderr.write(`  ${f.source} -> ${target}  ${f.reason} ${Math.round(f.confidence * 100)}%${note}\n`);
  }
}

export function registerSuggestMapping(program: Command, cli: CliContext): void {
  program
    .command('suggest-mapping')
    .description('propose a field mapping for a foreign file (printed as JSON, usable with import --mapping)')
    .argument('<file>', 'the file to look at')
    .option('--type <type>', 'what the records are: contexts, sessions or templates', parseChoice('--type', IMPORT_DATA_TYPES, { auto: 'auto-detect' }), 'auto-detect')
    .option('--format <format>', `format: auto or ${FORMAT_IDS.join(', ')}`, parseChoice('--format', [...FORMAT_IDS, 'auto'] as const), 'auto')
    .option('--delimiter <char>', 'CSV delimiter (detected when absent)')
    .option('--encoding <name>', 'text encoding (detected from a BOM when absent)')
    .option('--sample-size <n>', 'how many records to look at', parseInteger('--sample-size', 1, 200), 20)
    .option('--json', 'print the whole suggestion (confidence and reason per field) instead of just the mapping')
    .action(async (file: string, flags: SuggestFlags) => {
      const options = { dataType: flags.type, format: flags.format as 'auto', delimiter: flags.delimiter, encoding: flags.encoding };
      const inspected = await runCall(cli, 'inspectFile', { file, options, sampleSize: flags.sampleSize }, { json: Boolean(flags.json), progress: false });
      const dataType = asRecordType(flags.type) ?? asRecordType(inspected.input.dataType) ?? 'contexts';
      const suggestion = await runCall(cli, 'suggestMapping', { fields: inspected.fields, samples: inspected.samples, dataType }, { json: Boolean(flags.json), progress: false });
      if (flags.json) printJson(suggestion);
      else {
        printJson(suggestion.mapping);
        if (process.stderr.isTTY) explain(suggestion);
      }
    });
}
