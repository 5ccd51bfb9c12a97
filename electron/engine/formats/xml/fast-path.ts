/**
 * A strict fast path for one record element in the shape the app's XML writer emits (index.ts recordToXml,
 * values.ts valueToXml): child elements with plain names, only the attributes the writer uses (`type`, `esc`,
 * and `key` on `<entry>`, double-quoted), text with the five predefined entities and character references,
 * nothing else between elements but white space.
 *
 * Why: validating each record with XMLValidator, parsing it with fast-xml-parser into its preserveOrder tree
 * and walking that tree (values.ts) was about two thirds of import XML's CPU time; this reads the record's
 * text straight into values, in one pass and without the intermediate tree.
 *
 * It never decides anything the library path would decide differently. Whatever it is not sure of — CDATA,
 * comments, processing instructions, a raw CR, other attributes or quoting, attributes on the record element,
 * names the library guards or renames, text mixed with elements, types other than the writer's, deep nesting,
 * tags with child elements, any entity decodeEntities refuses — makes it throw UNSURE (or decodeEntities' own
 * error), and index.ts reads that record by the library path, which gives the same value or its own error. So
 * the safety rules of index.ts hold on both paths: no DOCTYPE reaches either (the splitter refuses it), no
 * entity is expanded here (only escape.ts' decodeEntities), depth is bounded (MAX_FAST_DEPTH, well below
 * values.ts' limit: deeper is the library's to read and refuse), and every key is set with defineField.
 * test/formats/xml-fast-path.test.ts checks both paths give the same records on awkward inputs.
 */
import { defineField } from '../../../../shared/define-field.ts';
import { decodeEntities, normaliseAttribute, undoEscapeScheme } from './escape.ts';
import { addChildValue, isPlainElementName } from './values.ts';
import { OBJECT_FIELDS } from '../fields.ts';
import { UNSURE, unsure } from '../fast-path-fallback.ts';

export { UNSURE };

/** The writer's `type` values; anything else is read by the library path. */
const TYPES = new Set(['null', 'number', 'boolean', 'array', 'object', 'string']);
const MAX_FAST_DEPTH = 50;

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const SPACE = 32;
const EQUALS = 61;

/** Names already checked with isPlainElementName (records repeat the same few; bounded for foreign files). */
const plainNames = new Set<string>();

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === 10 || c === 9;
}

/** The scanner's state for the record being read (one record at a time, never re-entered). */
let src = '';
let pos = 0;
/** What the last parsed element was, for recordOf's rules on tags and object fields. */
let tagName = '';
let tagType: string | undefined;
let tagEsc = false;
let tagKeyRaw: string | undefined;
let tagEmpty = false;
let lastLeaf = false;
let lastText = '';

/** Reads `<name attr="v"...>` or `.../>` at pos (which is at `<`); sets the tag* state. */
function openTag(): void {
  let i = pos + 1;
  const start = i;
  while (isNameChar(src.charCodeAt(i))) i++;
  if (i === start) unsure();
  const name = src.slice(start, i);
  if (!plainNames.has(name)) {
    if (!isPlainElementName(name)) unsure();
    if (plainNames.size < 1000) plainNames.add(name);
  }
  tagName = name;
  tagType = undefined;
  tagEsc = false;
  tagKeyRaw = undefined;
  let c = src.charCodeAt(i);
  while (c === SPACE) {
    const attrStart = ++i;
    while (isNameChar(src.charCodeAt(i))) i++;
    const attr = src.slice(attrStart, i);
    if (src.charCodeAt(i) !== EQUALS || src.charCodeAt(i + 1) !== QUOTE) unsure();
    const valueStart = i + 2;
    const close = src.indexOf('"', valueStart);
    if (close === -1) unsure();
    const value = src.slice(valueStart, close);
    if (value.includes('<') || value.includes('>')) unsure();
    if (attr === 'type') {
      if (tagType !== undefined || !TYPES.has(value)) unsure();
      tagType = value;
    } else if (attr === 'esc') {
      if (tagEsc || value !== '1') unsure();
      tagEsc = true;
    } else if (attr === 'key' && name === 'entry') {
      if (tagKeyRaw !== undefined) unsure();
      tagKeyRaw = value;
    } else unsure();
    i = close + 1;
    c = src.charCodeAt(i);
  }
  if (c === GT) {
    tagEmpty = false;
    pos = i + 1;
  } else if (c === SLASH && src.charCodeAt(i + 1) === GT) {
    tagEmpty = true;
    pos = i + 2;
  } else unsure();
}

/** Skips white space; what follows must be a tag. */
function skipSpace(): void {
  const lt = src.indexOf('<', pos);
  if (lt === -1) unsure();
  for (let i = pos; i < lt; i++) if (!isSpace(src.charCodeAt(i))) unsure();
  pos = lt;
}

/** At `</`: the closing tag of `name`, exactly as the writer writes it. */
function closeTag(name: string): void {
  if (!src.startsWith(name, pos + 2) || src.charCodeAt(pos + 2 + name.length) !== GT) unsure();
  pos += name.length + 3;
}

function atClose(): boolean {
  return src.charCodeAt(pos + 1) === SLASH;
}

function atMarkup(): boolean {
  const c = src.charCodeAt(pos + 1);
  return c === 33 || c === 63; // `<!` (comment, CDATA) or `<?`
}

/** values.ts textOf for an element whose only child is this raw text. */
function textValue(raw: string, esc: boolean): string {
  const text = decodeEntities(raw);
  return esc ? undoEscapeScheme(text) : text;
}

/** values.ts keyOf. */
function keyValue(name: string, keyRaw: string | undefined, esc: boolean): string {
  if (name !== 'entry' || keyRaw === undefined) return name;
  const key = decodeEntities(normaliseAttribute(keyRaw));
  return esc ? undoEscapeScheme(key) : key;
}

/**
 * One element at pos, its open tag already read (the tag* state): its value as values.ts elementValue reads
 * it. Sets lastLeaf / lastText (textOf, for a leaf) for recordOf.
 */
function elementBody(depth: number): unknown {
  if (depth > MAX_FAST_DEPTH) unsure();
  const name = tagName;
  const type = tagType;
  const esc = tagEsc;
  let text = '';
  if (!tagEmpty) {
    const lt = src.indexOf('<', pos);
    if (lt === -1) unsure();
    const raw = src.slice(pos, lt);
    pos = lt;
    if (atClose()) {
      closeTag(name);
      text = textValue(raw, esc);
    } else {
      if (atMarkup()) unsure();
      // Child elements: only white space around them, and only types that read children.
      for (let i = 0; i < raw.length; i++) if (!isSpace(raw.charCodeAt(i))) unsure();
      lastLeaf = false;
      if (type === 'array') {
        const list: unknown[] = [];
        while (!atClose()) {
          if (atMarkup()) unsure();
          openTag();
          list.push(elementBody(depth + 1));
          skipSpace();
        }
        closeTag(name);
        lastLeaf = false;
        return list;
      }
      if (type !== undefined && type !== 'object') unsure();
      const object = objectBody(name, depth + 1);
      lastLeaf = false;
      return object;
    }
  }
  lastLeaf = true;
  lastText = text;
  switch (type) {
    case 'null':
      return null;
    case 'number': {
      const trimmed = text.trim();
      const n = Number(trimmed);
      return trimmed !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const trimmed = text.trim();
      return trimmed === 'true' ? true : trimmed === 'false' ? false : text;
    }
    case 'array':
      return [];
    case 'object':
      return {};
  }
  return text;
}

/** values.ts objectOf over the child elements up to `</name>` (pos at the first child's `<`). */
function objectBody(name: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let repeated: Set<string> | undefined;
  while (!atClose()) {
    if (atMarkup()) unsure();
    openTag();
    const key = keyValue(tagName, tagKeyRaw, tagEsc);
    repeated = addChildValue(out, key, elementBody(depth), repeated);
    skipSpace();
  }
  closeTag(name);
  return out;
}

/**
 * The record in one record element's text (as the splitter cuts it), as index.ts recordFromElement reads it;
 * throws UNSURE (or decodeEntities' error) when the library path has to read it.
 */
export function fastRecord(text: string): Record<string, unknown> {
  if (text.includes('\r')) unsure(); // the library turns raw CRs into LFs first; the writer never emits one
  src = text;
  pos = 0;
  try {
    if (src.charCodeAt(0) !== LT) unsure();
    openTag();
    if (tagEmpty || tagType !== undefined || tagEsc || tagKeyRaw !== undefined) unsure();
    const recordName = tagName;
    skipSpace();
    let record: Record<string, unknown> | undefined;
    const rest: Record<string, unknown> = {};
    let repeated: Set<string> | undefined;
    let tags: unknown[] | undefined;
    while (!atClose()) {
      if (atMarkup()) unsure();
      openTag();
      const key = keyValue(tagName, tagKeyRaw, tagEsc);
      const type = tagType;
      const value = elementBody(1);
      if (key === 'tags') {
        // recordFromElement: a leaf `<tags>` is one tag, an empty `<tags type="array"/>` none; children are the library's.
        if (!lastLeaf) unsure();
        tags ??= [];
        if (type !== 'array') tags.push(lastText);
      } else if (OBJECT_FIELDS.has(key) && type === undefined && lastLeaf && lastText.trim() === '') {
        record ??= {};
        defineField(record, key, {});
      } else repeated = addChildValue(rest, key, value, repeated);
      skipSpace();
    }
    closeTag(recordName);
    if (pos !== src.length) unsure();
    if (record === undefined) record = rest;
    else for (const key of Object.keys(rest)) defineField(record, key, rest[key]);
    if (tags) defineField(record, 'tags', tags);
    return record;
  } finally {
    src = '';
  }
}
