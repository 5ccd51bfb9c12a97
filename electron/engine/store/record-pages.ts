/**
 * Keyset pages of a table's records in (created_at, id) order, each read by one aggregate query: SQLite
 * serializes a page in one piece, for the export's fast paths (docs/performance.md, "Export"). A row one query
 * cannot say (a context with attachments) ends the page before it and comes by itself, so no page holds one and
 * the rows around it still come in pages.
 */
import type { Db } from './open.ts';
import type { SqlWhere } from './filters.ts';
import { PageHelper } from './page-helper.ts';

/** Pages read before a helper thread is worth starting: a small export ends before one would be ready. */
const HELPER_AFTER_PAGES = 4;

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
  /** A second thread may read every other page (store/page-helper.ts); the export's reads ask for it. */
  parallel?: boolean;
}

/** A page's `[count, ...aggregates]`, or the id of a row that comes by itself. */
export type PageItem = { page: unknown[] } | { own: string };

type Key = [string, string];
/** The records after `from` up to and including `to`; the last range has no `to`. */
type Range = { from: Key; to: Key | undefined };

export function* recordPages(db: Db, query: PageQuery): Generator<PageItem> {
  const { table, where, pageSize } = query;
  const filtered = `FROM ${table} WHERE (${where.sql}) AND (created_at, id) > (?, ?)`;
  // group_concat over an ordered subquery keeps that order (SQLite does; measured 3x faster than the
  // aggregate's own ORDER BY, which sorts again).
  const pageSql = (bound: string) =>
    `SELECT count(*), ${query.aggregates.join(', ')} FROM (SELECT ${query.columns.join(', ')} ${filtered}${bound} ORDER BY created_at, id)`;
  const throughSql = pageSql(' AND (created_at, id) <= (?, ?)');
  const restSql = pageSql('');
  const through = db.prepare(throughSql).raw(true);
  const before = db.prepare(pageSql(' AND (created_at, id) < (?, ?)')).raw(true);
  const rest = db.prepare(restSql).raw(true);
  const upper = db.prepare(`SELECT created_at, id ${filtered} ORDER BY created_at, id LIMIT 1 OFFSET ?`).raw(true);
  const nextOwn = query.ownRow ? db.prepare(`SELECT created_at, id ${filtered} AND (${query.ownRow}) ORDER BY created_at, id LIMIT 1`).raw(true) : undefined;
  // Keys compared by SQLite, as the index orders them (JavaScript compares strings by UTF-16 code units).
  const notAfter = db.prepare('SELECT (?, ?) <= (?, ?)').pluck(true);
  const params = where.params;

  if (query.parallel && !nextOwn) {
    let from: Key | undefined = ['', ''];
    const ranges = (): Range | undefined => {
      if (!from) return undefined;
      const range = { from, to: upper.get(...params, ...from, pageSize - 1) as Key | undefined };
      from = range.to;
      return range;
    };
    yield* withHelper(db, ranges, {
      read: (r) => (r.to ? through.get(...params, ...r.from, ...r.to) : rest.get(...params, ...r.from)) as unknown[],
      sql: (r) => (r.to ? [throughSql, [...params, ...r.from, ...r.to]] : [restSql, [...params, ...r.from]]),
    });
    return;
  }

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

/** Pages read ahead of the one the export writes next (a page of 1,000 records is about 1 MB): the helper's queue and two more. */
const MAX_AHEAD = 6;

/**
 * The pages of `ranges`, in order, read by two threads: the helper is kept four queries deep, and while its
 * answer for the next page is not in, this thread reads a later one itself. So the split follows the load: the
 * more the writing between two pages costs, the more pages the helper reads. Until the helper is up, and after
 * it fails, this thread reads every page. `ranges` gives undefined once the last range is out, and after.
 */
function* withHelper(
  db: Db,
  ranges: () => Range | undefined,
  page: { read: (range: Range) => unknown[]; sql: (range: Range) => [string, unknown[]] },
): Generator<PageItem> {
  let helper: PageHelper | null | undefined;
  let readHere = 0;
  // In output order; `rows` undefined: the helper's to answer (it answers in the order it was asked).
  const slots: { range: Range; rows?: unknown[] }[] = [];
  const readNow = (range: Range) => {
    readHere++;
    slots.push({ range, rows: page.read(range) });
  };
  try {
    while (true) {
      if (helper === undefined && readHere >= HELPER_AFTER_PAGES) helper = PageHelper.start(db.name);
      while (slots.length < MAX_AHEAD && helper?.canTake()) {
        const range = ranges();
        if (!range) break;
        helper.send(...page.sql(range));
        slots.push({ range });
      }
      const head = slots[0];
      if (!head) {
        const range = ranges();
        if (!range) return;
        readNow(range);
        continue;
      }
      if (!head.rows) {
        const rows = helper!.poll();
        if (!rows && !helper!.broken && slots.length < MAX_AHEAD) {
          const range = ranges();
          if (range) {
            readNow(range);
            continue;
          }
        }
        head.rows = rows ?? helper!.receive() ?? page.read(head.range);
      }
      slots.shift();
      if ((head.rows[0] as number) > 0) yield { page: head.rows };
    }
  } finally {
    helper?.close();
  }
}
