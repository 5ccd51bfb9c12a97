/**
 * What of a note is not code, as CommonMark reads it: fenced and indented code blocks and code spans are taken out,
 * so that `#words` in them are not read as tags. A line scan that knows just enough block structure for that:
 * paragraphs (an indented line continues one, lazily too), list items (their content indent, so an item's
 * paragraph is no code), block quotes (their `>` markers), fences, headings and thematic breaks. HTML blocks,
 * autolinks and link reference definitions are read as text, as before.
 *
 * Not marked (the renderer's parser): measured on notes a crafted vault could hold, its lexer is quadratic on
 * lazy block-quote lines (300 KB: 15 s), overflows the stack on deep quotes (`> > > …`), runs out of memory on
 * deep lists, and its inline pass is quadratic on `*a_*a_…` (24 KB: 5.6 s). This scan is linear in the note.
 */

/** The lines of `body` outside code, code spans removed; a code line becomes an empty one. */
export function proseLines(body: string): string[] {
  const out: string[] = [];
  /** Content indents (columns) of the open list items, outermost first. */
  const items: number[] = [];
  let fence: { char: string; length: number; indent: number } | undefined;
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) out.push(...withoutCodeSpans(paragraph.join('\n')).split('\n'));
    paragraph = [];
  };

  for (const raw of body.split(/\r?\n/)) {
    const line = raw.slice(afterQuoteMarkers(raw));
    const { columns: indent, at } = indentOf(line, 0);
    const blank = at === line.length;
    if (fence) {
      // A list item the line is not indented into has ended, and the fence in it with it.
      if (blank || indent >= fence.indent) {
        if (!blank && indent - fence.indent <= 3 && closesFence(line, at, fence)) fence = undefined;
        out.push('');
        continue;
      }
      fence = undefined;
    }
    if (blank) {
      endParagraph();
      out.push('');
      continue;
    }
    let content = line.slice(at);
    const marker = listMarker(content);
    const startsBlock = marker !== undefined || isFence(content) || isHeading(content) || isThematicBreak(content) || /^ {0,3}>/.test(raw);
    // A line less indented than an item's content ends the item, unless it lazily continues the item's paragraph.
    const lazy = paragraph.length > 0 && !startsBlock;
    if (!lazy) while (items.length && indent < items[items.length - 1]!) items.pop();
    const base = items[items.length - 1] ?? 0;
    if (indent - base >= 4) {
      if (paragraph.length)
        paragraph.push(content); // an indented line continues a paragraph: no code
      else out.push(''); // an indented code block
      continue;
    }
    if (isThematicBreak(content)) {
      endParagraph();
      out.push('');
      continue;
    }
    let contentIndent = base;
    if (marker) {
      endParagraph();
      const rest = indentOf(content, marker.length);
      // Content starts after the marker and its blanks; after five or more, one blank (the rest is indented code).
      const gap = rest.columns - marker.length;
      contentIndent = indent + marker.length + (rest.at === content.length || gap > 4 ? 1 : gap);
      items.push(contentIndent);
      content = content.slice(rest.at);
      if (content === '') continue;
    }
    const open = isFence(content);
    if (open) {
      endParagraph();
      fence = { char: open[0]!, length: open.length, indent: contentIndent };
      out.push('');
      continue;
    }
    if (isHeading(content)) {
      endParagraph();
      out.push(withoutCodeSpans(content));
      continue;
    }
    paragraph.push(content);
  }
  endParagraph();
  return out;
}

/**
 * `text` without its code spans: a run of backticks opens one, the next run of exactly as many closes it, line
 * endings included; a run with no such closer is literal backticks. A backslash escapes a backtick outside a code
 * span only. Linear: the runs of each length are kept in order, with how far the search for a closer has got.
 */
export function withoutCodeSpans(text: string): string {
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    let j = i;
    while (text[j] === '`') j++;
    starts.push(i);
    lengths.push(j - i);
    i = j;
  }
  if (starts.length === 0) return text;
  const runsOfLength = new Map<number, number[]>();
  for (let r = 0; r < starts.length; r++) {
    const list = runsOfLength.get(lengths[r]!);
    if (list) list.push(r);
    else runsOfLength.set(lengths[r]!, [r]);
  }
  const searched = new Map<number, number>();
  let out = '';
  let from = 0;
  for (let r = 0; r < starts.length; r++) {
    let start = starts[r]!;
    let length = lengths[r]!;
    if (escaped(text, start, from)) {
      start++;
      length--;
      if (length === 0) continue;
    }
    const closers = runsOfLength.get(length) ?? [];
    let k = searched.get(length) ?? 0;
    while (k < closers.length && closers[k]! <= r) k++;
    searched.set(length, k);
    if (k === closers.length) continue; // no closer: literal backticks
    const close = closers[k]!;
    out += text.slice(from, start);
    from = starts[close]! + lengths[close]!;
    r = close;
  }
  return out + text.slice(from);
}

/** An odd number of backslashes (after `from`) right before `at`. */
function escaped(text: string, at: number, from: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= from && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Where a line's text starts after its block-quote markers (`>`, `> >`), each after up to 3 spaces. */
function afterQuoteMarkers(line: string): number {
  let at = 0;
  for (;;) {
    let i = at;
    while (i - at < 3 && line[i] === ' ') i++;
    if (line[i] !== '>') return at;
    at = line[i + 1] === ' ' ? i + 2 : i + 1;
  }
}

/** Leading blanks from `from`: the column they reach (a tab to the next multiple of 4) and where the text starts. */
function indentOf(line: string, from: number): { columns: number; at: number } {
  let columns = from;
  let at = from;
  for (; at < line.length; at++) {
    if (line[at] === ' ') columns++;
    else if (line[at] === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, at };
}

/** `- `, `* `, `+ `, `1. `, `1) ` (or the marker alone on its line): the marker, else undefined. */
function listMarker(content: string): string | undefined {
  const m = /^(?:[-+*]|\d{1,9}[.)])/.exec(content);
  if (!m) return undefined;
  const after = content[m[0].length];
  return after === undefined || after === ' ' || after === '\t' ? m[0] : undefined;
}

/** A fence opener's run (three or more backticks or tildes; a backtick fence's info string has no backtick). */
function isFence(content: string): string | undefined {
  const run = /^(?:`{3,}|~{3,})/.exec(content)?.[0];
  if (!run) return undefined;
  return run[0] === '`' && content.indexOf('`', run.length) >= 0 ? undefined : run;
}

function closesFence(line: string, at: number, fence: { char: string; length: number }): boolean {
  let end = at;
  while (line[end] === fence.char) end++;
  return end - at >= fence.length && line.slice(end).trim() === '';
}

const isHeading = (content: string) => /^#{1,6}(?:[ \t]|$)/.test(content);

/** `---`, `* * *`, `___`: three or more of one of `-*_`, blanks between. */
function isThematicBreak(content: string): boolean {
  const c = content[0];
  if (c !== '-' && c !== '*' && c !== '_') return false;
  let count = 0;
  for (const ch of content) {
    if (ch === c) count++;
    else if (ch !== ' ' && ch !== '\t') return false;
  }
  return count >= 3;
}
