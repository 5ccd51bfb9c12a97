/**
 * The hot path of validation: a context that is plainly valid (the shape nearly every record of a bulk import
 * has) is checked by straight-line code instead of zod's generic schema walk, which cost ~12% of an import's
 * worker time. Anything this does not recognise as certainly valid returns undefined and goes through the
 * schema as before, so every rejection and its message still come from one place: the schema in shared/.
 * What it accepts is a subset of what ContextSchema accepts, and it returns what the schema would (defaults
 * filled, fields in the schema's order), keeping nested metadata objects as they are rather than copying them.
 */
import { ContextSchema, IMPORTANCE_LEVELS, type Context } from '../../../shared/model.ts';

/** The keys ContextSchema knows, in its order; a record with any other key (or attachments) takes the schema. */
const FAST_KEYS = new Set(Object.keys(ContextSchema.shape).filter((k) => k !== 'attachments'));
/** A strict subset of the ISO 8601 forms the schema's IsoDateTime takes: date, `T`, time, a zone with a colon. */
const PLAIN_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const IMPORTANCE = new Set<unknown>(IMPORTANCE_LEVELS);

const isDateTime = (v: unknown): v is string => typeof v === 'string' && PLAIN_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));

/** A JSON value as JSON.parse makes them: plain objects and arrays, strings, finite numbers, booleans, null. */
function isJsonValue(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false; // deep nesting: let the schema decide
      if (Array.isArray(value)) {
        for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key of Object.keys(value)) if (!isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

export function fastValidContext(v: Record<string, unknown>): Context | undefined {
  for (const key of Object.keys(v)) if (!FAST_KEYS.has(key)) return undefined;
  const { id, title, content, type, tags, sessionId, createdAt, updatedAt, metadata } = v;
  if (typeof id !== 'string' || id.length === 0 || typeof title !== 'string' || typeof content !== 'string') return undefined;
  if (type !== undefined && (typeof type !== 'string' || type.length === 0)) return undefined;
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return undefined;
    for (const tag of tags) if (typeof tag !== 'string') return undefined;
  }
  if (sessionId !== undefined && sessionId !== null && typeof sessionId !== 'string') return undefined;
  if (!isDateTime(createdAt) || (updatedAt !== undefined && !isDateTime(updatedAt))) return undefined;
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !isJsonValue(metadata)) return undefined;
    const meta = metadata as Record<string, unknown>;
    if ('importance' in meta && !IMPORTANCE.has(meta.importance)) return undefined;
    if ('source' in meta && typeof meta.source !== 'string') return undefined;
  }
  const base = {
    id,
    title,
    content,
    type: (type as string | undefined) ?? 'general',
    tags: (tags as string[] | undefined) ?? [],
    sessionId: (sessionId as string | null | undefined) ?? null,
    createdAt,
  };
  const meta = (metadata as Context['metadata'] | undefined) ?? {};
  return updatedAt === undefined ? { ...base, metadata: meta } : { ...base, updatedAt, metadata: meta };
}
