/**
 * Searching contexts through the FTS5 index (migration 004): what a person types becomes a safe FTS5 query
 * (each word a quoted prefix term, all required), ranked by bm25 with the title weighted above the content,
 * and each hit carries snippets with the match marked, for the Store reader to highlight.
 */
import type { Db } from './open.ts';

/** Marks around a match in a snippet: control characters no stored text contains, so the UI can split safely. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface ContextHit {
  id: string;
  /** The title with matches marked (MATCH_START … MATCH_END). */
  titleSnippet: string;
  /** A few words of content around the first match, marked the same way. */
  contentSnippet: string;
}

/** "sprint plan" → `"sprint"* "plan"*`: every word required, as a prefix; quotes inside words are doubled. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words?.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export function searchContexts(db: Db, text: string, options: { limit: number; offset: number; sessionIds?: string[] }): { hits: ContextHit[]; total: number } {
  const query = ftsQuery(text);
  if (!query) return { hits: [], total: 0 };
  const sessions = options.sessionIds?.length ? options.sessionIds : null;
  const sessionSql = sessions ? `AND c.session_id IN (${sessions.map(() => '?').join(', ')})` : '';
  const params = [query, ...(sessions ?? [])];
  const hits = db
    .prepare(
      `SELECT c.id AS id,
              highlight(contexts_fts, 0, '${MATCH_START}', '${MATCH_END}') AS titleSnippet,
              snippet(contexts_fts, 1, '${MATCH_START}', '${MATCH_END}', '…', 16) AS contentSnippet
         FROM contexts_fts JOIN contexts c ON c.rowid = contexts_fts.rowid
        WHERE contexts_fts MATCH ? ${sessionSql}
        ORDER BY bm25(contexts_fts, 4.0, 1.0), c.created_at DESC
        LIMIT ? OFFSET ?`,
    )
    .all(...params, options.limit, options.offset) as ContextHit[];
  const total = (
    db
      .prepare(`SELECT count(*) AS n FROM contexts_fts JOIN contexts c ON c.rowid = contexts_fts.rowid WHERE contexts_fts MATCH ? ${sessionSql}`)
      .get(...params) as { n: number }
  ).n;
  return { hits, total };
}
