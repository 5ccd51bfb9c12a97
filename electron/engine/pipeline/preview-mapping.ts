/**
 * The mapping editor's live preview: the same record mapper the import uses, then the same record
 * validation, so each row shows exactly what the import would write or why it would reject the record.
 */
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { MappingPreviewRow } from '../../../shared/contract.ts';
import type { Mapping, RecordType } from '../../../shared/model.ts';
import { validateRecord } from './validate-record.ts';
import { createRecordMapper } from '../mapping/index.ts';
import { isPlainObject } from '../mapping/paths.ts';

export function previewMapping(
  records: Record<string, unknown>[],
  mapping: Mapping,
  unmappedFields: 'metadata' | 'drop',
  dataType: RecordType,
): MappingPreviewRow[] {
  const mapper = createRecordMapper({ mapping, unmappedFields, recordType: dataType, validateSchema: true });
  return records.map((before, index) => {
    const record = index + 1;
    const mapped = mapper(before, record);
    const after = isPlainObject(mapped.value) ? mapped.value : null;
    if (mapped.issues.length) return { record, before, after, issues: mapped.issues.map((i) => ({ field: i.field, message: i.message, code: i.code })) };
    const checked = validateRecord(dataType, mapped.value, true);
    if (!checked.ok)
      return { record, before, after, issues: checked.issues.map((i) => ({ field: i.field, message: i.message, code: ERROR_CODES.VALIDATION_ERROR })) };
    return { record, before, after: checked.record as unknown as Record<string, unknown>, issues: [] };
  });
}
