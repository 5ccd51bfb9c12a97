/**
 * Reading and writing dotted field paths (`meta.author`, `metadata.author`) on plain records. Every key is
 * data: `__proto__`, `constructor` and `prototype` are read only as own properties and written with
 * defineProperty, so no path ever reaches an object's prototype.
 */
import { defineField } from '../../../shared/define-field.ts';

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** Sets an own, enumerable property, even for `__proto__` (the one rule, shared with the format readers). */
export { defineField };

/** A field's own value, or undefined; never an inherited one. */
export function ownField(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  if (Array.isArray(object)) {
    if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
    return object[Number(key)];
  }
  return hasOwn(object, key) ? (object as PlainObject)[key] : undefined;
}

export interface Located {
  found: boolean;
  value: unknown;
  /** The segments through which the value was found (one element when the whole name was an own key). */
  segments: string[];
}

/** `messages[].text` → messages, [], text; `messages[0].text` → messages, 0, text; plain dots otherwise. */
function pathSegments(name: string): string[] {
  if (!name.includes('[')) return name.split('.');
  return name.split('.').flatMap((part) => {
    const m = /^([^[\]]*)((?:\[(?:\*|\d*)\])+)$/.exec(part);
    if (!m) return [part];
    const brackets = m[2]!.match(/\[(\*|\d*)\]/g)!.map((b) => (b === '[]' || b === '[*]' ? '[]' : b.slice(1, -1)));
    return m[1] ? [m[1], ...brackets] : brackets;
  });
}

/**
 * Finds a source field. A key that contains dots literally (a CSV header `meta.author`) wins over the nested
 * path, because the reader produced exactly that name. A list is entered by index (`messages.0.text`,
 * `messages[0].text`) or for each of its elements (`messages[].text`: the list of every element's `text`).
 * Values read through `[]` are copies: `segments` is then empty, so the list itself stays in the record.
 */
export function locate(record: unknown, name: string): Located {
  if (isPlainObject(record) && hasOwn(record, name)) return { found: true, value: record[name], segments: [name] };
  const segments = pathSegments(name);
  const each = segments.indexOf('[]');
  if (each >= 0) {
    const list = each === 0 ? record : locate(record, segments.slice(0, each).join('.')).value;
    if (!Array.isArray(list)) return { found: false, value: undefined, segments };
    const rest = segments.slice(each + 1).join('.');
    const values =
      rest === ''
        ? list
        : list
            .map((item) =>
              rest.includes('.') || rest.includes('[') ? locate(item, rest) : { found: ownField(item, rest) !== undefined, value: ownField(item, rest) },
            )
            .filter((l) => l.found)
            .map((l) => l.value);
    return { found: true, value: values, segments: [] };
  }
  if (segments.length < 2 || segments.some((s) => s === '')) return { found: false, value: undefined, segments };
  let current: unknown = record;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return { found: false, value: undefined, segments };
    if (Array.isArray(current) ? ownField(current, segment) === undefined : !hasOwn(current, segment)) return { found: false, value: undefined, segments };
    current = ownField(current, segment);
  }
  return { found: true, value: current, segments };
}

/**
 * Why a dotted path found nothing, when the reason is a list on the way (`messages.text` where `messages` is
 * a list): a sentence saying how to reach into it, or undefined.
 */
export function listOnTheWay(record: unknown, name: string): string | undefined {
  const segments = pathSegments(name);
  let current: unknown = record;
  for (let i = 0; i < segments.length; i++) {
    if (Array.isArray(current) && !/^(0|[1-9]\d*)$/.test(segments[i]!) && segments[i] !== '[]') {
      const list = segments.slice(0, i).join('.');
      const rest = segments.slice(i).join('.');
      return `"${list}" is a list; write ${list}.0.${rest} for its first element or ${list}[].${rest} for all of them`;
    }
    current = ownField(current, segments[i]!);
    if (current === undefined) return undefined;
  }
  return undefined;
}

export function getPath(record: unknown, name: string): unknown {
  return locate(record, name).value;
}

/** Writes a dotted target path, creating plain objects on the way; an existing non-object in the way is an error. */
export function setPath(record: PlainObject, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = record;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const next = hasOwn(current, segment) ? current[segment] : undefined;
    if (next === undefined || next === null) {
      const created: PlainObject = {};
      defineField(current, segment, created);
      current = created;
    } else if (isPlainObject(next)) {
      current = next;
    } else {
      throw new Error(`cannot write "${path}": "${segments.slice(0, i + 1).join('.')}" already holds a ${Array.isArray(next) ? 'list' : typeof next}`);
    }
  }
  defineField(current, segments[segments.length - 1]!, value);
}

/** Removes the field the segments lead to, and any object left empty on the way. */
export function deleteSegments(record: PlainObject, segments: string[]): void {
  if (segments.length === 1) {
    delete record[segments[0]!];
    return;
  }
  const [head, ...rest] = segments;
  const inner = hasOwn(record, head!) ? record[head!] : undefined;
  if (!isPlainObject(inner)) return;
  deleteSegments(inner, rest);
  if (Object.keys(inner).length === 0) delete record[head!];
}

/** A deep copy of JSON-like data that keeps `__proto__` keys as own data properties. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneData(v)) as T;
  if (isPlainObject(value)) {
    const out: PlainObject = {};
    for (const key of Object.keys(value)) defineField(out, key, cloneData(value[key]));
    return out as T;
  }
  return value;
}
