/** --mapping, --template and --unmapped: how a foreign file's fields become the model's (import and validate). */
import { ERROR_CODES, type ErrorValue } from '../../shared/errors.ts';
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

export const MAPPING_HINT =
  "The file's fields are not the store's: propose a mapping with `context-store suggest-mapping FILE > map.json`, edit it, then import with `--mapping map.json`.";

interface RejectedResult {
  error?: ErrorValue;
  totalRecords: number;
  /** Rejected records (an import) or invalid ones (a validation). */
  failedRecords?: number;
  invalidRecords?: number;
  errors: { code: string }[];
  validationErrors: { message: string }[];
  warnings: string[];
}

/**
 * When every record read was rejected only for missing required fields (`id`, `title`, `content`, `createdAt`…)
 * and no mapping was given, the file is a foreign one: say how to map it, on the error (strict) or as a warning.
 */
export function addMappingHint<T extends RejectedResult>(result: T, flags: MappingFlags): T {
  const rejected = result.failedRecords ?? result.invalidRecords;
  if (flags.mapping || flags.template || result.totalRecords === 0 || rejected !== result.totalRecords) return result;
  const missingOnly =
    result.errors.length > 0 &&
    result.errors.every((e) => e.code === ERROR_CODES.VALIDATION_ERROR) &&
    result.validationErrors.length > 0 &&
    result.validationErrors.every((v) => v.message === 'is required');
  if (!missingOnly) return result;
  if (result.error) result.error.message = `${result.error.message}. ${MAPPING_HINT}`;
  else result.warnings.push(MAPPING_HINT);
  return result;
}
