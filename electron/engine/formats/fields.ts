/** What the readers that build records field by field know of the fields (records get keys by shared/define-field.ts). */
import { RECORD_TYPES } from '../../../shared/model.ts';
import { TARGET_FIELDS } from '../../../shared/catalogue/targets.ts';

/** Fields that are objects in every record type: an empty element or value means `{}`, not the empty string. */
export const OBJECT_FIELDS: ReadonlySet<string> = new Set(['metadata', 'schema', 'transformation']);

/** Fields that are text in every record type: a reader never turns them into numbers or booleans. */
export const STRING_FIELDS: ReadonlySet<string> = new Set(
  RECORD_TYPES.flatMap((type) => TARGET_FIELDS[type].filter((f) => !f.name.includes('.') && (f.type === 'text' || f.type === 'date-time')).map((f) => f.name)),
);
