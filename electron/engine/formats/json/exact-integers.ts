/**
 * Integers longer than a double holds exactly, kept as written. JSON.parse reads 1234567890123456789 (a
 * Twitter id, a 64-bit database key in an API dump) as 1234567890123456800: the data would change without a
 * word. A record where the reader's walk saw such a number (depth.ts measureJson, which it makes anyway) is
 * parsed again with a reviver that reads each number's source text, and an integer whose digits the double
 * lost is kept as that text, with a warning. Decimals and exponents (1e21, 0.1) are read as numbers, as ever.
 */

/** How many of a record's changed numbers a warning names before it counts the rest. */
const NAMED = 3;
const INTEGER = /^-?\d+$/;

/** The record parsed again, its inexact integers as their digits, and what was said about them. */
export function parseKeepingIntegers(text: string): { value: unknown; warnings: string[] } {
  const kept: string[] = [];
  const value = JSON.parse(text, (key: string, v: unknown, context?: { source?: string }) => {
    if (typeof v !== 'number' || Number.isSafeInteger(v) || context?.source === undefined) return v;
    const source = context.source;
    // The digits a writer put for this double (its shortest form, 40291661113656730) are the number; only
    // digits the double cannot give back (1234567890123456789 reads back as …800) were changed by reading.
    if (!INTEGER.test(source) || String(v) === source) return v;
    kept.push(`${key === '' || /^\d+$/.test(key) ? 'a number' : `"${key}"`} ${source} (as a number: ${v})`);
    return source;
  });
  if (kept.length === 0) return { value, warnings: [] };
  const named = kept.slice(0, NAMED).join(', ') + (kept.length > NAMED ? `, and ${kept.length - NAMED} more` : '');
  return { value, warnings: [`${named}: more digits than a number holds exactly; kept as text`] };
}
