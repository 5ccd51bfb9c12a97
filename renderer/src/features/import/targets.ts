/** The fields a source column can map to: the engine's catalogue (shared/catalogue/targets.ts), per data type. */
import { TARGET_FIELDS, type TargetFieldInfo } from '../../../../shared/catalogue/targets.ts';
import { recordTypeOr } from '../../../../shared/record-type.ts';

export type TargetField = TargetFieldInfo;

export function targetFieldsFor(dataType: string): readonly TargetField[] {
  return TARGET_FIELDS[recordTypeOr(dataType)];
}

export function targetLabel(dataType: string, key: string): string {
  return targetFieldsFor(dataType).find((f) => f.name === key)?.label ?? key;
}

/** The engine's own name comparison (one function for both sides). */
export { normaliseName } from '../../../../shared/field-names.ts';
