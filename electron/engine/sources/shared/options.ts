/** A preset's boolean option as it arrives: `true` from the UI and REST, the text `"true"` from `--source-option name=true`. */
import type { SourceReadContext } from '../source.ts';

export function optionIsOn(context: SourceReadContext, name: string): boolean {
  const value = context.options[name];
  return value === true || value === 'true';
}
