/** Computed fields: a template's expressions, compiled once, evaluated per record, coerced to their type. */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ComputedField } from '../../../shared/model.ts';
import { compileExpression, type CompiledExpression } from './expression/index.ts';
import { parseLegacyDate } from './dates.ts';
import { isPlainObject } from './paths.ts';

export interface CompiledComputedField {
  name: string;
  type: ComputedField['type'];
  expression: CompiledExpression;
}

export function compileComputedFields(fields: ComputedField[], where = 'transformation.computedFields'): CompiledComputedField[] {
  return fields.map((field, index) => {
    try {
      return { name: field.name, type: field.type, expression: compileExpression(field.expression) };
    } catch (error) {
      throw new AppError(
        ERROR_CODES.VALIDATION_ERROR,
        `Computed field "${field.name}": the expression ${JSON.stringify(field.expression)} is not valid: ${(error as Error).message}`,
        {
          field: `${where}.${index}.expression`,
        },
      );
    }
  });
}

/** Coerces a result to the declared type; a value that cannot be that type is an error naming the field. */
export function coerceComputed(name: string, type: ComputedField['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const fail = (what: string) => {
    throw new Error(`computed field "${name}" should be ${what}, got ${JSON.stringify(value)?.slice(0, 40)}`);
  };
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : fail('a number');
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : fail('true or false');
    case 'date':
      return parseLegacyDate(value) ?? fail('a date');
    case 'array':
      return Array.isArray(value) ? value : fail('a list');
    case 'object':
      return isPlainObject(value) ? value : fail('an object');
    default:
      return value;
  }
}
