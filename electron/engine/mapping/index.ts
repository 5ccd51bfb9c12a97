/**
 * The mapping stage: between the reader and validation, a pure function of the record. The dry run, the live
 * preview and the real import all call the same code. (Field mapping and templates fill this in.)
 */
import type { ImportOptions } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import type { RecordType } from '../../../shared/model.ts';

export interface MappingIssue {
  field?: string;
  message: string;
  code: string;
}
export interface MappedRecord {
  value: unknown;
  issues: MappingIssue[];
  /** The record type a template or mapping decided, if any. */
  recordType?: RecordType;
}
export type RecordMapper = (value: unknown, recordNumber: number) => MappedRecord;

/** Compiles the mapping of an import once, before any record is read; bad mappings fail here, by name. */
export function prepareRecordMapper(_options: Pick<ImportOptions, 'mapping' | 'template' | 'unmappedFields'>, _store: Store): RecordMapper | null {
  return null;
}
