/**
 * The Netscape bookmark file as its writers write it: `<DT><H3>` opens a folder whose `<DL>` holds its links,
 * `</DL>` closes it; `<DT><A HREF …>text</A>` is a link, and a `<DD>` right after it its description, up to the
 * next tag that starts something. Tags are matched case-insensitively, unclosed ones (`<DT>`, `<p>`) are fine,
 * attribute values may be quoted either way or not at all, entities are decoded; other markup inside a title or
 * a description (`<br>`) is a space.
 * The tokenizer scans with indexOf and never looks at a character twice: no regex over the whole file, so a
 * hostile file of `<<<<` stays linear.
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

type Token = { kind: 'text'; text: string } | { kind: 'tag'; name: string; closing: boolean; inside: string; at: number };

const isNameStart = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** Text and tags in order. A `<` that no `>` closes before the next `<` is text. */
function* tokens(text: string): Generator<Token> {
  let pos = 0;
  let gt = -1;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (gt < lt) gt = text.indexOf('>', lt + 1);
    if (gt < 0) break;
    const next = text.indexOf('<', lt + 1);
    if (next >= 0 && next < gt) {
      // `a < b <p>`: the first `<` opens nothing.
      yield { kind: 'text', text: text.slice(pos, next) };
      pos = next;
      continue;
    }
    if (lt > pos) yield { kind: 'text', text: text.slice(pos, lt) };
    const closing = text[lt + 1] === '/';
    let i = lt + (closing ? 2 : 1);
    if (!isNameStart(text[i])) {
      // `<!DOCTYPE …>`, `<!-- … -->` (one without '<' inside), `< p>`: no element.
      pos = gt + 1;
      continue;
    }
    const nameStart = i;
    while (i < gt && /^[A-Za-z0-9]$/.test(text[i]!)) i++;
    yield { kind: 'tag', name: text.slice(nameStart, i).toUpperCase(), closing, inside: text.slice(i, gt), at: lt };
    pos = gt + 1;
  }
  if (pos < text.length) yield { kind: 'text', text: text.slice(pos) };
}

const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attributesOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) out[m[1]!.toLowerCase()] = decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

const clean = (pieces: string[]) => decodeEntities(pieces.join(' ')).replace(/\s+/g, ' ').trim();

export function parseBookmarkFile(text: string): Bookmark[] {
  const out: Bookmark[] = [];
  const folders: (string | undefined)[] = [];
  let pendingFolder: string | undefined;
  /** Where text goes: the open <A>'s title, the open <H3>'s name, or a <DD>'s description. */
  let open: { kind: 'a' | 'h3' | 'dd'; bookmark?: Bookmark; pieces: string[] } | undefined;
  let last: Bookmark | undefined;
  let lineAt = 0;
  let line = 1;
  const lineOf = (index: number) => {
    for (let i = lineAt; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    lineAt = Math.max(lineAt, index);
    return line;
  };
  const closeDescription = () => {
    if (open?.kind !== 'dd') return;
    const description = clean(open.pieces);
    if (open.bookmark && description) open.bookmark.description = description;
    open = undefined;
  };
  for (const t of tokens(text)) {
    if (t.kind === 'text') {
      open?.pieces.push(t.text);
      continue;
    }
    const { name, closing } = t;
    if (name === 'A' && !closing) {
      closeDescription();
      const attributes = attributesOf(t.inside);
      const bookmark: Bookmark = {
        href: attributes.href?.trim() || undefined,
        title: '',
        folders: folders.filter((f): f is string => !!f),
        attributes,
        line: lineOf(t.at),
      };
      out.push(bookmark);
      open = { kind: 'a', bookmark, pieces: [] };
    } else if (name === 'A' && closing && open?.kind === 'a') {
      open.bookmark!.title = clean(open.pieces);
      last = open.bookmark;
      open = undefined;
    } else if (name === 'H3' && !closing) {
      closeDescription();
      open = { kind: 'h3', pieces: [] };
      last = undefined;
    } else if (name === 'H3' && closing && open?.kind === 'h3') {
      pendingFolder = clean(open.pieces) || 'Untitled folder';
      open = undefined;
    } else if (name === 'DD' && !closing) {
      closeDescription();
      open = { kind: 'dd', bookmark: last, pieces: [] };
    } else if (name === 'DL') {
      closeDescription();
      if (closing) folders.pop();
      else folders.push(pendingFolder);
      pendingFolder = undefined;
      last = undefined;
    } else if (name === 'DT' && !closing) {
      closeDescription();
    } else {
      // Other markup inside a title or a description (`<br>`, `<p>`): a word break.
      open?.pieces.push(' ');
    }
  }
  closeDescription();
  return out;
}
