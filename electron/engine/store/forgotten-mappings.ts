/** The store side of "forget a remembered mapping": when each source field name (and target) was forgotten. */
import type { Db } from './open.ts';

interface Row {
  source_key: string;
  target: string;
  forgotten_at: string;
}

export class ForgottenMappings {
  constructor(private readonly db: Db) {}

  /** Records the forget; a later forget of the same entry moves its time forward. */
  forget(sourceKey: string, target: string | undefined, at: string): void {
    this.db
      .prepare(
        'INSERT INTO forgotten_mappings (source_key, target, forgotten_at) VALUES (?, ?, ?) ON CONFLICT (source_key, target) DO UPDATE SET forgotten_at = excluded.forgotten_at',
      )
      .run(sourceKey, target ?? '', at);
  }

  /** A test for one remembered entry: is `source -> target`, learnt at `learntAt`, forgotten since? */
  matcher(): (sourceKey: string, target: string, learntAt: string) => boolean {
    const rows = this.db.prepare<[], Row>('SELECT source_key, target, forgotten_at FROM forgotten_mappings').all();
    if (rows.length === 0) return () => false;
    const byKey = new Map<string, Row[]>();
    for (const r of rows) byKey.set(r.source_key, [...(byKey.get(r.source_key) ?? []), r]);
    return (sourceKey, target, learntAt) => (byKey.get(sourceKey) ?? []).some((r) => (r.target === '' || r.target === target) && learntAt <= r.forgotten_at);
  }
}
