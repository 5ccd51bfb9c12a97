/**
 * The command-line adapter: `context-store [--db FILE] <command>`. Same service, same pipelines as the app.
 * Exit codes: 0 success, 3 completed with rejected records, 1 failed (nothing written), 2 bad arguments or
 * unreadable input.
 */
import { Command, CommanderError } from 'commander';
import { toErrorValue } from '../../shared/errors.ts';
import { CliContext, type GlobalOptions } from './context.ts';
import { COMMANDS } from './commands/index.ts';
import { EXIT, exitCodeForError } from './exit-codes.ts';
import { CliFailure, drainStdout, printError } from './output.ts';
import { LOG_LEVELS } from '../engine/logging/levels.ts';
import { loadSourceHelp } from './source-help.ts';

export function buildProgram(cli: CliContext, program = new Command()): Command {
  program
    .name('context-store')
    .description('Move contexts, sessions and templates in and out of a local Context Store.')
    .option('--db <file>', "the store file (default: CONTEXT_STORE_DB, else the app's own store)")
    .option('--log-level <level>', `structured logs on stderr: ${LOG_LEVELS.join(', ')} (default: LOG_LEVEL, else warn)`)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  program.hook('preAction', async () => {
    const level = (program.opts() as { logLevel?: string }).logLevel;
    // pino loads only when asked for here; otherwise with the engine, which logs.
    if (level) (await import('../engine/logging/logger.ts')).configureLogging({ level });
  });
  for (const register of COMMANDS) register(program, cli);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  let program: Command | undefined;
  const cli = new CliContext(() => (program?.opts() ?? {}) as GlobalOptions);
  program = buildProgram(cli);
  const wantsJson = argv.includes('--json');
  try {
    await loadSourceHelp(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      if (wantsJson) printError({ code: 'BAD_ARGUMENT', message: error.message.replace(/^error: /, '') }, true);
      return EXIT.USAGE;
    }
    if (error instanceof CliFailure) {
      printError(error.error, wantsJson);
      return error.exitCode;
    }
    const value = toErrorValue(error);
    printError(value, wantsJson);
    return exitCodeForError(value);
  } finally {
    await cli.close();
    // The exit code is given only once stdout drained: a piped `--json` result arrives whole.
    await drainStdout();
  }
}
