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
/** Headings and quotes; then a list item's mark and a task's box, each with the space after it (`-5 °C` keeps its minus). */
const BLOCK_MARKS = /^[#>\s]+/;
// An ordered item's number is short: `2023. What a year` starts with a year, not a list mark.
const LIST_MARK = /^(?:[-*+]|\d{1,3}[.)])\s+/;
const TASK_BOX = /^\[[ xX]\]\s+/;
/** Emphasis that comes in pairs; scanned with indexOf, not a pattern, so a long line costs one pass per mark. */
const PAIRED_MARKS = ['**', '__', '~~', '`'];
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
    // A title is its first 80 characters: the first few thousand of a long line hold them, marks and all.
    const head = raw.length > Math.max(4096, max * 4) ? raw.slice(0, Math.max(4096, max * 4)) : raw;
    const line = withoutEmphasis(head.replace(BLOCK_MARKS, '').replace(LIST_MARK, '').replace(TASK_BOX, '')).replace(ESCAPE, '$1').trim();
    if (line) return cutTitle(line, max);
  }
  return '';
}

/**
 * `**Bold** and *this*` → `Bold and this`: each pair of marks around words goes; a lone mark (`2 * 3`) stays.
 * Called on a line's first few thousand characters (firstLine), as each pair costs a pass over the line.
 */
export function withoutEmphasis(line: string): string {
  let out = line;
  for (const mark of PAIRED_MARKS) {
    let from = 0;
    for (;;) {
      const open = out.indexOf(mark, from);
      if (open < 0) break;
      const close = out.indexOf(mark, open + mark.length);
      if (close < 0) break;
      // Underscores inside a word are the word's (`__init__`, `snake_case`): only a pair that opens and closes it goes.
      const bounded = mark !== '__' || ((open === 0 || !/\w/.test(out[open - 1]!)) && (close + 2 >= out.length || !/\w/.test(out[close + 2]!)));
      // `__init__` is a name, not emphasis: one word between double underscores stays as written.
      const name = mark === '__' && /^\w+$/.test(out.slice(open + 2, close));
      if (close > open + mark.length && bounded && !name) {
        out = out.slice(0, open) + out.slice(open + mark.length, close) + out.slice(close + mark.length);
        from = close - mark.length;
      } else from = close + mark.length;
    }
  }
  // A single `*` pair: opened before a word (at the start or after a blank) and closed after one.
  let from = 0;
  for (;;) {
    const open = out.indexOf('*', from);
    if (open < 0) break;
    const close = out.indexOf('*', open + 1);
    if (close < 0) break;
    const opens = (open === 0 || /[\s(]/.test(out[open - 1]!)) && /\S/.test(out[open + 1] ?? '');
    const closes = /\S/.test(out[close - 1]!) && (close === out.length - 1 || /[\s.,;:!?)]/.test(out[close + 1]!));
    if (opens && closes && close > open + 1) {
      out = out.slice(0, open) + out.slice(open + 1, close) + out.slice(close + 1);
      from = close - 1;
    } else from = open + 1;
  }
  return out;
}
