/** `context-store keygen`: prints a new random 256-bit key (64 hex characters) for `--key-file` or CONTEXT_STORE_KEY. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { generateRawKey } from '../../engine/envelope/kdf.ts';
import { printJson } from '../output.ts';

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('print a new random 256-bit key for encrypted exports and backups (--key-file FILE or CONTEXT_STORE_KEY)')
    .option('--out <file>', 'write the key to this file (created readable by you only) instead of printing it')
    .option('--json', 'print exactly one JSON result object on stdout')
    .action((flags: { out?: string; json?: boolean }) => {
      const key = generateRawKey();
      if (flags.out) {
        fs.writeFileSync(flags.out, key + '\n', { mode: 0o600, flag: 'wx' });
        if (flags.json) printJson({ keyFile: flags.out, bits: 256 });
        else process.stdout.write(`Wrote a new 256-bit key to ${flags.out}\n`);
      } else if (flags.json) printJson({ key, bits: 256 });
      else process.stdout.write(key + '\n');
    });
}
