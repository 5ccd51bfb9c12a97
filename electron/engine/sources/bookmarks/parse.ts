/**
 * The Netscape bookmark file as its writers write it: `<DT><H3>` opens a folder whose `<DL>` holds its links,
 * `</DL>` closes it; `<DT><A HREF …>text</A>` is a link, and a `<DD>` right after it (or after a folder) its
 * description, up to the next tag that starts something. Tags are matched case-insensitively, unclosed ones
 * (`<DT>`, `<p>`) are fine, attribute values may be quoted either way or not at all, entities are decoded.
 * One pass over the text, no backtracking.
 */
import { decodeHTML as decodeEntities, decodeHTMLAttribute } from 'entities';
export interface Bookmark {
  href?: string;
  title: string;
  description?: string;
  /** The folders it is in, outermost first. */
  folders: string[];
  /** Its `<A>` attributes, names lower-cased. */
  attributes: Record<string, string>;
  /** 1-based line of its `<A>`. */
  line: number;
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
function attributesOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) out[m[1]!.toLowerCase()] = decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** The text between two tags: markup inside it (a description's `<br>`, `<p>`) is a space, entities decoded. */
const clean = (text: string) =>
  decodeEntities(text.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

export function parseBookmarkFile(text: string): Bookmark[] {
  const out: Bookmark[] = [];
  const folders: (string | undefined)[] = [];
  let pendingFolder: string | undefined;
  /** Where text goes: the open <A>'s title, the open <H3>'s name, or a <DD>'s description. */
  let open: { kind: 'a'; bookmark: Bookmark; from: number } | { kind: 'h3'; from: number } | { kind: 'dd'; bookmark?: Bookmark; from: number } | undefined;
  let last: Bookmark | undefined;
  let lineAt = 0;
  let line = 1;
  const lineOf = (index: number) => {
    for (let i = lineAt; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    lineAt = Math.max(lineAt, index);
    return line;
  };
  const closeDescription = (end: number) => {
    if (open?.kind === 'dd') {
      const description = clean(text.slice(open.from, end));
      if (open.bookmark && description) open.bookmark.description = description;
      open = undefined;
    }
  };
  for (const m of text.matchAll(TAG)) {
    const closing = m[1] === '/';
    const name = m[2]!.toUpperCase();
    const start = m.index!;
    const after = start + m[0].length;
    if (name === 'A' && !closing) {
      closeDescription(start);
      const attributes = attributesOf(m[3] ?? '');
      const bookmark: Bookmark = {
        href: attributes.href?.trim() || undefined,
        title: '',
        folders: folders.filter((f): f is string => !!f),
        attributes,
        line: lineOf(start),
      };
      out.push(bookmark);
      open = { kind: 'a', bookmark, from: after };
    } else if (name === 'A' && closing && open?.kind === 'a') {
      open.bookmark.title = clean(text.slice(open.from, start));
      last = open.bookmark;
      open = undefined;
    } else if (name === 'H3' && !closing) {
      closeDescription(start);
      open = { kind: 'h3', from: after };
      last = undefined;
    } else if (name === 'H3' && closing && open?.kind === 'h3') {
      pendingFolder = clean(text.slice(open.from, start)) || 'Untitled folder';
      open = undefined;
    } else if (name === 'DD' && !closing) {
      closeDescription(start);
      open = { kind: 'dd', bookmark: last, from: after };
    } else if (name === 'DL') {
      closeDescription(start);
      if (closing) folders.pop();
      else folders.push(pendingFolder);
      pendingFolder = undefined;
      last = undefined;
    } else if (name === 'DT' && !closing) {
      closeDescription(start);
      last = open?.kind === 'a' ? open.bookmark : last;
    }
  }
  closeDescription(text.length);
  return out;
}
