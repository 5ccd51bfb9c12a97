/**
 * YAML: a list of records (`- id: ...`); an `all` export is a mapping of `contexts`, `sessions` and
 * `templates` lists.
 *
 * Strings stay strings in any reader: every string value is written double-quoted (or as a literal block
 * when it spans lines and a block can hold it exactly), so `yes`, `no`, `on`, `null`, `~`, `0123`, `1e3`,
 * dates, `- item` and `key: value` are never taken for booleans, numbers, dates or structure.
 *
 * Reading uses the YAML 1.2 core schema only (no custom tags resolved, nothing executed), duplicate keys are
 * an error, aliases are capped (MAX_ALIASES) and nesting is bounded (MAX_DEPTH). Numbers a foreign file wrote
 * in a non-JSON form (`0123`, `0x1F`, `.inf`) are kept as the text written, and the text fields of a record
 * (id, title, content...) are always text.
 *
 * The yaml library parses a whole document at once and needs about 30 times the text in memory (measured:
 * 33 MB of YAML took 1 GB of RSS). So a file is parsed whole only up to WHOLE_YAML_BYTES (8 MB), which keeps
 * every YAML feature for ordinary files; a larger file is split into its records by lines (a top-level list,
 * or lists under `contexts:` / `sessions:` / `templates:`, as the app writes) and each record is parsed on its
 * own, so memory stays at one record. A large file in any other shape (a flow list, several documents, ...)
 * is refused with a LIMIT_EXCEEDED error that says why; anchors cannot reach across records in that mode.
 */
import YAML, { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { isCellRun, type Codec, type OutItem, type RawRecord, type ReadContext, type WriteContext } from '../codec.ts';
import { indentedBytes, yamlCellRun } from './cell-runs.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { RECORD_TYPES, type RecordType } from '../../../../shared/model.ts';
import { decodeText, sniffableHead, splitTextLines, type TextLine } from '../text.ts';
import { STRING_FIELDS } from '../fields.ts';
import { isRecordType } from '../../../../shared/record-type.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';
import { fastDocument, fastRecord, UNSURE } from './fast-path.ts';
import { recordYaml } from './emit.ts';

const MAX_ALIASES = 100;
const MAX_DEPTH = 100;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const GENERIC_LISTS = new Set(['data', 'items', 'records', 'rows']);

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) return depth;
  if (typeof value !== 'object' || value === null) return depth;
  let max = depth;
  for (const v of Array.isArray(value) ? value : Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

/** Plain scalars the core schema made numbers from a non-JSON spelling keep their text. */
function keepNonJsonNumbersAsText(doc: Document): void {
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && typeof node.value === 'number' && typeof node.source === 'string' && !JSON_NUMBER.test(node.source)) {
        node.value = node.source;
      }
    },
  });
}

/** A record's text fields are text: `id: 0123` is "0123", `title: true` is "true". */
function keepTextFields(record: YamlNode): void {
  if (!isMap(record)) return;
  for (const pair of record.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string' || !STRING_FIELDS.has(key)) continue;
    const value = pair.value;
    if (isScalar(value) && value.type === 'PLAIN' && value.value !== null && typeof value.value !== 'string' && typeof value.source === 'string') {
      value.value = value.source;
    }
  }
}

interface RecordNode {
  node: YamlNode;
  recordType?: RecordType;
}

function recordNodes(doc: Document): RecordNode[] {
  const root = doc.contents as YamlNode | null;
  if (root === null || root === undefined) return [];
  if (isSeq(root)) return root.items.map((node) => ({ node: node as YamlNode }));
  if (isMap(root)) {
    const keys = root.items.map((p) => (isScalar(p.key) ? p.key.value : undefined));
    const sectioned = keys.length > 0 && keys.every((k) => typeof k === 'string' && (isRecordType(k) || GENERIC_LISTS.has(k)));
    if (sectioned) {
      const out: RecordNode[] = [];
      for (const pair of root.items) {
        const section = (pair.key as { value: string }).value;
        const list = pair.value;
        if (list === null || (isScalar(list) && list.value === null)) continue;
        if (!isSeq(list)) throw new AppError(ERROR_CODES.PARSE_ERROR, `The YAML key "${section}" should hold a list of records.`);
        for (const node of list.items) out.push({ node: node as YamlNode, recordType: isRecordType(section) ? section : undefined });
      }
      return out;
    }
    return [{ node: root }];
  }
  return [{ node: root }];
}

/** Parses one YAML text (a whole file, or one record's lines) into raw records with the library (exported for the fast path's tests). */
export function* recordsOfText(text: string, counter: { n: number }, lineOffset: number, sectionType?: RecordType): Generator<RawRecord> {
  const lineCounter = new YAML.LineCounter();
  let docs: Document[];
  try {
    docs = YAML.parseAllDocuments(text, {
      schema: 'core',
      version: '1.2',
      uniqueKeys: true,
      merge: false,
      customTags: [],
      prettyErrors: true,
      lineCounter,
    }) as Document[];
  } catch (error) {
    if (error instanceof RangeError) throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `The YAML is nested too deeply to read (more than ${MAX_DEPTH} levels).`);
    throw error;
  }
  if (!Array.isArray(docs)) docs = [];
  for (const doc of docs) {
    const fatal = doc.errors[0];
    if (fatal) {
      const line = (fatal.linePos?.[0]?.line ?? 0) + lineOffset;
      throw new AppError(ERROR_CODES.PARSE_ERROR, `Invalid YAML near line ${line}: ${fatal.message.split('\n')[0]}`, { data: { line } });
    }
    const warnings = doc.warnings.map((w) => w.message.split('\n')[0]!);
    keepNonJsonNumbersAsText(doc);
    let first = true;
    for (const { node, recordType } of recordNodes(doc)) {
      const recordNumber = ++counter.n;
      const type = sectionType ?? recordType;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line + lineOffset : undefined;
      try {
        keepTextFields(node);
        const value = node === null ? null : (node.toJS(doc, { maxAliasCount: MAX_ALIASES }) as unknown);
        if (depthOf(value) > MAX_DEPTH) throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `nested deeper than ${MAX_DEPTH} levels`);
        yield { recordNumber, recordType: type, line, value, warnings: first && warnings.length ? warnings : undefined };
      } catch (error) {
        const message = error instanceof RangeError ? `nested too deeply` : (error as Error).message.split('\n')[0];
        yield {
          recordNumber,
          recordType: type,
          line,
          error: {
            code: ERROR_CODES.PARSE_ERROR,
            message: `Record ${recordNumber}${line ? ` (line ${line})` : ''}: ${message}`,
            record: recordNumber,
            data: { reason: message },
          },
        };
      }
      first = false;
    }
  }
}

/** Up to this size (bytes of the file) a YAML file is parsed whole, with every YAML feature; above it, record by record. */
export const WHOLE_YAML_BYTES = 8 * 1024 * 1024;
const SECTION_LINE = /^(contexts|sessions|templates|data|items|records|rows):[ \t]*(\[\][ \t]*)?(#.*)?$/;
const ITEM_START = /^-(?:[ \t]|$)/;

interface YamlChunk {
  /** The record's lines, without their line feeds. */
  lines: string[];
  line: number;
  section?: string;
}

/**
 * Splits a large YAML file into its records without parsing it: a top-level list (`- ` at the start of a line)
 * or a mapping of lists under `contexts:`, `sessions:`, `templates:` (the shapes the app writes). Each record's
 * lines are parsed on their own, so memory stays at one record. Anything else in a file this large is refused
 * with a clear message. (Anchors cannot point from one record into another in this mode.)
 */
async function* splitYamlRecords(lines: AsyncIterable<TextLine>, maxChars: number, wholeLimit: number): AsyncGenerator<YamlChunk> {
  let mode: 'list' | 'sections' | undefined;
  let section: string | undefined;
  let itemIndent: number | undefined;
  let current: { lines: string[]; line: number; size: number } | undefined;
  const refuse = (line: number, what: string): never => {
    throw new AppError(
      ERROR_CODES.LIMIT_EXCEEDED,
      `This YAML file is larger than ${Math.round(wholeLimit / 1024 / 1024)} MB, so it is read record by record, which needs a plain list of records ` +
        `(as the app exports); line ${line} ${what}. Convert it to JSON Lines or CSV, which stream.`,
      { data: { line } },
    );
  };
  const flush = (): YamlChunk | undefined => {
    const chunk = current ? { lines: current.lines, line: current.line, section } : undefined;
    current = undefined;
    return chunk;
  };
  for await (const { text: raw, line } of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (current) current.lines.push(raw);
      continue;
    }
    if (!mode) {
      if (text.startsWith('%') || text === '---' || text.startsWith('--- ')) continue;
      if (ITEM_START.test(text)) mode = 'list';
      else if (SECTION_LINE.test(text)) mode = 'sections';
      else refuse(line, 'starts neither a list item nor a contexts/sessions/templates section');
    }
    const indent = text.length - text.trimStart().length;
    if (mode === 'sections' && indent === 0 && SECTION_LINE.test(text)) {
      const chunk = flush();
      if (chunk) yield chunk;
      section = SECTION_LINE.exec(text)![1];
      itemIndent = undefined;
      continue;
    }
    if (itemIndent === undefined) {
      if (!ITEM_START.test(text.slice(indent))) refuse(line, 'is not a list item');
      itemIndent = indent;
    }
    if (indent === itemIndent && ITEM_START.test(text.slice(indent))) {
      const chunk = flush();
      if (chunk) yield chunk;
      current = { lines: [raw], line, size: raw.length };
      continue;
    }
    if (indent > itemIndent! && current) {
      current.lines.push(raw);
      current.size += raw.length + 1;
      if (current.size > maxChars)
        throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `The YAML record starting on line ${current.line} is larger than ${maxChars} characters.`);
      continue;
    }
    refuse(line, `("${text.slice(0, 40)}") is outside any list item`);
  }
  const chunk = flush();
  if (chunk) yield chunk;
}

/**
 * Reads YAML: whole up to `wholeLimit` bytes (nearly every file), record by record beyond. The head is held as
 * the bytes read, not as decoded text, while deciding: Buffers live outside the JS heap, whereas 8 MB of head
 * text (16 MB as two-byte strings) survived the young generation's collections and V8 grew it to its maximum
 * (measured: reader peak RSS 175 MB with the text head, 131 MB without).
 */
export async function* readYaml(input: AsyncIterable<Buffer>, context: ReadContext, wholeLimit = WHOLE_YAML_BYTES): AsyncGenerator<RawRecord> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size <= wholeLimit) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  async function* bytes(): AsyncGenerator<Buffer> {
    while (head.length > 0) yield head.shift()!;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const text = decodeText(bytes(), context.encoding, context.onEncoding);
  const counter = { n: 0 };
  if (ended) {
    let whole = '';
    for await (const piece of text) whole += piece;
    let fast: ReturnType<typeof fastDocument> | undefined;
    try {
      // All or nothing: one record the fast path is unsure of, and the library reads the whole file, so that
      // what a whole parse means (anchors across records, one error for the file) stays as it was.
      fast = fastDocument(whole);
    } catch (error) {
      if (error !== UNSURE) throw error;
    }
    if (!fast) {
      yield* recordsOfText(whole, counter, 0);
      return;
    }
    for (const { value, line, section } of fast) {
      yield { recordNumber: ++counter.n, recordType: isRecordType(section) ? section : undefined, line, value, warnings: undefined };
    }
    return;
  }
  for await (const chunk of splitYamlRecords(splitTextLines(text, context.maxRecordBytes), context.maxRecordBytes, wholeLimit)) {
    const recordType = isRecordType(chunk.section) ? chunk.section : undefined;
    // As text.split('\n') gives them: every line of the record ended with a line feed in the file.
    chunk.lines.push('');
    let value: unknown = UNSURE;
    try {
      value = fastRecord(chunk.lines);
    } catch (error) {
      if (error !== UNSURE) throw error;
    }
    if (value !== UNSURE) {
      yield { recordNumber: ++counter.n, recordType, line: chunk.line, value, warnings: undefined };
      continue;
    }
    try {
      // The last line feed is kept (the pushed empty line), or a `|+` block would lose its last one.
      yield* recordsOfText(chunk.lines.join('\n'), counter, chunk.line - 1, recordType);
    } catch (error) {
      // One record's lines: a syntax error there is that record's error, and the next record is read.
      if (!(error instanceof AppError) || error.code !== ERROR_CODES.PARSE_ERROR) throw error;
      const recordNumber = ++counter.n;
      yield {
        recordNumber,
        recordType,
        line: chunk.line,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `Record ${recordNumber} (line ${chunk.line}): ${error.message}`,
          record: recordNumber,
          data: { reason: error.message },
        },
      };
    }
  }
}

function indented(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');
}

/** Records, or runs of stored values (yaml/cell-runs.ts) between them; an `all` export's under their type's key. */
async function* write(records: AsyncIterable<OutItem<'cells'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  const all = context.dataType === 'all';
  const written = new Set<string>();
  let current: string | null = null;
  let any = false;
  for await (const item of records) {
    any = true;
    if (all && item.recordType !== current) {
      current = item.recordType;
      written.add(current);
      yield `${current}:\n`;
    }
    if (isCellRun(item)) yield all ? indentedBytes(yamlCellRun(item), SECTION_INDENT) : yamlCellRun(item);
    else yield all ? indented(recordYaml(item.value), '  ') : recordYaml(item.value);
  }
  if (!all) {
    if (!any) yield '[]\n';
    return;
  }
  for (const section of RECORD_TYPES) if (!written.has(section)) yield `${section}: []\n`;
}

const SECTION_INDENT = Buffer.from('  ');

export const yamlCodec: Codec = {
  id: 'yaml',
  ...FORMAT_CATALOGUE.yaml,
  streaming: true,
  sniff(head) {
    const lines = sniffableHead(head)
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    const first = lines[0];
    if (first === undefined) return 0;
    let score = 0;
    if (first.startsWith('%YAML')) return 0.95;
    let i = 0;
    if (first === '---' || first.startsWith('--- ')) {
      score += 0.1;
      i = 1;
    }
    const line = lines[i];
    if (line === undefined) return score;
    if (/^- (?:[A-Za-z_"'][^:]*:(?: |$)|\S)/.test(line) || line === '-') score += 0.7;
    else if (/^["']?[A-Za-z_][\w .-]*["']?:(?: |$)/.test(line)) score += 0.65;
    // Markdown front matter closes its fence and goes on with headings: that is Markdown, not YAML.
    if (first === '---' && lines.slice(1).some((l) => /^#{1,6} /.test(l))) score -= 0.3;
    return Math.max(0, Math.min(score, 0.9));
  },
  read: (input, context) => readYaml(input, context),
  write,
  runKind: 'cells',
  writeItems: write,
};
