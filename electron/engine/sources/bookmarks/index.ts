/**
 * Bookmarks in the Netscape bookmark file (`<!DOCTYPE NETSCAPE-Bookmark-file-1>`): what every browser, Pocket,
 * Pinboard, Raindrop, Shaarli and Linkding export. It is HTML of its own kind, not XML (unclosed `<DT>`, `<p>`), so
 * it has its own tolerant reader: each `<A HREF>` is a context (its text the title; the address and the `<DD>`
 * description after it the content), `TAGS` its tags (commas, or blanks when there are none: Shaarli), `<H3>`
 * folders, nested by `<DL>`, a session each (or a tag, or nothing: option `folders`); `ADD_DATE` / `LAST_MODIFIED`
 * (epoch seconds, or Shaarli's `10/Oct/2000:13:55:36 +0300`) the dates; `PRIVATE`, `TOREAD` and every other
 * attribute kept in metadata. The favicon's inline data (`ICON`) is left out, its address (`ICON_URI`) kept.
 * A file is read whole (bookmark files are small; the limit is the largest record, maxRecordBytes).
 */
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { extOf, isoDate, noteText } from '../shared/files.ts';
import { parseBookmarkFile, type Bookmark } from './parse.ts';

const ID = 'bookmarks';
const DOCTYPE = /<!DOCTYPE\s+NETSCAPE-Bookmark-file-1\s*>/i;
const LOOKS_LIKE = /<DT>\s*<A\s[^>]*HREF\s*=/i;

const isHtml = (entry: InputEntry) => ['.html', '.htm'].includes(extOf(entry.path));

async function bookmarkScore(entry: InputEntry): Promise<number> {
  if (!isHtml(entry)) return 0;
  const head = (await entry.head(4096)).toString('utf8');
  return DOCTYPE.test(head) ? 0.95 : LOOKS_LIKE.test(head) && /ADD_DATE\s*=/i.test(head) ? 0.8 : 0;
}

export const bookmarksSource: SourcePreset = {
  id: ID,
  label: 'Bookmarks (Netscape HTML)',
  description:
    'A bookmarks .html export (browsers, Pocket, Pinboard, Raindrop, Shaarli): each link a context with its tags, description and dates; folders become sessions.',
  accepts: ['bookmarks .html (NETSCAPE-Bookmark-file-1)'],
  options: [
    {
      name: 'folders',
      label: 'Folders become',
      kind: 'choice',
      choices: ['session', 'tag', 'none'],
      default: 'session',
      description: "What a bookmark's folder becomes: its session, a tag, or nothing (the path is kept in metadata.folder either way).",
    },
  ],
  async detect(input: ExpandedInput) {
    let best = 0;
    for (const entry of input.entries.filter(isHtml).slice(0, 10)) best = Math.max(best, await bookmarkScore(entry));
    return best;
  },
  read: readBookmarks,
};

/** `1456433748` (seconds; Pocket and some tools write milliseconds or microseconds), or a written date. */
function bookmarkDate(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) > 0 ? isoDate(Number(text)) : undefined;
  // Shaarli's Apache-log form: 10/Oct/2000:13:55:36 +0300.
  const apache = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}:\d{2}:\d{2})\s*([+-]\d{4})?$/.exec(text);
  if (apache) {
    const date = new Date(`${apache[1]} ${apache[2]} ${apache[3]} ${apache[4]} ${apache[5] ?? '+0000'}`);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return isoDate(text);
}

function tagsOf(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  const parts = value.includes(',') ? value.split(',') : value.split(/\s+/);
  return [...new Set(parts.map((t) => t.trim()).filter(Boolean))];
}

/** Attributes the record holds already, or that are no data (the favicon's inline image). */
const HELD = new Set(['href', 'add_date', 'last_modified', 'tags', 'icon', 'private', 'toread']);

async function* readBookmarks(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const folders = String(context.options.folders ?? 'session');
  let recordNumber = 0;
  const sessions = new Set<string>();
  context.count('bookmarks', 0);
  for (const entry of input.entries) {
    if ((await bookmarkScore(entry)) === 0) continue;
    if (context.signal?.aborted) return;
    if (entry.size > context.maxRecordBytes) {
      yield {
        recordNumber: ++recordNumber,
        error: {
          code: ERROR_CODES.LIMIT_EXCEEDED,
          message: `${entry.display} is ${entry.size} bytes; a bookmarks file is read whole and may be at most ${context.maxRecordBytes}.`,
          file: entry.display,
        },
      };
      continue;
    }
    const seen = new Map<string, number>();
    const fileTime = entry.mtime?.toISOString();
    for (const b of parseBookmarkFile(noteText(await entry.readAll()))) {
      recordNumber++;
      if (b.href && /^place:/i.test(b.href)) {
        // Firefox's smart folders ("Most visited"): a query of the browser's history, no address of a page.
        recordNumber--;
        context.count('smart folders skipped');
        continue;
      }
      if (!b.href) {
        yield {
          recordNumber,
          line: b.line,
          error: {
            code: ERROR_CODES.VALIDATION_ERROR,
            message: `${entry.display}, line ${b.line}: a link without an address (HREF); not read.`,
            file: entry.display,
          },
        };
        continue;
      }
      yield* recordsOf(b, entry, { folders, sessions, seen, fileTime, recordNumber, context });
    }
  }
}

function* recordsOf(
  b: Bookmark,
  entry: InputEntry,
  at: { folders: string; sessions: Set<string>; seen: Map<string, number>; fileTime?: string; recordNumber: number; context: SourceReadContext },
): Generator<RawRecord> {
  const warnings: string[] = [];
  const folder = b.folders.join('/');
  const updatedAt = bookmarkDate(b.attributes.last_modified);
  let createdAt = bookmarkDate(b.attributes.add_date);
  if (!createdAt) {
    createdAt = updatedAt ?? at.fileTime ?? new Date().toISOString();
    const what = b.attributes.add_date ? `an ADD_DATE it cannot read (${JSON.stringify(b.attributes.add_date)})` : 'no ADD_DATE';
    warnings.push(
      `${entry.display}, line ${b.line}: ${what}; used ${updatedAt ? 'its LAST_MODIFIED' : at.fileTime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
    );
  }
  let sessionId: string | null = null;
  if (at.folders === 'session' && folder) {
    // The folder path alone: a browser names each export by its date, and a re-import must find the same sessions.
    const key = `folder:${folder}`;
    sessionId = sourceRecordId(ID, key, 'ses');
    if (!at.sessions.has(key)) {
      at.sessions.add(key);
      at.context.count('folders');
      yield {
        recordNumber: at.recordNumber,
        line: b.line,
        recordType: 'sessions',
        value: { id: sessionId, name: folder, description: '', createdAt, metadata: sourceMetadata(ID, key, { folder }) },
      };
    }
  }
  // The same address twice in one file is two bookmarks (two folders); the identity stays stable across exports.
  const n = (at.seen.get(b.href!) ?? 0) + 1;
  at.seen.set(b.href!, n);
  const sourceId = n === 1 ? b.href! : `${b.href}#${n}`;
  const extra = Object.fromEntries(Object.entries(b.attributes).filter(([k]) => !HELD.has(k)));
  const tags = tagsOf(b.attributes.tags);
  if (at.folders === 'tag' && folder && !tags.includes(folder)) tags.push(folder);
  at.context.count('bookmarks');
  yield {
    recordNumber: at.recordNumber,
    line: b.line,
    recordType: 'contexts',
    value: {
      id: sourceRecordId(ID, sourceId),
      title: b.title || b.href,
      content: b.description ? `${b.href}\n\n${b.description}` : b.href,
      // A bookmarklet's address is a script, kept as it is (and named so).
      type: /^javascript:/i.test(b.href!) ? 'bookmarklet' : 'bookmark',
      tags,
      sessionId,
      createdAt,
      ...(updatedAt ? { updatedAt } : {}),
      metadata: sourceMetadata(ID, sourceId, {
        url: b.href,
        ...(folder ? { folder } : {}),
        ...(b.attributes.private !== undefined ? { private: b.attributes.private === '1' || b.attributes.private.toLowerCase() === 'true' } : {}),
        ...(b.attributes.toread !== undefined ? { toRead: b.attributes.toread === '1' || b.attributes.toread.toLowerCase() === 'yes' } : {}),
        ...extra,
      }),
    },
    warnings,
  };
}
