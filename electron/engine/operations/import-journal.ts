/**
 * The persistent import journal an operation gives its import: what undo needs to put the store back. The SQL
 * lives in store/import-journal.ts; this decides what to keep — an insert's id, an overwrite's before-image
 * (with the record's undo mark and, for a template, its saved versions) — and gives the import its undo mark.
 */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import type { ImportJournal } from '../pipeline/journal.ts';
import type { Store } from '../store/store.ts';
import { ImportJournalRepository } from '../store/import-journal.ts';
import type { TemplateVersionRow } from '../store/repositories.ts';

export type { TemplateVersionRow };

/** What the journal keeps of an overwritten record: enough to put it back exactly. */
export interface BeforeImage {
  record: AnyRecord;
  templateVersions?: TemplateVersionRow[];
  /** The record's undo mark before the overwrite (absent in images written before migration 009). */
  writtenBy?: number | null;
}

export class SqlImportJournal implements ImportJournal {
  readonly mark: number | null;
  private readonly journal: ImportJournalRepository;
  private wrote = false;

  constructor(
    private readonly store: Store,
    private readonly operationId: string,
  ) {
    this.journal = new ImportJournalRepository(store.db);
    this.mark = this.journal.markOf(operationId);
  }

  inserted(type: RecordType, id: string): void {
    this.wrote = true;
    this.journal.record(this.operationId, type, id, 'insert', null);
  }

  overwritten(type: RecordType, before: AnyRecord): void {
    this.wrote = true;
    const image: BeforeImage = { record: before, writtenBy: this.store.repository(type).writtenBy(before.id) };
    // A template's saved versions change with it (the import may replace a version's body): keep them too.
    if (type === 'templates') image.templateVersions = this.store.templates.versionRows(before.id);
    this.journal.record(this.operationId, type, before.id, 'overwrite', JSON.stringify(image));
  }

  /** Marks the operation committed, inside the import's transaction: the marks on the rows are already there. */
  beforeCommit(): void {
    this.journal.markCommitted(this.operationId, this.wrote);
  }
}
