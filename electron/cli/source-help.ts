/**
 * The source presets `--source` names in `import --help` and `validate --help`. Loading the presets loads their
 * readers too (Evernote's HTML-to-Markdown converter with its DOM, YAML, CSV, zod: ~50 ms of a start, before the
 * command's worker could start), so they load only when help may print for a command that lists them: the
 * option's help text is read only then (commander prints help for --help, -h and `help <command>`, never after
 * an error here: showHelpAfterError prints a hint, not the help).
 */
import type { Command, Option } from 'commander';

const listing = new Set<string>();
/** What makes commander print a command's help (a file named `help` only loads the presets for nothing). */
const HELP = new Set(['--help', '-h', 'help']);
let ids: string[] = [];

/** `option` of `command` lists the presets: the text is built when commander prints help, from what loaded. */
export function describeSourceOption(command: Command, option: Option): Option {
  listing.add(command.name());
  Object.defineProperty(option, 'description', {
    get: () => `read as this tool's export (${ids.join(', ')}), or "none" for no preset; detected when absent`,
  });
  return option;
}

/** Loads the presets' names when `argv` asks for the help of a command that lists them (main() calls it before parsing). */
export async function loadSourceHelp(argv: readonly string[]): Promise<void> {
  if (!argv.some((arg) => listing.has(arg)) || !argv.slice(2).some((arg) => HELP.has(arg))) return;
  const { sourceInfos } = await import('../engine/sources/registry.ts');
  ids = sourceInfos().map((s) => s.id);
}
