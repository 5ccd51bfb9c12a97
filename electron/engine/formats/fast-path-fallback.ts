/**
 * The one signal of the formats' fast paths (yaml/fast-path.ts, xml/fast-path.ts): a reader that is not sure it
 * reads a text exactly as the library would throws UNSURE, and its caller gives the text to the library.
 * A preallocated symbol, not an Error: no stack trace is built on a path taken once per unusual record.
 */
export const UNSURE: unique symbol = Symbol('fast path unsure');

export function unsure(): never {
  throw UNSURE;
}
