/**
 * Where a JSON document keeps its records when they are not at the top: `--root data.items` or the JSON
 * Pointer `/data/items`, or found in the document's first bytes (an object whose first array of objects,
 * a few keys down, is the collection: ActivityStreams' `orderedItems`, an API's `data.items`).
 */
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';

/** `data.items`, `/data/items` (JSON Pointer, with ~1 and ~0), `$` / `` / `/` for the top level. */
export function parseRootPath(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '$' || trimmed === '/' || trimmed === '.') return [];
  const parts = trimmed.startsWith('/')
    ? trimmed
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    : trimmed.replace(/^\$\./, '').split('.');
  if (parts.some((p) => p === ''))
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${text}" is not a path to the records (write data.items or /data/items).`, { field: 'root' });
  return parts;
}

export const describeRootPath = (path: readonly string[]): string => (path.length ? path.join('.') : '(top level)');

/**
 * The path of the records' array under the top-level object, at most `maxDepth` keys down, judged from
 * `head` (the document's first bytes): the first array of objects still open where the head ends (it is
 * larger than the rest of the head), or, when the whole document is in the head, the largest array of at least
 * two objects, when it makes up most of it. Undefined when the document is an array, when a top-level key is a
 * section of the app's own format, and for one record that merely holds a list (a note with attachments).
 */
export function findRecordsPath(head: string, isSection: (key: string) => boolean, maxDepth = 3): string[] | undefined {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skipSpace = () => {
    while (i < head.length && /\s/.test(head[i]!)) i++;
  };
  const readString = (): string | undefined => {
    const start = i;
    i++;
    while (i < head.length) {
      const c = head[i]!;
      if (c === '\\') i += 2;
      else if (c === '"') {
        i++;
        try {
          return JSON.parse(head.slice(start, i)) as string;
        } catch {
          return undefined;
        }
      } else i++;
    }
    return undefined;
  };
  /** Skips one value of any kind; false when the head ends inside it. */
  const skipValue = (): boolean => {
    skipSpace();
    const c = head[i];
    if (c === undefined) return false;
    if (c === '"') return readString() !== undefined;
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < head.length) {
        const d = head[i]!;
        if (d === '"') {
          if (readString() === undefined) return false;
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return true;
          }
        }
        i++;
      }
      return false;
    }
    while (i < head.length && !/[,}\]\s]/.test(head[i]!)) i++;
    return i < head.length;
  };
  let candidate: { path: string[]; bytes: number; single: boolean } | undefined;
  const topKeys: string[] = [];
  /** Inside an object (after its `{`): the path to the first array of objects, searching depth-first. */
  const search = (path: string[]): string[] | undefined => {
    for (;;) {
      skipSpace();
      if (head[i] === '}') return undefined;
      if (head[i] !== '"') return undefined;
      const key = readString();
      if (key === undefined) return undefined;
      if (path.length === 0) topKeys.push(key);
      skipSpace();
      if (head[i] !== ':') return undefined;
      i++;
      skipSpace();
      // The app's own sections (`contexts: [...]`, `items: [...]`) are read as they always were.
      if (path.length === 0 && isSection(key) && head[i] === '[') throw SECTIONED;
      if (head[i] === '[') {
        const at = i;
        i++;
        skipSpace();
        const ofObjects = head[i] === '{';
        i = at;
        const closed = skipValue();
        if (ofObjects && !closed) return [...path, key];
        if (!closed) return undefined;
        // The largest list of objects, not the first: a chat's participants come before its messages.
        if (ofObjects && (!candidate || i - at > candidate.bytes)) {
          try {
            // One element is a collection only under a name that says so (a search page of one hit).
            const length = (JSON.parse(head.slice(at, i)) as unknown[]).length;
            if (length >= 2 || (length === 1 && COLLECTION_KEYS.has(key.toLowerCase())))
              candidate = { path: [...path, key], bytes: i - at, single: length === 1 };
          } catch {
            /* not an array after all */
          }
        }
      } else if (head[i] === '{' && path.length + 1 < maxDepth && !SETTINGS_KEYS.has(key.toLowerCase())) {
        i++;
        const found = search([...path, key]);
        if (found) return found;
        if (head[i] !== '}') return undefined;
        i++;
      } else if (!skipValue()) return undefined;
      skipSpace();
      if (head[i] === ',') i++;
      else return undefined;
    }
  };
  skipSpace();
  if (head[i] !== '{') return undefined;
  i++;
  try {
    const open = search([]);
    if (open) return open.at(-1) === 'attachments' || topKeys.some((k) => ONE_RECORD_KEYS.has(k)) ? undefined : open;
  } catch (error) {
    if (error === SECTIONED) return undefined;
    throw error;
  }
  // The whole document was read: a list inside one record is not a collection of records.
  const looksLikeOneRecord = topKeys.some((k) => ONE_RECORD_KEYS.has(k));
  // One element is the page only beside a page's counts or cursors (Algolia's nbHits, Twitter's search_metadata);
  // a record with a one-element list of its own (a note's one child) stays that record.
  const paged = topKeys.some((k) => PAGING_KEYS.has(k.toLowerCase().replace(/[^a-z]/g, '')));
  if (candidate?.single && !paged) return undefined;
  if (candidate && !looksLikeOneRecord && candidate.path.at(-1) !== 'attachments' && candidate.bytes * 2 >= head.trim().length) return candidate.path;
  return undefined;
}

/** Names APIs give a page of results: a one-element array under one is still the page, not part of one record. */
const COLLECTION_KEYS = new Set([
  'hits',
  'statuses',
  'results',
  'items',
  'records',
  'entries',
  'children',
  'posts',
  'issues',
  'rows',
  'documents',
  'docs',
  'nodes',
  'edges',
  'value',
  'tweets',
  'messages',
  'ordereditems',
]);

/** Objects of settings, whose lists are no records (a Trello board's `prefs.backgroundImageScaled`, its background in 12 sizes). */
export const SETTINGS_KEYS = new Set(['prefs', 'preferences', 'settings', 'config', 'configuration', 'options']);

/** Keys of a page of results around its list (counts, cursors): with one, a one-element list is still the page. */
const PAGING_KEYS = new Set([
  'total',
  'totalcount',
  'count',
  'nbhits',
  'page',
  'pages',
  'perpage',
  'hitsperpage',
  'next',
  'previous',
  'cursor',
  'nextcursor',
  'hasmore',
  'searchmetadata',
  'query',
  'offset',
  'limit',
  'pagination',
  'paging',
  'processingtimems',
  'startat',
  'maxresults',
  'totalresults',
  'resultcount',
]);

/** Keys that make a top-level object one record of its own (a context, a note, a message). */
const ONE_RECORD_KEYS = new Set(['content', 'text', 'body']);

const SECTIONED = Symbol('the document has sections of its own');
