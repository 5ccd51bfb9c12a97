/** What a store (or a snapshot of one) holds, for a restore's dry run and a backup's listing. */
import type { Db } from './open.ts';
import type { StoreSummary } from '../../../shared/backup.ts';

/** `schema` is `main` for the store itself, or the name a snapshot was attached under. */
export function summarise(db: Db, schema = 'main'): StoreSummary {
  const one = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${schema}.${table}`).get() as { n: number }).n;
  const counts = { contexts: one('contexts'), sessions: one('sessions'), templates: one('templates'), attachments: one('attachments') };
  let newest: StoreSummary['newest'] = null;
  for (const [dataType, title] of [
    ['contexts', 'title'],
    ['sessions', 'name'],
    ['templates', 'name'],
  ] as const) {
    const row = db
      .prepare(
        `SELECT id, ${title} AS title, coalesce(updated_at, created_at) AS at FROM ${schema}.${dataType} ORDER BY coalesce(updated_at, created_at) DESC, id DESC LIMIT 1`,
      )
      .get() as { id: string; title: string | null; at: string } | undefined;
    if (row && (!newest || row.at > newest.at)) newest = { dataType, id: row.id, title: row.title ?? undefined, at: row.at };
  }
  const schemaVersion = db.pragma(`${schema}.user_version`, { simple: true }) as number;
  return { counts, newest, schemaVersion };
}
