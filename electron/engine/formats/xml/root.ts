/**
 * Where a foreign XML document keeps its records when they are not simply the root's children (like
 * json/root.ts for JSON): `--root channel.item` / `/rss/channel/item`, or found in the document's first text.
 *
 * A path names the record elements from the root element down; the root's own name may be left out
 * (`channel.item` and `rss.channel.item` are the same records). Found in the document:
 *  - feeds and outlines, by their root: RSS 2.0 `rss/channel/item`, Atom `feed/entry`, RSS 1.0 `rdf:RDF/item`,
 *    OPML `opml/body/outline` (a feed with one item has nothing repeated, so the generic rule below cannot find it);
 *  - a root whose children all have different names (one document: a Tomboy note) is itself the one record;
 *  - otherwise the repeated child elements: under the root (or under a chain of single children of it, like
 *    RSS's `<channel>`), the one name that repeats with child elements of its own, when every other child is a
 *    plain value (the feed's or export's own title, date, version...).
 * The app's own shapes (`<data>`, `<contexts>`, `<items>`...) are never looked into: they read as they always did.
 */
import { GENERIC_SECTIONS, isRecordType } from '../../../../shared/record-type.ts';

export { describeRootPath, parseRootPath } from '../json/root.ts';

/** Where the path may match: the element's ancestors (root first) and its name. */
export function matchesRecordPath(path: readonly string[], ancestors: readonly string[], name: string): boolean {
  if (path.length === 0 || path[path.length - 1] !== name) return false;
  const same = (from: number) => ancestors.length - from === path.length - 1 && path.every((p, i) => i === path.length - 1 || p === ancestors[from + i]);
  return same(0) || (ancestors.length > 0 && same(1));
}

interface ChildStats {
  count: number;
  /** Some element of this name had child elements. */
  complex: boolean;
}

/** How deep the head is looked into: the root, its children, and two levels of single-child wrappers. */
const MAX_SHAPE_DEPTH = 4;
const FEEDS: Record<string, string[]> = {
  rss: ['rss', 'channel', 'item'],
  feed: ['feed', 'entry'],
  'rdf:RDF': ['rdf:RDF', 'item'],
  // An outline's records are its outlines at any depth (xml/outlines.ts: folders give their path); its <head> is not one.
  opml: ['opml', 'body', 'outline'],
};
const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/**
 * The path of the record elements, judged from `head` (the document's first text), or undefined when the
 * records are the root's children (or its sections') as the splitter reads them without a path.
 */
export function findXmlRecordsPath(head: string): string[] | undefined {
  const stats = new Map<string, Map<string, ChildStats>>();
  const stack: string[] = [];
  let rootName: string | undefined;
  let rootTag = '';
  for (const { whole, closing, name, selfClosing } of elementTags(head)) {
    if (closing) {
      stack.pop();
      continue;
    }
    if (rootName === undefined) {
      rootName = name!;
      rootTag = whole;
      // The app's own shapes: nothing to look for (and no need to read the rest of the head).
      if (!Object.hasOwn(FEEDS, rootName) && (isRecordType(rootName) || GENERIC_SECTIONS.has(rootName))) return undefined;
    }
    if (stack.length > 0 && stack.length <= MAX_SHAPE_DEPTH) {
      const parentKey = stack.join('/');
      // The parent has child elements: it is complex in its own parent's stats.
      if (stack.length > 1) {
        const grand = stats.get(stack.slice(0, -1).join('/'));
        const own = grand?.get(stack[stack.length - 1]!);
        if (own) own.complex = true;
      }
      let children = stats.get(parentKey);
      if (!children) stats.set(parentKey, (children = new Map()));
      const child = children.get(name!) ?? { count: 0, complex: false };
      child.count++;
      children.set(name!, child);
    }
    if (!selfClosing) stack.push(name!);
  }
  if (rootName === undefined) return undefined;
  const feed = Object.hasOwn(FEEDS, rootName) ? FEEDS[rootName] : undefined;
  if (feed && (rootName !== 'feed' || rootTag.includes(ATOM_NAMESPACE) || stats.get('feed')?.has('entry'))) return feed;
  let path = [rootName];
  while (path.length <= MAX_SHAPE_DEPTH) {
    const children = [...(stats.get(path.join('/')) ?? new Map<string, ChildStats>()).entries()];
    const repeated = children.filter(([, c]) => c.count >= 2 && c.complex);
    const others = children.filter(([, c]) => !(c.count >= 2 && c.complex));
    if (repeated.length === 1 && others.every(([, c]) => !c.complex)) {
      // Under the root with nothing else, they are the root's children: read as before, nothing to say.
      return path.length === 1 && others.length === 0 ? undefined : [...path, repeated[0]![0]];
    }
    // A document of fields (a Tomboy `.note`: title, text, dates), no name repeated: the root is one record, as a
    // JSON object is; its children each a record would be fields lost in empty records.
    const single = children.length === 1 && children[0]![1].count === 1 && children[0]![1].complex;
    if (path.length === 1 && children.length > 0 && !single && children.every(([, c]) => c.count === 1)) return path;
    // Else look into a single wrapper (RSS's `<channel>`), never into one of several elements.
    if (children.length !== 1) return undefined;
    const [name, only] = children[0]!;
    if (only.count !== 1 || !only.complex) return undefined;
    path = [...path, name];
  }
  return undefined;
}

interface ElementTag {
  whole: string;
  closing: boolean;
  name: string;
  selfClosing: boolean;
}

/**
 * The element tags of `text`, in order, skipping comments, CDATA, instructions and declarations (a DOCTYPE),
 * which say nothing about the shape and may hold `<`. A scan with indexOf rather than regular expressions:
 * those were polynomial on a head of unclosed comments or quotes (test/security/regex-audit.test.ts).
 */
function* elementTags(text: string): Generator<ElementTag> {
  const skipTo = (from: number, end: string) => {
    const at = text.indexOf(end, from);
    return at < 0 ? text.length : at + end.length;
  };
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    let next = i + 1;
    if (text.startsWith('<!--', i)) next = skipTo(i + 4, '-->');
    else if (text.startsWith('<![CDATA[', i)) next = skipTo(i + 9, ']]>');
    else if (text.startsWith('<?', i)) next = skipTo(i + 2, '?>');
    else if (text.startsWith('<!', i)) next = skipTo(i + 2, '>');
    else {
      const tag = readTag(text, i);
      if (tag) {
        yield tag;
        next = i + tag.whole.length;
      }
    }
    i = text.indexOf('<', next);
  }
}

/** The tag starting at `text[at]` (a `<`), or undefined where none is complete there. */
function readTag(text: string, at: number): ElementTag | undefined {
  let k = at + 1;
  const closing = text[k] === '/';
  if (closing) k++;
  const nameStart = k;
  while (k < text.length && !/[\s/>]/.test(text[k]!)) k++;
  if (k === nameStart) return undefined;
  const name = text.slice(nameStart, k);
  while (k < text.length) {
    const c = text[k]!;
    if (c === '>') {
      const selfClosing = text[k - 1] === '/';
      return { whole: text.slice(at, k + 1), closing, name, selfClosing };
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, k + 1);
      if (end < 0) return undefined;
      k = end + 1;
    } else k++;
  }
  return undefined;
}
