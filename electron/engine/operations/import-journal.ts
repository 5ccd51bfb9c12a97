/**
 * The persistent import journal: one row per record an import inserted or overwrote, written on the import's
 * own connection inside its own transaction, so the journal commits (or rolls back) with the data.
 */
import { RECORD_TYPES, type AnyRecord, type RecordType } from '../../../shared/model.ts';
import type { ImportJournal } from '../pipeline/journal.ts';
import type { Db } from '../store/open.ts';
import type { Statement } from 'better-sqlite3';
import { ensureFingerprintFunction, fingerprintSql, tableOf } from './fingerprint.ts';

export interface TemplateVersionRow {
  version: number;
  body: string;
  saved_at: string;
}

/** What the journal keeps of an overwritten record: enough to put it back exactly. */
export interface BeforeImage {
  record: AnyRecord;
  templateVersions?: TemplateVersionRow[];
}

export class SqlImportJournal implements ImportJournal {
  private readonly add: Statement<[string, string, string, string, string | null]>;
  private readonly touched = new Set<RecordType>();
  private readonly versions: Statement<[string]>;

  constructor(
    private readonly db: Db,
    private readonly operationId: string,
  ) {
    ensureFingerprintFunction(db);
    // The first entry for a record wins: inserted-then-overwritten stays an insert (undo removes it), and
    // overwritten twice keeps the before-image from before the import.
    this.add = db.prepare(
      'INSERT INTO import_journal (operation_id, data_type, record_id, action, before) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.versions = db.prepare('SELECT version, body, saved_at FROM template_versions WHERE template_id = ? ORDER BY version');
  }

  inserted(type: RecordType, id: string): void {
    this.touched.add(type);
    this.add.run(this.operationId, type, id, 'insert', null);
  }

  overwritten(type: RecordType, before: AnyRecord): void {
    this.touched.add(type);
    const image: BeforeImage = { record: before };
    // A template's saved versions change with it (the import may replace a version's body): keep them too.
    if (type === 'templates') image.templateVersions = this.versions.all(before.id) as TemplateVersionRow[];
    this.add.run(this.operationId, type, before.id, 'overwrite', JSON.stringify(image));
  }

  /** Fingerprints the records as the import leaves them, and marks the operation committed, in one go. */
  beforeCommit(): void {
    for (const type of RECORD_TYPES) {
      if (!this.touched.has(type)) continue;
      this.db
        .prepare(
          `UPDATE import_journal SET fingerprint = (SELECT ${fingerprintSql(type)} FROM ${tableOf(type)} t WHERE t.id = import_journal.record_id)
           WHERE operation_id = ? AND data_type = ?`,
        )
        .run(this.operationId, type);
    }
    this.db.prepare("UPDATE operations SET committed = 1, undo_state = CASE WHEN ? THEN 'available' END WHERE id = ?").run(this.touched.size > 0 ? 1 : 0, this.operationId);
  }
}
