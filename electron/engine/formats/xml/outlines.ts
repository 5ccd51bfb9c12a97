/**
 * OPML outlines (`opml/body/outline`): a subscription list keeps most of its feeds in folder outlines
 * (`<outline text="Tech"><outline type="rss" xmlUrl="…"/></outline>`), so every outline at any depth is a
 * record, with the path of the outlines it sits in as `folder` ("Tech", "Tech/Rust"). An outline that holds
 * outlines and says nothing but its name (text, title, type, isOpen) is only a folder; one that says more
 * (a feed URL, a note, other elements) is a record too, its children still records of their own.
 */
import type { XmlElement, XmlNode } from './values.ts';
import { childElements, elementOf } from './values.ts';
import { decodeEntities, normaliseAttribute } from './escape.ts';

/** The OPML records' path, root included, as the splitter reports it. */
export const OPML_OUTLINES = 'opml/body/outline';

/** The attributes a folder outline has for its name and display; any other makes it a record too. */
const FOLDER_ATTRIBUTES = new Set(['text', 'title', 'type', 'isOpen']);

export interface OutlineRecord {
  /** The outline without its child outlines: the record's fields. */
  element: XmlElement;
  /** The names of the outlines it sits in, outermost first (empty at the top level). */
  folder: string[];
  /** Its place among the piece's `<outline>` tags, in document order (for its line). */
  order: number;
}

const isOutline = (node: XmlNode) => elementOf(node)?.name === 'outline';

/** The records of one top-level outline element, in document order. */
export function outlineRecords(top: XmlElement): OutlineRecord[] {
  const out: OutlineRecord[] = [];
  let order = 0;
  const visit = (element: XmlElement, folder: string[]) => {
    const own = order++;
    const inner = childElements(element).filter((c) => c.name === 'outline');
    const rest = element.children.filter((c) => !isOutline(c));
    const saysMore =
      Object.keys(element.attrs).some((a) => !FOLDER_ATTRIBUTES.has(a)) ||
      rest.some((c) => elementOf(c) !== undefined || '#cdata' in c || String(c['#text'] ?? '').trim() !== '');
    if (inner.length === 0 || saysMore) out.push({ element: { ...element, children: rest }, folder, order: own });
    const raw = element.attrs.text ?? element.attrs.title;
    const name = raw === undefined ? '' : decodeEntities(normaliseAttribute(raw)).trim();
    for (const child of inner) visit(child, name ? [...folder, name] : folder);
  };
  visit(top, []);
  return out;
}

/** The line of each `<outline` tag of a piece that starts on `line`, in document order. */
export function outlineLines(text: string, line: number): number[] {
  const lines: number[] = [];
  let at = 0;
  let current = line;
  for (let i = text.indexOf('<outline', 0); i !== -1; i = text.indexOf('<outline', i + 1)) {
    const after = text[i + 8];
    if (after !== undefined && !/[\s/>]/.test(after)) continue;
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < i; nl = text.indexOf('\n', nl + 1)) current++;
    at = i;
    lines.push(current);
  }
  return lines;
}
