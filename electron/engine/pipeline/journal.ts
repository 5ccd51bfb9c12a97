/**
 * What an import changed, kept inside the import's own transaction so undo can put the store back.
 * The operations layer supplies a persistent journal; standalone pipelines use the no-op one.
 */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';

export interface ImportJournal {
  inserted(type: RecordType, id: string): void;
  overwritten(type: RecordType, before: AnyRecord): void;
}

export const NO_JOURNAL: ImportJournal = {
  inserted() {},
  overwritten() {},
};
