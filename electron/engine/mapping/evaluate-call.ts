/** The evaluateExpression call: the template editor's "try it" for a computed field. */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { compileExpression } from './expression/index.ts';

export function evaluateExpression(expression: string, record: Record<string, unknown>): { value: unknown } {
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(expression);
  } catch (error) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The expression is not valid: ${(error as Error).message}`, { field: 'expression' });
  }
  try {
    return { value: compiled.evaluate({ record }) };
  } catch (error) {
    throw new AppError(ERROR_CODES.TRANSFORM_ERROR, `The expression failed on this record: ${(error as Error).message}`, { field: 'expression' });
  }
}
