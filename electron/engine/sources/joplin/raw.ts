/**
 * One item of Joplin's RAW format (what a JEX holds, and what Joplin syncs): `<id>.md`, the title on the first line,
 * a blank line, the body (notes only), a blank line, then a `key: value` trailer ending in `type_: N`. Read as Joplin
 * reads it: the trailer from the last line up to the first blank line; what is above is the title and the body.
 * Trailer values escape their line breaks (`\n`, and `\\n` for a backslash and n); the body is as written.
 */

export interface RawItem {
  id: string;
  type: number;
  title: string;
  body: string;
  props: Record<string, string>;
}

export const JOPLIN_ID = /^[0-9a-f]{32}$/;
const KEY = /^[a-z_][a-z0-9_]*$/;

/** The item in a file's text, or undefined when the text is not one (no trailer, no `id` of 32 hex, no `type_`). */
export function parseRawItem(text: string): RawItem | undefined {
  const lines = withoutFinalBreaks(text.replace(/^\uFEFF/, '')).split('\n');
  const props: Record<string, string> = {};
  let i = lines.length - 1;
  for (; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon < 0) return undefined;
    const key = line.slice(0, colon).trim();
    if (!KEY.test(key)) return undefined;
    props[key] = unescapeValue(line.slice(colon + 1).trim());
  }
  const id = props.id;
  const type = Number(props.type_);
  if (!id || !JOPLIN_ID.test(id) || !/^\d+$/.test(props.type_ ?? '')) return undefined;
  const above = i > 0 ? lines.slice(0, i) : [];
  const title = (above[0] ?? '').replace(/\r$/, '').trim();
  // The title line and the blank line after it; what remains is the body (its last line break belongs to the blank).
  const body = above.slice(2).join('\n').replace(/\r$/, '');
  return { id, type, title, body, props };
}

/** The text without its final line breaks (a loop: `/[\r\n]+$/` is quadratic on a long run of them). */
function withoutFinalBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return text.slice(0, end);
}

/** `\n` is a line break, `\\n` a backslash and an n (Joplin's serialize_format), likewise `\r`. */
function unescapeValue(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\\\([nr])|\\([nr])/g, (_m, literal: string | undefined, escaped: string | undefined) =>
    literal ? `\\${literal}` : escaped === 'n' ? '\n' : '\r',
  );
}

/** Joplin's item types (BaseModel.TYPE_*), for the counts of what is not imported. */
export const ITEM_TYPES: Record<number, string> = {
  1: 'note',
  2: 'notebook',
  3: 'setting',
  4: 'resource',
  5: 'tag',
  6: 'note tag',
  7: 'search',
  8: 'alarm',
  9: 'master key',
  10: 'item change',
  11: 'note resource',
  12: 'resource local state',
  13: 'revision',
  14: 'migration',
  15: 'smart filter',
  16: 'command',
};
