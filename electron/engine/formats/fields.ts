/** Small helpers shared by the readers that build records field by field. */
import { FORBIDDEN_KEYS } from '../../../shared/model.ts';

/** Sets a field; `__proto__`, `constructor` and `prototype` become plain own data properties. */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (FORBIDDEN_KEYS.has(key)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Fields that are text in every record type: a reader never turns them into numbers or booleans. */
export const STRING_FIELDS = new Set(['id', 'title', 'content', 'name', 'description', 'type', 'sessionId', 'createdAt', 'updatedAt']);
