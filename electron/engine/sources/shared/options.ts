/** A preset's boolean option as it arrives: `true` from the UI and REST, the text `"true"` from `--source-option name=true`. */
import type { SourceOptionInfo, SourceReadContext } from '../source.ts';

export function optionIsOn(context: SourceReadContext, name: string): boolean {
  const value = context.options[name];
  return value === true || value === 'true';
}

/** An option that keeps or leaves out one kind of record (boosts, likes, retweets): left out means counted, never silent. */
export function keepOrSkipOption(name: string, label: string, what: string): SourceOptionInfo {
  return {
    name,
    label,
    kind: 'choice',
    choices: ['keep', 'skip'],
    choiceLabels: { keep: 'Import them', skip: 'Leave them out (counted)' },
    default: 'keep',
    description: `Imported: ${what}. Left out: not imported, and counted.`,
  };
}

/** Whether a keep/skip option (keepOrSkipOption) keeps its records. */
export function keeps(context: SourceReadContext, name: string): boolean {
  return context.options[name] !== 'skip';
}
