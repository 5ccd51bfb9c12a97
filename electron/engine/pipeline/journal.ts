/**
 * What an import changed, kept inside the import's own transaction so undo can put the store back.
 * The operations layer supplies a persistent journal; standalone pipelines use the no-op one.
 *
 * Order of calls: `inserted` after a record was inserted; `overwritten` before a record is replaced (with the
 * record as it was). A record inserted earlier in the same import and then overwritten gets both calls: the
 * journal keeps the first (undo removes it). `beforeCommit` runs once, inside the transaction, right before
 * COMMIT: the journal fingerprints what the import left, so a later change to the same records is visible.
 */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';

export interface ImportJournal {
  inserted(type: RecordType, id: string): void;
  overwritten(type: RecordType, before: AnyRecord): void;
  beforeCommit?(): void;
}

export const NO_JOURNAL: ImportJournal = {
  inserted() {},
  overwritten() {},
  beforeCommit() {},
};
