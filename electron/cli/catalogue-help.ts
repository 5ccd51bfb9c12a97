/** The mapping part of `import --help` and `validate --help`: the engine's functions and target fields, from the catalogue. */
import { FUNCTION_CATALOGUE } from '../../shared/catalogue/functions.ts';
import { TARGET_FIELDS } from '../../shared/catalogue/targets.ts';
import { RECORD_TYPES } from '../../shared/choices.ts';

export function mappingHelp(): string {
  const width = Math.max(...FUNCTION_CATALOGUE.map((f) => f.usage.length));
  const functions = FUNCTION_CATALOGUE.map((f) => `  ${f.usage.padEnd(width)}  ${f.description}`);
  const targets = RECORD_TYPES.map((type) => `  ${type}: ${TARGET_FIELDS[type].map((f) => f.name).join(', ')}`);
  return ['', 'Mapping functions (a transformation\'s "customFunction"):', ...functions, '', 'Target fields:', ...targets].join('\n');
}
