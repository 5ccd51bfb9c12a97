/**
 * What an import changed, kept inside the import's own transaction so undo can put the store back.
 * The operations layer supplies a persistent journal; standalone pipelines use the no-op one.
 *
 * Order of calls: `inserted` after a record was inserted; `overwritten` before a record is replaced (with the
 * record as it was). A record inserted earlier in the same import and then overwritten gets both calls: the
 * journal keeps the first (undo removes it). `beforeCommit` runs once, inside the transaction, right before
 * COMMIT. Every row the import writes carries `mark`, so a later change to the same records is visible (it
 * clears or replaces the mark).
 */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';

export interface ImportJournal {
  /** The undo mark the import's rows carry (`written_by`, migration 009); null when nothing will undo it. */
  readonly mark: number | null;
  inserted(type: RecordType, id: string): void;
  overwritten(type: RecordType, before: AnyRecord): void;
  beforeCommit?(): void;
}

export const NO_JOURNAL: ImportJournal = {
  mark: null,
  inserted() {},
  overwritten() {},
  beforeCommit() {},
};
