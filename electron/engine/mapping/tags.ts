/**
 * The one rule for tags (issue 14): whatever source field ends up in a context's `tags` (a CSV column named
 * `tags`, `Labels` mapped to tags, a JSON string), a string there is split in the mapping step, never by a
 * reader that guessed from the column's name. An explicit `splitAndTrim(sep)` runs first and wins; what is
 * still a string afterwards is split on the separator its own text uses (`,` `;` or `|`, the most frequent,
 * in that order on a tie). A JSON array written as text (`["a","b"]`) is read as that list.
 */
import { isPlainObject } from './paths.ts';

export const TAG_SEPARATORS = [',', ';', '|'] as const;

/** The separator a tag list written as text uses, if any. */
export function tagSeparator(text: string): (typeof TAG_SEPARATORS)[number] | undefined {
  let best: (typeof TAG_SEPARATORS)[number] | undefined;
  let most = 0;
  for (const sep of TAG_SEPARATORS) {
    const count = text.split(sep).length - 1;
    if (count > most) {
      best = sep;
      most = count;
    }
  }
  return best;
}

/** The separator most of these sample values use (what a suggestion proposes for a column). */
export function samplesSeparator(values: unknown[]): (typeof TAG_SEPARATORS)[number] | undefined {
  const votes = new Map<string, number>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const sep = tagSeparator(v);
    if (sep) votes.set(sep, (votes.get(sep) ?? 0) + 1);
  }
  let best: (typeof TAG_SEPARATORS)[number] | undefined;
  for (const sep of TAG_SEPARATORS) if ((votes.get(sep) ?? 0) > (best ? votes.get(best)! : 0)) best = sep;
  return best;
}

/** A tag list written as text, as a list: trimmed, empty items dropped. */
export function splitTagText(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parsed = JSON.parse(t) as unknown;
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
    } catch {
      /* not JSON: a list that happens to start with "[" */
    }
  }
  const sep = tagSeparator(t);
  const parts = sep ? t.split(sep) : [t];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Applies the rule to a mapped context in place: a string in `tags` becomes a list. */
export function splitTagsField(record: unknown): void {
  if (isPlainObject(record) && typeof record.tags === 'string') record.tags = splitTagText(record.tags);
}
