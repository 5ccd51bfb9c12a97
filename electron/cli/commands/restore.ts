/**
 * `context-store restore FILE` / `restore --before OPERATION_ID`: shows what would change (a dry run: counts
 * per data type, records removed, brought back or changed, the newest record on each side), then keeps the
 * current store as a snapshot and puts the backup back. `--dry-run` stops after the first part.
 */
import path from 'node:path';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { RestoreResult } from '../../../shared/backup.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { CliFailure, formatNumber, printJson } from '../output.ts';
import { readKey, readPassphrase } from '../passphrase.ts';
import { runCall } from '../run-call.ts';
import { describeSummary } from './backup.ts';

interface RestoreFlags {
  before?: string;
  dryRun?: boolean;
  yes?: boolean;
  passphraseFile?: string;
  keyFile?: string;
  json?: boolean;
}

function printPlan(plan: RestoreResult): void {
  const out = process.stdout;
  out.write(`${plan.dryRun ? 'Restoring would change' : 'Restored'}: ${plan.file}\n`);
  out.write(
    `  ${'data type'.padEnd(10)} ${'now'.padStart(9)} ${'backup'.padStart(9)} ${'removed'.padStart(9)} ${'back'.padStart(9)} ${'changed'.padStart(9)}\n`,
  );
  for (const c of plan.changes) {
    out.write(
      `  ${c.dataType.padEnd(10)} ${formatNumber(c.current).padStart(9)} ${formatNumber(c.restored).padStart(9)} ${formatNumber(c.removed).padStart(9)} ${formatNumber(c.added).padStart(9)} ${formatNumber(c.changed).padStart(9)}\n`,
    );
  }
  out.write(`  now:    ${describeSummary(plan.current)}\n  backup: ${describeSummary(plan.restored)}\n`);
}

export function registerRestore(program: Command, cli: CliContext): void {
  program
    .command('restore')
    .description('put a backup back (shows what would change first; keeps the current store as a snapshot)')
    .argument('[file]', 'a backup written by `context-store backup`')
    .option('--before <operationId>', 'restore the snapshot taken automatically before this import ("roll back this migration")')
    .option('--dry-run', 'only show what would change')
    .option('--yes', 'do not ask for confirmation at a terminal')
    .option('--passphrase-file <file>', 'passphrase of an encrypted backup (or CONTEXT_STORE_PASSPHRASE)')
    .option('--key-file <file>', 'raw key of an encrypted backup (or CONTEXT_STORE_KEY)')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (file: string | undefined, flags: RestoreFlags) => {
      if (Boolean(file) === Boolean(flags.before)) {
        throw new CliFailure({ code: ERROR_CODES.BAD_ARGUMENT, message: 'Give a backup FILE or --before OPERATION_ID (one of them).' }, EXIT.USAGE);
      }
      const input = {
        file: file ? path.resolve(file) : undefined,
        beforeOperationId: flags.before,
        passphrase: readPassphrase(flags.passphraseFile),
        key: readKey(flags.keyFile),
      };
      const json = Boolean(flags.json);
      const plan = await runCall(cli, 'restoreStore', { ...input, dryRun: true }, { json, progress: false });
      if (flags.dryRun) {
        if (json) printJson(plan);
        else printPlan(plan);
        return;
      }
      if (!json) printPlan(plan);
      if (!flags.yes && !json && process.stdin.isTTY && process.stdout.isTTY) {
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question('Restore this backup? The current store is kept as a snapshot first. [y/N] ');
        rl.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          process.stdout.write('Nothing changed.\n');
          return;
        }
      }
      const done = await runCall(cli, 'restoreStore', { ...input, dryRun: false }, { json, progress: false });
      if (json) printJson(done);
      else {
        process.stdout.write(`Restored ${describeSummary(done.restored)}\n`);
        if (done.safetyBackup) process.stdout.write(`  the store as it was is kept in ${done.safetyBackup.path}\n`);
      }
    });
}
