/** `context-store stats`: counts per data type. */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { formatNumber, printJson } from '../output.ts';
import { runCall } from '../run-call.ts';

export function registerStats(program: Command, cli: CliContext): void {
  program
    .command('stats')
    .description('count the records in the store, per data type')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (flags: { json?: boolean }) => {
      const stats = await runCall(cli, 'getStats', {}, { json: Boolean(flags.json), progress: false });
      if (flags.json) printJson(stats);
      else {
        process.stdout.write(`Store: ${stats.storePath}\n`);
        for (const key of ['contexts', 'sessions', 'templates', 'attachments'] as const)
          process.stdout.write(`  ${key.padEnd(12)} ${formatNumber(stats[key])}\n`);
      }
    });
}
