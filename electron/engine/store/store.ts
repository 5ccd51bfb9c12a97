/** The store: one connection and a repository per record type. */
import { openDatabase, type Db, type OpenStoreOptions } from './open.ts';
import { ContextRepository, SessionRepository, TemplateRepository, type Repository } from './repositories.ts';
import type { RecordType } from '../../../shared/model.ts';

export class Store {
  readonly contexts: ContextRepository;
  readonly sessions: SessionRepository;
  readonly templates: TemplateRepository;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.contexts = new ContextRepository(db);
    this.sessions = new SessionRepository(db);
    this.templates = new TemplateRepository(db);
  }

  static open(file: string, options: OpenStoreOptions = {}): Store {
    return new Store(openDatabase(file, options), file);
  }

  repository(type: RecordType): Repository {
    return (type === 'contexts' ? this.contexts : type === 'sessions' ? this.sessions : this.templates) as Repository;
  }

  counts(): Record<RecordType | 'attachments', number> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      contexts: one('SELECT count(*) AS n FROM contexts'),
      sessions: one('SELECT count(*) AS n FROM sessions'),
      templates: one('SELECT count(*) AS n FROM templates'),
      attachments: one('SELECT count(*) AS n FROM attachments'),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
