/**
 * Saying what an input held that was not read. A folder or zip is read only in part (a preset's notes and the
 * files they link to, the files a format reader knows); the rest is named in one warning per input and reason,
 * so nothing is left out in silence. Hidden files and OS junk are not worth a word: expansion leaves them out.
 */

/** Why a file is not read when neither a format reader nor a source preset knows it. */
export const NOT_READABLE = 'not a format or source this app reads';

/** What operating systems leave in folders and archives: not the user's data. `.DS_Store` and `._x` are hidden by name. */
const OS_JUNK = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini']);
export function isOsJunk(name: string): boolean {
  return OS_JUNK.has(name.toLowerCase()) || name === '__MACOSX';
}

/** `a, b, c` — the first `max` names, then `, … (N files)`: enough to find them, short for a long list. */
export function namesList(names: string[], max = 8): string {
  return `${names.slice(0, max).join(', ')}${names.length > max ? `, … (${names.length.toLocaleString('en-US')} files)` : ''}`;
}

/** `ROOT: WHY, not read: a, b, … (N files).` */
export function notReadWarning(root: string, why: string, names: string[]): string {
  return `${root}: ${why}, not read: ${namesList(names)}.`;
}
