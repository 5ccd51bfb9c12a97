/**
 * The source presets `--source` names in `import --help` and `validate --help`. Loading the presets loads their
 * readers too (Evernote's HTML-to-Markdown converter with its DOM, YAML, CSV: ~70 ms of a start), so they load
 * only when the command line names a command that lists them; the option's help text is read when help prints.
 */
import type { Command, Option } from 'commander';

const listing = new Set<string>();
let ids: string[] = [];

/** `option` of `command` lists the presets: the text is built when commander prints help, from what loaded. */
export function describeSourceOption(command: Command, option: Option): Option {
  listing.add(command.name());
  Object.defineProperty(option, 'description', {
    get: () => `read as this tool's export (${ids.join(', ')}), or "none" for no preset; detected when absent`,
  });
  return option;
}

/** Loads the presets' names when `argv` names a command whose help lists them (main() calls it before parsing). */
export async function loadSourceHelp(argv: readonly string[]): Promise<void> {
  if (!argv.some((arg) => listing.has(arg))) return;
  const { sourceInfos } = await import('../engine/sources/registry.ts');
  ids = sourceInfos().map((s) => s.id);
}
