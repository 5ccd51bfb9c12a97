/** What an export writes for a record: metadata and binary data in or out, as the options say. */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';

export interface ProjectionOptions {
  includeMetadata: boolean;
  includeBinaryData: boolean;
}

export function projectRecord(type: RecordType, record: AnyRecord, options: ProjectionOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  if (type === 'templates') return out;
  if (!options.includeMetadata) delete out.metadata;
  if (type === 'contexts' && Array.isArray(out.attachments) && !options.includeBinaryData) {
    out.attachments = (out.attachments as Record<string, unknown>[]).map(({ data: _data, ...rest }) => rest);
  }
  return out;
}
