/**
 * How two field names are compared everywhere (suggestions in the engine, the mapping editor's lookups in the
 * renderer): case, spaces, punctuation, camelCase and snake_case do not matter. One function, so the editor
 * and the engine never disagree on whether `Created (UTC)` and `created_utc` are the same name.
 */

/** "legacy_Created-At", "createdAt", "CREATED AT" -> ["legacy", "created", "at"]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ') // "HTMLParser": linear, unlike ([A-Z]+)([A-Z][a-z])
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The comparable form of a field name: its words, joined ("Created At" -> "createdat"). */
export function normaliseName(name: string): string {
  return nameWords(name).join('');
}
