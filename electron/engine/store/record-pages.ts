/**
 * Keyset pages of a table's records in (created_at, id) order, each read by one aggregate query: SQLite
 * serializes a page in one piece, for the export's fast paths (docs/performance.md, "Export"). A row one query
 * cannot say (a context with attachments) ends the page before it and comes by itself, so no page holds one and
 * the rows around it still come in pages.
 */
import type { Db } from './open.ts';
import type { SqlWhere } from './filters.ts';

export interface PageQuery {
  table: string;
  where: SqlWhere;
  /** The select list of the inner, ordered query (`<expression> AS <name>`). */
  columns: string[];
  /** Aggregates over the inner query's columns; a page is `[count, ...aggregates]`. */
  aggregates: string[];
  pageSize: number;
  /** SQL true for a row that must come by itself; only asked when the table may hold such rows. */
  ownRow?: string;
}

/** A page's `[count, ...aggregates]`, or the id of a row that comes by itself. */
export type PageItem = { page: unknown[] } | { own: string };

type Key = [string, string];

export function* recordPages(db: Db, query: PageQuery): Generator<PageItem> {
  const { table, where, pageSize } = query;
  const filtered = `FROM ${table} WHERE (${where.sql}) AND (created_at, id) > (?, ?)`;
  // group_concat over an ordered subquery keeps that order (SQLite does; measured 3x faster than the
  // aggregate's own ORDER BY, which sorts again).
  const pageSql = (bound: string) =>
    `SELECT count(*), ${query.aggregates.join(', ')} FROM (SELECT ${query.columns.join(', ')} ${filtered}${bound} ORDER BY created_at, id)`;
  const through = db.prepare(pageSql(' AND (created_at, id) <= (?, ?)')).raw(true);
  const before = db.prepare(pageSql(' AND (created_at, id) < (?, ?)')).raw(true);
  const rest = db.prepare(pageSql('')).raw(true);
  const upper = db.prepare(`SELECT created_at, id ${filtered} ORDER BY created_at, id LIMIT 1 OFFSET ?`).raw(true);
  const nextOwn = query.ownRow ? db.prepare(`SELECT created_at, id ${filtered} AND (${query.ownRow}) ORDER BY created_at, id LIMIT 1`).raw(true) : undefined;
  // Keys compared by SQLite, as the index orders them (JavaScript compares strings by UTF-16 code units).
  const notAfter = db.prepare('SELECT (?, ?) <= (?, ?)').pluck(true);
  const params = where.params;

  let from: Key = ['', ''];
  let own = nextOwn?.get(...params, ...from) as Key | undefined;
  while (true) {
    const to = upper.get(...params, ...from, pageSize - 1) as Key | undefined;
    if (own && (!to || notAfter.get(...own, ...to) === 1)) {
      const page = before.get(...params, ...from, ...own) as unknown[];
      if ((page[0] as number) > 0) yield { page };
      yield { own: own[1] };
      from = own;
      own = nextOwn!.get(...params, ...from) as Key | undefined;
      continue;
    }
    const page = (to ? through.get(...params, ...from, ...to) : rest.get(...params, ...from)) as unknown[];
    if ((page[0] as number) > 0) yield { page };
    if (!to) return;
    from = to;
  }
}
