/**
 * Spreadsheet formula injection (OWASP CSV injection, CWE-1236): a cell starting with `=`, `+`, `-`, `@`, TAB
 * or CR would be run as a formula, so writers prefix it with an apostrophe. One rule for the engine's CSV
 * writer (formats/csv/cells.ts) and the app's own downloads (renderer/src/lib/csv.ts).
 */
const EQUALS = 0x3d,
  PLUS = 0x2b,
  MINUS = 0x2d,
  AT = 0x40,
  TAB = 0x09,
  CR = 0x0d;

/** By character code: a regular expression here cost more than the rest of the CSV writer together. */
export const isFormulaTrigger = (c: number): boolean => c === EQUALS || c === PLUS || c === MINUS || c === AT || c === TAB || c === CR;

export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && isFormulaTrigger(text.charCodeAt(0));
}
