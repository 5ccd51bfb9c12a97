/**
 * What sample values look like, for suggestions whose names say little: dates in the shapes other tools write
 * (each with the words a person reads: "ISO dates", "Notion dates", "epoch microseconds"), ids, tag lists. A
 * date is never a tag list, whatever commas it has ("December 1, 2024").
 */
import { IsoDateTime } from '../../../shared/model.ts';
import { nameWords } from '../../../shared/field-names.ts';
import { parseLegacyDate } from './dates.ts';

/** The non-empty samples: an empty cell says nothing about a column's shape. */
export function present(values: unknown[]): unknown[] {
  return values.filter((v) => v !== null && v !== undefined && v !== '');
}

/** Words in a field's name that say it holds a time: a number there may be an epoch time. */
const TIME_WORDS = new Set([
  'time',
  'timestamp',
  'date',
  'datetime',
  'created',
  'updated',
  'modified',
  'edited',
  'changed',
  'published',
  'posted',
  'added',
  'at',
  'on',
  'usec',
  'ms',
  'epoch',
  'ts',
  'when',
  'mtime',
  'ctime',
]);
export function nameSaysTime(source: string): boolean {
  return nameWords(source.split('.').pop() ?? source).some((w) => TIME_WORDS.has(w));
}
/** Words that say "last changed" rather than "created". */
const UPDATE_WORDS = new Set(['updated', 'update', 'modified', 'edited', 'edit', 'changed', 'last', 'mtime']);
export function nameSaysUpdated(source: string): boolean {
  return nameWords(source.split('.').pop() ?? source).some((w) => UPDATE_WORDS.has(w));
}

/** The shape of one date value, in a person's words; undefined when it is not a date. */
export function dateShape(value: unknown, timeName: boolean): string | undefined {
  if (typeof value === 'number') {
    if (!timeName || !Number.isInteger(value) || value < 1e8) return undefined;
    if (parseLegacyDate(value) === undefined) return undefined;
    return value < 1e11 ? 'epoch seconds' : value < 1e14 ? 'epoch milliseconds' : 'epoch microseconds';
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/\d/.test(text) || /^\d{1,7}$/.test(text)) return undefined;
  if (/^\d{8,17}$/.test(text) && !/^\d{8}$/.test(text)) return timeName && parseLegacyDate(text) ? dateShape(Number(text), true) : undefined;
  if (parseLegacyDate(text) === undefined) return undefined;
  if (IsoDateTime.safeParse(text).success || /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return 'ISO dates';
  if (/^\d{8}T\d{6}Z?$/.test(text)) return 'Evernote dates';
  if (text.startsWith('@')) return 'Notion dates';
  // The weekday is optional (RFC 822), so is the second digit of the day and the century of the year; the
  // names may be another language's (a Portuguese feed's `Sáb, 06 Out 2018`).
  if (/^(?:\p{L}{2,9}\.?,\s+)?\d{1,2}\s+\p{L}{3,4}\.?\s+(?:\d{4}|\d{2})\s+\d{2}:\d{2}/u.test(text)) return 'RFC 2822 dates';
  if (/^[A-Za-z]{3},?\s+[A-Za-z]{3,9}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s/.test(text)) return 'Twitter API dates';
  if (/^[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}/.test(text)) return 'written-out dates';
  return 'dates';
}

/** The shape every non-empty sample shares, when they all are dates (a mix says "dates"). */
export function datesShape(values: unknown[], source: string): string | undefined {
  const shown = present(values);
  if (shown.length === 0) return undefined;
  const timeName = nameSaysTime(source);
  const shapes = new Set<string>();
  for (const v of shown) {
    const shape = dateShape(v, timeName);
    if (!shape) return undefined;
    shapes.add(shape);
  }
  return shapes.size === 1 ? [...shapes][0]! : 'dates';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^(?:[0-9a-f]{24}|[0-9a-f]{32}|[0-9a-f]{40})$/i;

/** Values that are ids: UUIDs, Mongo/Notion/SHA-1 hex ids, every one different. */
export function idShape(values: unknown[]): string | undefined {
  const shown = present(values);
  if (shown.length === 0 || new Set(shown.map(String)).size !== shown.length) return undefined;
  if (shown.every((v) => typeof v === 'string' && UUID.test(v.trim()))) return 'UUIDs';
  if (shown.every((v) => typeof v === 'string' && HEX_ID.test(v.trim()))) return 'hex ids';
  return undefined;
}

/** The last word of names that say what one thing is (`creationDeviceModel`, `region.identifier`): one value, never a list. */
const ONE_THING_WORDS = new Set(['id', 'identifier', 'uuid', 'guid', 'model', 'device', 'version', 'serial']);
/** A separator between two digits is inside one token: a model (`MacBookPro12,1`), a decimal comma (`1,5`). */
const INSIDE_NUMBER = /\d[,;|]\d/;

/**
 * Short words separated by `,` `;` or `|` in every sample (or lists of strings); never dates. A comma alone is no
 * evidence: each item needs a letter (coordinates `<-36.7,+174.7>` have none), a separator between digits is
 * part of a token, and a field named as one thing (a device model, an identifier) is not guessed to be tags.
 */
export function looksLikeTagList(values: unknown[], source = ''): boolean {
  const shown = present(values);
  if (shown.length === 0 || datesShape(shown, source)) return false;
  const words = nameWords(source.split('.').pop() ?? source);
  if (words.length && ONE_THING_WORDS.has(words[words.length - 1]!)) return false;
  // Lists that are always empty (Discord's reactions, mentions) say nothing about what they would hold.
  if (shown.every((v) => Array.isArray(v) && v.length === 0)) return false;
  return shown.every((v) => {
    if (Array.isArray(v)) return v.every((x) => typeof x === 'string');
    if (typeof v !== 'string') return false;
    if (parseLegacyDate(v) !== undefined || INSIDE_NUMBER.test(v)) return false;
    const parts = v.split(/[,;|]/).map((s) => s.trim());
    return parts.length >= 2 && parts.every((p) => p.length > 0 && p.length <= 30 && /\p{L}/u.test(p) && !/[.!?]$/.test(p) && p.split(/\s+/).length <= 3);
  });
}

/**
 * Why a field whose name says date (`pubDate`, an alias of createdAt) is not mapped there: its samples are not
 * dates parseOldDateFormat reads. `nameWhy` is the name's own reason (`alias: "pubdate" means createdAt`); the
 * result names the first sample that fails, so a person sees what to fix or which `parseDate(format)` to write.
 */
export function unreadDatesWhy(nameWhy: string, values: unknown[]): string {
  const shown = present(values);
  if (shown.some((v) => typeof v === 'boolean')) return `${nameWhy}, but its samples are true/false, not dates`;
  const bad = shown.find((v) => parseLegacyDate(v) === undefined);
  const text = bad === undefined ? '' : typeof bad === 'string' ? bad : JSON.stringify(bad);
  const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `${nameWhy}, but its samples are not dates parseOldDateFormat can read${bad === undefined ? '' : ` (${JSON.stringify(excerpt)})`}`;
}
