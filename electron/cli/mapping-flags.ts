/** --mapping, --template and --unmapped: how a foreign file's fields become the model's (import and validate). */
import type { ImportOptionsInput } from '../../shared/options.ts';
import { mappingFromFile } from './json-file.ts';

export interface MappingFlags {
  mapping?: ImportOptionsInput['mapping'];
  template?: string;
  unmapped?: 'metadata' | 'drop';
}

export const readMappingFile = (file: string) => mappingFromFile(file) as ImportOptionsInput['mapping'];

export function mappingOptionsFrom(flags: MappingFlags): Pick<ImportOptionsInput, 'mapping' | 'template' | 'unmappedFields'> {
  return { mapping: flags.mapping, template: flags.template, unmappedFields: flags.unmapped };
}
