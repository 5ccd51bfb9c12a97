/**
 * JSON values as XML elements, and back, so every type survives:
 * - a string is the element's text (`<title>Hello</title>`, `<title/>` for the empty string);
 * - other types say so: `<n type="number">3</n>`, `type="boolean"`, `<x type="null"/>`,
 *   `<list type="array"><item>a</item>...</list>`, `<o type="object"/>` for an empty object
 *   (a non-empty object is just its child elements);
 * - a key that is not a plain XML name (spaces, a leading digit, `__proto__`, `toString`...) is written
 *   `<entry key="my key">...</entry>`;
 * - text XML 1.0 cannot carry uses the escape scheme of escape.ts (`esc="1"`).
 * Reading is lenient for foreign XML: repeated child elements make an array, an element with children and no
 * type an object, any other element a string. Attributes the writer does not use are fields of their element,
 * as the record element's attributes are fields of the record: `<link href="u"/>` is `{ href: "u" }`, and the
 * element's own value, when it has one, is `#text` beside them (`{ "#text": "label", term: "star" }`). Text
 * beside child elements (`<p>a <b>x</b></p>`, Atom's `type="xhtml"`) is markup: the element's value is its
 * content as written, so no word of it is lost.
 */
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { defineField } from '../../../../shared/define-field.ts';
import {
  applyEscapeScheme,
  decodeEntities,
  escapeAttribute,
  escapeText,
  needsEscapeScheme,
  normaliseAttribute,
  normaliseText,
  undoEscapeScheme,
} from './escape.ts';

/** Names fast-xml-parser refuses or renames (prototype-pollution guards), compared case-insensitively. */
const PARSER_RESERVED = new Set(
  [
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    'valueOf',
    '__defineGetter__',
    '__defineSetter__',
    '__lookupGetter__',
    '__lookupSetter__',
  ].map((n) => n.toLowerCase()),
);
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function isPlainElementName(key: string): boolean {
  return PLAIN_NAME.test(key) && !key.startsWith('__') && !/^xml/i.test(key) && !PARSER_RESERVED.has(key.toLowerCase());
}

function openTag(key: string, attrs: string[], arrayItem: boolean): { open: string; name: string } {
  if (arrayItem || isPlainElementName(key)) {
    const name = arrayItem ? 'item' : key;
    return { open: `<${name}${attrs.length ? ' ' + attrs.join(' ') : ''}`, name };
  }
  return { open: `<entry${attrs.length ? ' ' + attrs.join(' ') : ''}`, name: 'entry' };
}

/** One value as an element (with a trailing newline), indented by `indent`. */
export function valueToXml(key: string, value: unknown, indent: string, arrayItem = false): string {
  const attrs: string[] = [];
  const keyNeedsEntry = !arrayItem && !isPlainElementName(key);
  const text = typeof value === 'string' ? value : undefined;
  const esc = (keyNeedsEntry && needsEscapeScheme(key)) || (text !== undefined && needsEscapeScheme(text));
  if (keyNeedsEntry) attrs.push(`key="${escapeAttribute(esc ? applyEscapeScheme(key) : key)}"`);
  if (esc) attrs.push('esc="1"');
  if (value === null) attrs.push('type="null"');
  else if (typeof value === 'number') attrs.push('type="number"');
  else if (typeof value === 'boolean') attrs.push('type="boolean"');
  else if (Array.isArray(value)) attrs.push('type="array"');
  else if (typeof value === 'object' && Object.keys(value).length === 0) attrs.push('type="object"');
  const { open, name } = openTag(key, attrs, arrayItem);
  if (value === null || value === undefined) return `${indent}${open}/>\n`;
  if (text !== undefined) return text === '' ? `${indent}${open}/>\n` : `${indent}${open}>${escapeText(esc ? applyEscapeScheme(text) : text)}</${name}>\n`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${indent}${open}>${String(value)}</${name}>\n`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${open}/>\n`;
    return `${indent}${open}>\n${value.map((v) => valueToXml('item', v, indent + '  ', true)).join('')}${indent}</${name}>\n`;
  }
  const entries = Object.keys(value as object);
  if (entries.length === 0) return `${indent}${open}/>\n`;
  const inner = entries.map((k) => valueToXml(k, (value as Record<string, unknown>)[k], indent + '  ')).join('');
  return `${indent}${open}>\n${inner}${indent}</${name}>\n`;
}

/** One field of a record element, at the field's indentation. */
export function fieldXml(key: string, v: unknown, indent: string): string {
  if (v === undefined) return '';
  if (key === 'tags' && Array.isArray(v) && v.every((t) => typeof t === 'string')) {
    // Tags as repeated elements; an empty list still says so, so that it is not read as absent.
    return v.length === 0 ? `${indent}<tags type="array"/>\n` : v.map((t) => valueToXml('tags', t, indent)).join('');
  }
  return valueToXml(key, v, indent);
}

/** A node of fast-xml-parser's `preserveOrder` output. */
export type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export function elementOf(node: XmlNode): XmlElement | undefined {
  for (const key of Object.keys(node)) {
    if (key === ':@' || key === '#text' || key === '#cdata') continue;
    return { name: key, attrs: node[':@'] ?? {}, children: (node[key] as XmlNode[]) ?? [] };
  }
  return undefined;
}

export function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    const e = elementOf(child);
    if (e) out.push(e);
  }
  return out;
}

function attribute(element: XmlElement, name: string): string | undefined {
  const raw = element.attrs[name];
  return raw === undefined ? undefined : decodeEntities(normaliseAttribute(raw));
}

function cdataText(node: XmlNode): string {
  let text = '';
  for (const p of node['#cdata'] as XmlNode[]) text += normaliseText(String(p['#text'] ?? ''));
  return text;
}

/** The element's own text: text and CDATA children, entities decoded, the escape scheme undone. */
export function textOf(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    if ('#text' in child) text += decodeEntities(normaliseText(String(child['#text'])));
    else if ('#cdata' in child) text += cdataText(child);
  }
  return attribute(element, 'esc') === '1' ? undoEscapeScheme(text) : text;
}

/** The key an element stands for: its name, or its `key` attribute for `<entry>`. */
export function keyOf(element: XmlElement): string {
  if (element.name === 'entry') {
    const key = attribute(element, 'key');
    if (key !== undefined) return attribute(element, 'esc') === '1' ? undoEscapeScheme(key) : key;
  }
  return element.name;
}

/** The writer's `type` values (valueToXml); another `type` (Atom's `type="html"`) is the document's own. */
const WRITER_TYPES = new Set(['null', 'number', 'boolean', 'array', 'object', 'string']);

/** The attributes the writer does not use (`type`, `esc="1"`, `key` on `<entry>`), decoded: the document's own. */
export function foreignAttributes(element: XmlElement): [name: string, value: string][] {
  const out: [string, string][] = [];
  for (const name of Object.keys(element.attrs)) {
    const value = attribute(element, name)!;
    if (name === 'type' && WRITER_TYPES.has(value)) continue;
    if (name === 'esc' && value === '1') continue;
    if (name === 'key' && element.name === 'entry') continue;
    out.push([name, value]);
  }
  return out;
}

/**
 * Attributes as fields of `out`, after its child elements: a child element of the same name keeps the name and
 * the attribute is `@name`, so neither is lost (the one rule, for the record element and every element in it).
 */
export function addAttributes(out: Record<string, unknown>, attributes: [name: string, value: string][]): void {
  for (const [name, value] of attributes) {
    const key = Object.hasOwn(out, name) ? `@${name}` : name;
    if (!Object.hasOwn(out, key)) defineField(out, key, value);
  }
}

const MAX_DEPTH = 100;

export function elementValue(element: XmlElement, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `XML nested deeper than ${MAX_DEPTH} levels.`);
  const value = ownValue(element, depth);
  const attributes = foreignAttributes(element);
  if (attributes.length === 0) return value;
  // Attributes make the element an object: its children's fields, or its value as `#text`, and the attributes.
  const out: Record<string, unknown> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of Object.keys(value)) defineField(out, key, (value as Record<string, unknown>)[key]);
  } else if (value !== '') defineField(out, '#text', value);
  addAttributes(out, attributes);
  return out;
}

/** The element's value as the writer's attributes say, its other attributes aside. */
function ownValue(element: XmlElement, depth: number): unknown {
  const type = attribute(element, 'type');
  switch (type) {
    case 'null':
      return null;
    case 'number': {
      const text = textOf(element).trim();
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : textOf(element);
    }
    case 'boolean': {
      const text = textOf(element).trim();
      return text === 'true' ? true : text === 'false' ? false : textOf(element);
    }
    case 'array':
      return childElements(element).map((c) => elementValue(c, depth + 1));
    case 'object':
      return objectOf(childElements(element), depth + 1);
    case 'string':
      return textOf(element);
    case 'xhtml':
      return atomXhtml(element);
  }
  const children = childElements(element);
  if (children.length === 0) return textOf(element);
  if (hasMixedText(element)) return innerXml(element);
  return objectOf(children, depth + 1);
}

/**
 * Text beside child elements (`<p>a <b>x</b></p>`): a document's markup, such as XHTML content, and not fields
 * (white space between elements is only layout). Read as fields, its text would be lost.
 */
export function hasMixedText(element: XmlElement): boolean {
  let text = false;
  let elements = false;
  for (const child of element.children) {
    if ('#text' in child) text ||= String(child['#text']).trim() !== '';
    else if ('#cdata' in child) text = true;
    else elements = true;
  }
  return text && elements;
}

/**
 * Atom's `type="xhtml"` text (RFC 4287 4.1.3.3): markup inside one XHTML div, which is not part of the content.
 * Read as other elements, its paragraphs would be fields and its inline text lost.
 */
function atomXhtml(element: XmlElement): string {
  const children = childElements(element);
  const div = children.length === 1 && /^(?:[^:]*:)?div$/.test(children[0]!.name) ? children[0]! : undefined;
  return div && !hasMixedText(element) ? innerXml(div) : innerXml(element).trim();
}

/** The element's content as the document wrote it: text with its entities, elements, attributes and CDATA. */
export function innerXml(element: XmlElement): string {
  let out = '';
  for (const child of element.children) {
    if ('#text' in child) out += normaliseText(String(child['#text']));
    else if ('#cdata' in child) out += `<![CDATA[${cdataText(child)}]]>`;
    else {
      const e = elementOf(child);
      if (!e) continue;
      const attrs = Object.keys(e.attrs)
        .map((name) => ` ${name}="${String(e.attrs[name]).replaceAll('"', '&quot;')}"`)
        .join('');
      out += e.children.length === 0 ? `<${e.name}${attrs}/>` : `<${e.name}${attrs}>${innerXml(e)}</${e.name}>`;
    }
  }
  return out;
}

/**
 * One child's value under its key; a key that repeats (foreign XML) collects its values in an array. `repeated`
 * remembers which keys did: pass what the last call returned (it is made on the first repeat only, since the
 * fast path reads hundreds of thousands of objects that have none).
 */
export function addChildValue(out: Record<string, unknown>, key: string, value: unknown, repeated?: Set<string>): Set<string> | undefined {
  if (!Object.hasOwn(out, key)) {
    defineField(out, key, value);
    return repeated;
  }
  const seen = repeated ?? new Set<string>();
  if (!seen.has(key)) {
    defineField(out, key, [out[key]]);
    seen.add(key);
  }
  (out[key] as unknown[]).push(value);
  return seen;
}

/** Child elements as an object (addChildValue says what a repeated key becomes). */
export function objectOf(children: XmlElement[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let repeated: Set<string> | undefined;
  for (const child of children) repeated = addChildValue(out, keyOf(child), elementValue(child, depth), repeated);
  return out;
}
