/**
 * The line a person would call a note's title: its first line with words in it. Markdown's block marks
 * (`#`, `>`, bullets) and backslash escapes (Day One writes `diary\.`) are no part of it; a line that is only
 * an image (Day One puts a photo first) or a code fence has no words for one; a long line is cut with "…".
 * The `firstLine` transformation and the chat presets' message titles both use it, so they agree.
 */
export const TITLE_LENGTH = 80;

const FENCE = /^\s*(```|~~~)/;
/** Images only (`![](dayone-moment://…)`), each part bounded by its own delimiter: no backtracking between them. */
const ONLY_IMAGES = /^(\s*!\[[^\]\n]*\]\([^)\n]*\))+\s*$/;
const BLOCK_MARKS = /^[#>*\-\s]+/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** At most `max` code points; a cut line ends in "…" (counted). */
export function cutTitle(line: string, max = TITLE_LENGTH): string {
  const chars = Array.from(line);
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : line;
}

/** The first line with words, as a title; '' when there is none. */
export function firstLine(text: string, max = TITLE_LENGTH): string {
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (FENCE.test(raw) || ONLY_IMAGES.test(raw)) continue;
    const line = raw.replace(BLOCK_MARKS, '').replace(ESCAPE, '$1').trim();
    if (line) return cutTitle(line, max);
  }
  return '';
}
