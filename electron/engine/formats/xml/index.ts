/**
 * XML: `<data><item>...</item></data>`, one child element per field. Tags are repeated `<tags>` elements;
 * metadata and other structured fields are nested elements with their JSON types kept (values.ts); text XML
 * cannot carry uses the escape scheme of escape.ts. An `all` export groups records by type:
 * `<data><contexts><item>...</item></contexts><sessions>...</sessions><templates>...</templates></data>`.
 *
 * Safety: the splitter refuses any DOCTYPE; fast-xml-parser runs with entity processing off (entities are
 * decoded by escape.ts: the five predefined ones and character references, nothing else); depth is bounded;
 * names that could reach an object prototype are written as `<entry key="...">` and read as plain keys.
 * Streaming: each record element is cut out of the text (splitter.ts) and parsed on its own: by the fast path
 * (fast-path.ts) when it is in the shape the writer emits, else validated and parsed by fast-xml-parser.
 * Foreign documents keep their records elsewhere too (a feed's items): `--root` or root.ts says where.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isCellRun, type Codec, type OutItem, type RawRecord, type ReadContext, type WriteContext } from '../codec.ts';
import { xmlCellRun } from './cell-runs.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { decodeText, sniffableHead } from '../text.ts';
import { defineField } from '../../../../shared/define-field.ts';
import { sectionRecordType } from '../../../../shared/record-type.ts';
import { splitXmlRecords } from './splitter.ts';
import { OBJECT_FIELDS } from '../fields.ts';
import { decodeEntities, normaliseAttribute } from './escape.ts';
import { addAttributes, childElements, elementOf, fieldXml, hasMixedText, keyOf, objectOf, textOf, type XmlElement, type XmlNode } from './values.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';
import { fastRecord } from './fast-path.ts';
import { describeRootPath, findXmlRecordsPath, parseRootPath } from './root.ts';
import { peekText } from '../peek.ts';
import { XML_DECLARATION_BYTES, xmlDeclaredEncoding } from './declaration.ts';
import { OPML_OUTLINES, outlineLines, outlineRecords } from './outlines.ts';

/** A file without BOM names its encoding in its declaration (`<?xml version="1.0" encoding="windows-1251"?>`). */
const XML_DECLARATION = { bytes: XML_DECLARATION_BYTES, label: xmlDeclaredEncoding, where: 'the XML declaration' };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 100,
});

/** A record element as a plain object. `tags` may repeat (one element per tag) or wrap `<tag>` children. */
export function recordFromElement(element: XmlElement): Record<string, unknown> {
  const fields = childElements(element);
  const record: Record<string, unknown> = {};
  const others: XmlElement[] = [];
  let tags: unknown[] | undefined;
  for (const field of fields) {
    const key = keyOf(field);
    if (key === 'tags') {
      tags ??= [];
      const type = field.attrs.type;
      const children = childElements(field);
      if (type === 'array' || (type === undefined && children.length > 0)) tags.push(...children.map((c) => textOf(c)));
      else tags.push(textOf(field));
      continue;
    }
    if (OBJECT_FIELDS.has(key) && Object.keys(field.attrs).length === 0 && childElements(field).length === 0 && textOf(field).trim() === '') {
      defineField(record, key, {});
      continue;
    }
    others.push(field);
  }
  const rest = objectOf(others, 1);
  for (const key of Object.keys(rest)) defineField(record, key, rest[key]);
  if (tags) defineField(record, 'tags', tags);
  // Text beside the record's fields (`<item><id>1</id>a note</item>`) is the record's own: kept, not dropped; so is
  // the text of a record element with no fields (`<v>1</v>`, `<v a="k">2</v>`), never an empty record.
  if (hasMixedText(element) || (fields.length === 0 && textOf(element).trim() !== '')) defineField(record, '#text', textOf(element).trim());
  // Foreign XML may carry fields as attributes (`<item id="1" title="x"/>`); a child element of the same name
  // keeps the name, the attribute is then `@id` (values.ts addAttributes, the rule for every element).
  addAttributes(
    record,
    Object.keys(element.attrs).map((name) => [name, decodeEntities(normaliseAttribute(element.attrs[name]!))]),
  );
  return record;
}

/** One element's text, validated and parsed by fast-xml-parser. */
function libraryElement(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new AppError(ERROR_CODES.PARSE_ERROR, valid.err.msg);
  const nodes = parser.parse(text) as XmlNode[];
  const element = nodes.map(elementOf).find((e) => e !== undefined);
  if (!element) throw new AppError(ERROR_CODES.PARSE_ERROR, 'no element');
  return element;
}

/** One record element's text, validated and parsed by fast-xml-parser (exported for the fast path's tests). */
export function libraryRecord(text: string): Record<string, unknown> {
  return recordFromElement(libraryElement(text));
}

/** The records of one top-level OPML outline: it and the outlines inside it (xml/outlines.ts), each with its line. */
function outlinePieceRecords(text: string, line: number): { value: Record<string, unknown>; line: number; folder?: string }[] {
  const lines = outlineLines(text, line);
  return outlineRecords(libraryElement(text)).map(({ element, folder, order }) => {
    const value = recordFromElement(element);
    const path = folder.join('/');
    if (path) defineField(value, Object.hasOwn(value, 'folder') ? 'outlineFolder' : 'folder', path);
    return { value, line: lines[order] ?? line, folder: path || undefined };
  });
}

/** How much of the document's text the records' path is looked for in (as JSON's ROOT_HEAD_BYTES). */
const ROOT_HEAD_CHARS = 64 * 1024;

/**
 * The records' path: the user's (`--root`; `/` or `$` for the root's children, the reading without a path), or
 * found in the document's first text (xml/root.ts: feeds' items, repeated child elements).
 */
async function recordPath(text: AsyncIterable<string>, context: ReadContext): Promise<{ path?: string[]; detected: boolean; text: AsyncIterable<string> }> {
  if (context.root !== undefined) {
    const path = parseRootPath(context.root);
    return { path: path.length ? path : undefined, detected: false, text };
  }
  const peeked = await peekText(text, ROOT_HEAD_CHARS);
  return { path: findXmlRecordsPath(peeked.head), detected: true, text: peeked.stream };
}

async function* read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  let recordNumber = 0;
  const decoded = decodeText(input, context.encoding, context.onEncoding, XML_DECLARATION);
  const { path, detected, text } = await recordPath(decoded, context);
  if (context.root !== undefined && path === undefined) context.onRoot?.(describeRootPath([]), false);
  // Said where the first record is found, with the root's name, whichever way the user wrote the path.
  let said = false;
  let outlines = false;
  const onRecordPath = (found: string[]) => {
    said = true;
    outlines = found.join('/') === OPML_OUTLINES;
    context.onRoot?.(describeRootPath(found), detected);
  };
  const folders = new Set<string>();
  /** Lines of record elements with nothing in them (`<item/>`): skipped, said once at the end (as CSV's empty rows). */
  const emptyLines: number[] = [];
  let inFolders = 0;
  const parseError = (piece: { line: number }, error: unknown): RawRecord => {
    const message = (error as Error).message.replace(/^\[SECURITY\] /, '');
    return {
      recordNumber,
      line: piece.line,
      error: {
        code: ERROR_CODES.PARSE_ERROR,
        message: `Record ${recordNumber} (line ${piece.line}) is not valid XML: ${message}`,
        record: recordNumber,
        data: { reason: `not valid XML: ${message}` },
      },
    };
  };
  for await (const piece of splitXmlRecords(text, context.maxRecordBytes, { recordPath: path, onRecordPath })) {
    if (outlines) {
      let records: ReturnType<typeof outlinePieceRecords>;
      try {
        records = outlinePieceRecords(piece.text, piece.line);
      } catch (error) {
        recordNumber++;
        yield parseError(piece, error);
        continue;
      }
      for (const r of records) {
        recordNumber++;
        if (r.folder !== undefined) {
          inFolders++;
          folders.add(r.folder);
        }
        yield { recordNumber, line: r.line, value: r.value };
      }
      continue;
    }
    recordNumber++;
    const recordType = sectionRecordType(piece.section);
    let fast: Record<string, unknown> | undefined;
    try {
      fast = fastRecord(piece.text);
    } catch {
      // Unsure, or an error: the library path reads it and reports its own error, the same as before.
    }
    // An empty result is the library's to judge (text alone is `#text`), and an element with nothing in it is no record.
    let value = fast !== undefined && Object.keys(fast).length > 0 ? fast : undefined;
    try {
      value ??= libraryRecord(piece.text);
    } catch (error) {
      yield { ...parseError(piece, error), recordType };
      continue;
    }
    if (Object.keys(value).length === 0) {
      recordNumber--;
      emptyLines.push(piece.line);
      continue;
    }
    yield { recordNumber, recordType, line: piece.line, value };
  }
  if (emptyLines.length > 0) {
    const lines = emptyLines.slice(0, 8).join(', ') + (emptyLines.length > 8 ? ', …' : '');
    context.onWarning?.(
      `${emptyLines.length.toLocaleString('en-US')} empty element${emptyLines.length === 1 ? '' : 's'} skipped, not records (line${emptyLines.length === 1 ? '' : 's'} ${lines}).`,
    );
  }
  if (inFolders > 0) {
    const names = [...folders].slice(0, 8).join(', ') + (folders.size > 8 ? ', …' : '');
    context.onWarning?.(
      `${inFolders.toLocaleString('en-US')} outline${inFolders === 1 ? '' : 's'} inside folder outlines ${inFolders === 1 ? 'is a record' : 'are records'} too, their folder path in \`folder\` (${names}).`,
    );
  }
  if (path && !said) {
    // A path the user gave that leads nowhere is a mistake to say, never an empty import; a found one (a feed
    // with no items yet) is zero records, said as such.
    if (!detected) throw new AppError(ERROR_CODES.PARSE_ERROR, `There is no element at "${describeRootPath(path)}" in this document.`, { field: 'root' });
    context.onRoot?.(describeRootPath(path), true);
  }
}

function recordToXml(value: Record<string, unknown>, indent: string): string {
  let inner = '';
  for (const key of Object.keys(value)) inner += fieldXml(key, value[key], indent + '  ');
  return `${indent}<item>\n${inner}${indent}</item>\n`;
}

/**
 * Records, or runs of stored values (xml/cell-runs.ts) between them; an `all` export puts each type's records
 * in its section.
 */
async function* write(records: AsyncIterable<OutItem<'cells'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  const all = context.dataType === 'all';
  const indent = all ? '    ' : '  ';
  let batch = '<?xml version="1.0" encoding="UTF-8"?>\n<data>\n';
  const written = new Set<string>();
  let current: string | null = null;
  for await (const item of records) {
    if (all && item.recordType !== current) {
      if (current !== null) batch += `  </${current}>\n`;
      current = item.recordType;
      written.add(current);
      batch += `  <${current}>\n`;
    }
    if (isCellRun(item)) {
      if (batch) yield batch;
      batch = '';
      yield xmlCellRun(item, indent);
      continue;
    }
    batch += recordToXml(item.value, indent);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (all) {
    if (current !== null) batch += `  </${current}>\n`;
    for (const section of ['contexts', 'sessions', 'templates']) if (!written.has(section)) batch += `  <${section}/>\n`;
  }
  yield batch + '</data>\n';
}

export const xmlCodec: Codec = {
  id: 'xml',
  ...FORMAT_CATALOGUE.xml,
  streaming: true,
  sniff(head) {
    const text = sniffableHead(head).trimStart();
    if (text.startsWith('<?xml')) return 0.95;
    if (/^<!DOCTYPE/i.test(text)) return 0.9;
    if (/^<!--/.test(text)) return 0.8;
    if (/^<[A-Za-z_][^\s/>]*[\s/>]/.test(text)) return /<\/[A-Za-z_]/.test(text) || /\/>/.test(text) ? 0.85 : 0.6;
    return 0;
  },
  read,
  write,
  runKind: 'cells',
  writeItems: write,
};
