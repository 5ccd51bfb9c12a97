/**
 * The app's CSV dialect, cell by cell.
 *
 * Spreadsheet safety (OWASP CSV injection, CWE-1236): a cell that would start with `=`, `+`, `-`, `@`, TAB or
 * CR is written with a leading apostrophe, which spreadsheets show as text. To give the exact value back, the
 * app's own import must know which apostrophes it added, so:
 * - every exported file has a last column named `_escaped`; a row whose cells were escaped has `1` there;
 * - in such a row (and in the header row of such a file) one leading `'` is removed from a cell when what
 *   follows it is a trigger character, another `'`, or nothing. The writer adds one in exactly those cases:
 *   a value starting with a trigger, a value that already starts with `'` followed by a trigger, `'` or
 *   nothing, and (for a nullable column) the empty string, written as a lone `'` so that an empty cell can
 *   keep meaning null.
 * A foreign file (no `_escaped` column, or an empty flag) is read as written: its `'=x` stays `'=x`.
 */

import { isFormulaTrigger } from '../../../../shared/csv-formula.ts';
import { COLUMN_KINDS } from './columns.ts';

export const ESCAPE_COLUMN = '_escaped';

const APOSTROPHE = 0x27;
const isTrigger = isFormulaTrigger;

/**
 * Whether a written cell needs the apostrophe: it starts with a trigger, or with `'` followed by a trigger, `'`
 * or nothing (the trigger characters: shared/csv-formula.ts).
 */
function needsPrefix(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  if (isTrigger(first)) return true;
  if (first !== APOSTROPHE) return false;
  if (value.length === 1) return true;
  const second = value.charCodeAt(1);
  return isTrigger(second) || second === APOSTROPHE;
}

/** The text of a cell for a string value; `escaped` says the row's flag must be set. */
export function escapeCell(value: string, emptyMeansNull = false): { text: string; escaped: boolean } {
  if (value === '' && emptyMeansNull) return { text: "'", escaped: true };
  if (needsPrefix(value)) return { text: "'" + value, escaped: true };
  return { text: value, escaped: false };
}

/** The cell of a record's value in a column (undefined: the record has no such field). */
export function cellFor(column: string, value: unknown): { text: string; escaped: boolean } {
  if (value === undefined) return { text: '', escaped: false };
  const kind = COLUMN_KINDS[column];
  if (kind === 'tags' && Array.isArray(value)) return escapeCell(tagsCell(value));
  if (kind === 'nullable' && value === null) return { text: '', escaped: false };
  if (typeof value === 'string') return escapeCell(value, kind === 'nullable');
  if (typeof value === 'number' || typeof value === 'boolean') return escapeCell(String(value));
  // Objects and arrays (metadata, attachments, a template's schema) travel as one JSON cell, types intact.
  return escapeCell(JSON.stringify(value));
}

/** Undoes escapeCell in a flagged row. */
export function unescapeCell(text: string): string {
  return text.charCodeAt(0) === APOSTROPHE && needsPrefix(text) ? text.slice(1) : text;
}

/** RFC 4180 quoting: only when the cell holds a quote, the delimiter or a line break. */
export function quoteCell(text: string, delimiter = ','): string {
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

/** Tags as one cell: comma-joined when that reads back exactly, a JSON array otherwise. */
export function tagsCell(tags: unknown[]): string {
  if (tags.length === 0) return '';
  const simple = tags.every((t) => typeof t === 'string' && t !== '' && !t.includes(',') && t.trim() === t);
  const joined = simple ? tags.join(',') : '';
  if (simple && !joined.startsWith('[')) return joined;
  return JSON.stringify(tags);
}

/** Reads a tags cell: a JSON array of strings, or a comma-separated list (trimmed, empty items dropped). */
export function parseTagsCell(text: string): unknown {
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      /* not JSON: a list that happens to start with "[" */
    }
  }
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}
