/**
 * What a template must pass before the store keeps it: its mapping compiles (known functions, good
 * arguments) and every computed field's expression parses. A template that could not run is refused on save.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { FORBIDDEN_KEYS, type Template } from '../../../shared/model.ts';
import { compileMapping } from './apply.ts';
import { compileComputedFields } from './computed.ts';

export function checkTemplate(template: Template): void {
  try {
    compileMapping(template.transformation.mapping);
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(ERROR_CODES.VALIDATION_ERROR, `The template's mapping cannot run: ${error.message}`, {
        field: `transformation.${error.field ?? 'mapping'}`,
      });
    }
    throw error;
  }
  const names = new Set<string>();
  for (const field of template.transformation.computedFields) {
    if (FORBIDDEN_KEYS.has(field.name))
      throw new AppError(ERROR_CODES.VALIDATION_ERROR, `"${field.name}" cannot be the name of a computed field.`, { field: 'transformation.computedFields' });
    if (names.has(field.name))
      throw new AppError(ERROR_CODES.VALIDATION_ERROR, `Two computed fields are named "${field.name}".`, { field: 'transformation.computedFields' });
    names.add(field.name);
  }
  compileComputedFields(template.transformation.computedFields);
}

/** The same check as a value: the first problem as a field issue, or undefined when the template can run. */
export function templateProblem(template: Template): { field: string; message: string } | undefined {
  try {
    checkTemplate(template);
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return { field: error.field ?? 'transformation', message: error.message };
    throw error;
  }
}
