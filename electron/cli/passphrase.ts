/**
 * Where the CLI gets a passphrase: `--passphrase-file FILE` or the CONTEXT_STORE_PASSPHRASE environment
 * variable; never a plain argument (argv is visible to every user of the machine through `ps`).
 */
import fs from 'node:fs';
import { ERROR_CODES, type ErrorValue } from '../../shared/errors.ts';
import { EXIT } from './exit-codes.ts';
import { CliFailure } from './output.ts';
import { parseRawKey } from '../engine/envelope/kdf.ts';

export const PASSPHRASE_ENV = 'CONTEXT_STORE_PASSPHRASE';
export const PASSPHRASE_HINT = `Give the passphrase with --passphrase-file FILE or the ${PASSPHRASE_ENV} environment variable.`;

/** The passphrase from the file (one trailing newline dropped) or the environment; undefined when neither. */
export function readPassphrase(passphraseFile: string | undefined): string | undefined {
  if (passphraseFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(passphraseFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliFailure(
        {
          code: code === 'ENOENT' ? ERROR_CODES.FILE_NOT_FOUND : ERROR_CODES.FILE_UNREADABLE,
          message: `Cannot read the passphrase file ${passphraseFile} (${code ?? 'error'}).`,
          field: '--passphrase-file',
        },
        EXIT.USAGE,
      );
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (passphrase === '')
      throw new CliFailure(
        { code: ERROR_CODES.BAD_ARGUMENT, message: `The passphrase file ${passphraseFile} is empty.`, field: '--passphrase-file' },
        EXIT.USAGE,
      );
    return passphrase;
  }
  const fromEnv = process.env[PASSPHRASE_ENV];
  return fromEnv ? fromEnv : undefined;
}

/** The engine's "passphrase required" says what is missing; the CLI adds how to give it. */
export function addPassphraseHint<T extends { error?: ErrorValue; errors?: { code: string; error: string }[] }>(result: T): T {
  if (
    result.error?.code === ERROR_CODES.PASSPHRASE_REQUIRED &&
    !result.error.message.includes('--passphrase-file') &&
    !result.error.message.includes('--key-file')
  ) {
    const original = result.error.message;
    result.error.message = `${original} ${PASSPHRASE_HINT}`;
    for (const e of result.errors ?? []) if (e.code === ERROR_CODES.PASSPHRASE_REQUIRED && e.error === original) e.error = result.error.message;
  }
  return result;
}

export const KEY_ENV = 'CONTEXT_STORE_KEY';

/**
 * A raw 256-bit key from `--key-file FILE` (its trimmed content) or CONTEXT_STORE_KEY; undefined when neither.
 * Checked here (64 hex characters or base64 of 32 bytes), so a bad key is a usage error before any work.
 */
export function readKey(keyFile: string | undefined): string | undefined {
  let text: string | undefined;
  if (keyFile !== undefined) {
    try {
      text = fs.readFileSync(keyFile, 'utf8').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliFailure(
        {
          code: code === 'ENOENT' ? ERROR_CODES.FILE_NOT_FOUND : ERROR_CODES.FILE_UNREADABLE,
          message: `Cannot read the key file ${keyFile} (${code ?? 'error'}).`,
          field: '--key-file',
        },
        EXIT.USAGE,
      );
    }
  } else text = process.env[KEY_ENV]?.trim() || undefined;
  if (text === undefined) return undefined;
  try {
    parseRawKey(text);
  } catch (error) {
    throw new CliFailure(
      { code: ERROR_CODES.BAD_ARGUMENT, message: (error as Error).message, field: keyFile !== undefined ? '--key-file' : KEY_ENV },
      EXIT.USAGE,
    );
  }
  return text;
}
