/**
 * `context-store verify EXPORT` compares an export (a file, a split manifest or part, an encrypted export) with
 * the store; `verify --after OPERATION_ID` checks an import's records are in the store as it wrote them. Exit 0
 * when everything matches, 3 when there are differences.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { CliFailure, formatNumber, printJson } from '../output.ts';
import { addPassphraseHint, readKey, readPassphrase } from '../passphrase.ts';
import { runCall } from '../run-call.ts';

const KIND_LABEL = { 'missing-in-store': 'missing in the store', 'missing-in-export': 'missing in the export', different: 'different' } as const;

export function registerVerify(program: Command, cli: CliContext): void {
  program
    .command('verify')
    .description('compare an export with the store (counts and per-record checksums), or check an import')
    .argument('[export]', "an export file, a split export's manifest or one of its parts")
    .option('--after <operationId>', "check that this import's records are in the store as it wrote them")
    .option('--limit <n>', 'list at most this many differences', (v) => Number.parseInt(v, 10), 10)
    .option('--passphrase-file <file>', 'passphrase of an encrypted export (or CONTEXT_STORE_PASSPHRASE)')
    .option('--key-file <file>', 'raw key of an encrypted export (or CONTEXT_STORE_KEY)')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (file: string | undefined, flags: { after?: string; limit: number; passphraseFile?: string; keyFile?: string; json?: boolean }) => {
      if (Boolean(file) === Boolean(flags.after))
        throw new CliFailure({ code: ERROR_CODES.BAD_ARGUMENT, message: 'Give an EXPORT file or --after OPERATION_ID (one of them).' }, EXIT.USAGE);
      let result: Awaited<ReturnType<typeof runCall<'verifyExport'>>>;
      try {
        result = await runCall(
          cli,
          'verifyExport',
          {
            file: file ? path.resolve(file) : undefined,
            afterOperationId: flags.after,
            limit: flags.limit,
            passphrase: readPassphrase(flags.passphraseFile),
            key: readKey(flags.keyFile),
          },
          { json: Boolean(flags.json), progress: false },
        );
      } catch (error) {
        if (error instanceof CliFailure) addPassphraseHint({ error: error.error });
        throw error;
      }
      if (flags.json) printJson(result);
      else {
        const out = process.stdout;
        out.write(
          `Verified: ${formatNumber(result.verified)} of ${formatNumber(result.total)}${result.ok ? '' : ` · ${formatNumber(result.totalDifferences)} difference(s)`}\n`,
        );
        out.write(
          `  ${'data type'.padEnd(10)} ${'export'.padStart(9)} ${'store'.padStart(9)} ${'match'.padStart(9)} ${'not in store'.padStart(13)} ${'not in export'.padStart(14)} ${'different'.padStart(10)}\n`,
        );
        for (const t of result.types) {
          out.write(
            `  ${t.dataType.padEnd(10)} ${formatNumber(t.export).padStart(9)} ${formatNumber(t.store).padStart(9)} ${formatNumber(t.matching).padStart(9)} ` +
              `${formatNumber(t.missingInStore).padStart(13)} ${formatNumber(t.missingInExport).padStart(14)} ${formatNumber(t.different).padStart(10)}\n`,
          );
        }
        for (const d of result.differences)
          out.write(`  ${d.dataType.slice(0, -1)} ${d.id}: ${KIND_LABEL[d.kind]}${d.fields?.length ? ` (${d.fields.join(', ')})` : ''}\n`);
        if (result.totalDifferences > result.differences.length)
          out.write(`  … and ${formatNumber(result.totalDifferences - result.differences.length)} more (--limit or --json)\n`);
      }
      process.exitCode = result.ok ? EXIT.OK : EXIT.PARTIAL;
    });
}
