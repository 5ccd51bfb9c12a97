/** Small helpers shared by the readers that build records field by field. */
import { FORBIDDEN_KEYS, RECORD_TYPES } from '../../../shared/model.ts';
import { TARGET_FIELDS } from '../../../shared/catalogue/targets.ts';

/** Sets a field; `__proto__`, `constructor` and `prototype` become plain own data properties. */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (FORBIDDEN_KEYS.has(key)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Fields that are text in every record type: a reader never turns them into numbers or booleans. */
export const STRING_FIELDS: ReadonlySet<string> = new Set(
  RECORD_TYPES.flatMap((type) => TARGET_FIELDS[type].filter((f) => !f.name.includes('.') && (f.type === 'text' || f.type === 'date-time')).map((f) => f.name)),
);
