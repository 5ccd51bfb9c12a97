/**
 * The one JSON body parser: size capped by fastify's bodyLimit, depth capped here, keys such as `__proto__`
 * kept as plain data (JSON.parse defines own properties; nothing is merged into an existing object).
 */
import { AppError, ERROR_CODES } from '../../shared/errors.ts';

export const MAX_JSON_DEPTH = 64;

export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The request body is not valid JSON: ${(error as Error).message}`);
  }
  assertDepth(value, maxDepth);
  return value;
}

/** Iterative, so a deep document cannot overflow the stack while being measured. */
function assertDepth(root: unknown, maxDepth: number): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The request body nests deeper than ${maxDepth} levels.`);
    for (const inner of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof inner === 'object' && inner !== null) stack.push([inner, depth + 1]);
    }
  }
}
