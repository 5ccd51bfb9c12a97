/**
 * `context-store backup [--out FILE]`: a consistent snapshot of the whole store, even while it is in use;
 * optionally compressed and encrypted with the export envelope; its SHA-256 beside it (FILE.sha256).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { COMPRESSIONS } from '../../../shared/choices.ts';
import type { CliContext } from '../context.ts';
import { formatBytes, formatNumber, printJson } from '../output.ts';
import { parseChoice } from '../parse.ts';
import { KEY_ENV, PASSPHRASE_ENV } from '../passphrase.ts';
import { runCall } from '../run-call.ts';
import { encryptionFrom } from './export.ts';
import type { StoreSummary } from '../../../shared/backup.ts';

interface BackupFlags {
  out?: string;
  compression: (typeof COMPRESSIONS)[number];
  encrypt?: boolean;
  passphraseFile?: string;
  keyFile?: string;
  archive?: string;
  json?: boolean;
}

export function describeSummary(summary: StoreSummary): string {
  const c = summary.counts;
  const newest = summary.newest ? ` · newest: ${summary.newest.dataType.slice(0, -1)} ${summary.newest.id} (${summary.newest.at})` : '';
  return `${formatNumber(c.contexts)} contexts, ${formatNumber(c.sessions)} sessions, ${formatNumber(c.templates)} templates, ${formatNumber(c.attachments)} attachments${newest}`;
}

export function registerBackup(program: Command, cli: CliContext): void {
  program
    .command('backup')
    .description('write a consistent snapshot of the whole store (safe while the app or an import is running)')
    .option('--out <file>', "the backup file (default: a dated file in the store's snapshots folder)")
    .option('--compression <kind>', `compress it: ${COMPRESSIONS.join(', ')}`, parseChoice('--compression', COMPRESSIONS), 'none')
    .option('--encrypt', `encrypt it (AES-256-GCM) under a passphrase (--passphrase-file or ${PASSPHRASE_ENV}) or a raw key (--key-file or ${KEY_ENV})`)
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--key-file <file>', 'a raw 256-bit key (64 hex characters or base64) instead of a passphrase')
    .option('--archive <dir>', 'also file a copy in this archive folder, under a dated name, listed in its index.json')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action(async (flags: BackupFlags) => {
      const result = await runCall(
        cli,
        'backupStore',
        {
          outputPath: flags.out ? path.resolve(flags.out) : undefined,
          compression: flags.compression,
          encryption: encryptionFrom(flags),
          archiveDir: flags.archive ? path.resolve(flags.archive) : undefined,
        },
        { json: Boolean(flags.json), progress: false },
      );
      if (flags.json) printJson(result);
      else {
        process.stdout.write(`Backup written: ${result.path}  ${formatBytes(result.bytes)}  sha256 ${result.sha256}\n`);
        process.stdout.write(`  ${describeSummary(result.summary)}\n`);
        process.stdout.write(`  checksum ${result.checksumPath}${result.archivePath ? `\n  archived ${result.archivePath}` : ''}\n`);
      }
    });
}
