/**
 * The nesting cap of JSON and JSON Lines records (like XML's MAX_XML_DEPTH and the REST body's 64): JSON.parse
 * reads 200,000 levels, but every recursive step after it (validation, JSON.stringify into the store) then
 * overflows the stack with "Maximum call stack size exceeded". Measured iteratively, stopping at the cap.
 */
export const MAX_JSON_RECORD_DEPTH = 100;

/** The depth at which `value` passes `max`, or 0 when it stays within it. */
export function depthBeyond(value: unknown, max = MAX_JSON_RECORD_DEPTH): number {
  return measureJson(value, max).depthBeyond;
}

/**
 * In one walk (the reader pays for one): the depth at which `value` passes `max` (0 when within it), and
 * whether a number in it lies beyond the integers a double holds exactly (json/exact-integers.ts).
 */
export function measureJson(value: unknown, max = MAX_JSON_RECORD_DEPTH): { depthBeyond: number; bigNumber: boolean } {
  let bigNumber = false;
  if (typeof value !== 'object' || value === null) return { depthBeyond: 0, bigNumber };
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return { depthBeyond: depth, bigNumber };
    for (const inner of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof inner === 'object' && inner !== null) stack.push([inner, depth + 1]);
      else if (typeof inner === 'number' && (inner > Number.MAX_SAFE_INTEGER || inner < -Number.MAX_SAFE_INTEGER)) bigNumber = true;
    }
  }
  return { depthBeyond: 0, bigNumber };
}

/** What is wrong, without which record (what a dry run groups by). */
export const TOO_DEEP_REASON = `nests deeper than ${MAX_JSON_RECORD_DEPTH} levels; it is refused rather than risk overflowing the stack.`;
export const tooDeepMessage = (recordNumber: number, line: number) => `Record ${recordNumber} (line ${line}) ${TOO_DEEP_REASON}`;
