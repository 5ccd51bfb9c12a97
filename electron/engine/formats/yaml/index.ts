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
 * The yaml library parses a whole document at once, so YAML does not stream: files above MAX_YAML_BYTES are
 * refused with a LIMIT_EXCEEDED error (the pipeline checks the size before reading; the reader checks again
 * for compressed input). Use JSON Lines or CSV for larger data.
 */
import YAML, { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Codec, OutRecord, RawRecord, ReadContext, WriteContext } from '../codec.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { RECORD_TYPES, type RecordType } from '../../../../shared/model.ts';
import { readAllText, sniffableHead } from '../text.ts';
import { STRING_FIELDS } from '../fields.ts';
import { isRecordType } from '../../pipeline/record-type.ts';

/** Parsing YAML costs several times the text in memory; 64 MB keeps a read under about 1 GB. */
export const MAX_YAML_BYTES = 64 * 1024 * 1024;
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

async function* read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  const text = await readAllText(input, context.encoding, MAX_YAML_BYTES, 'YAML');
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
  let recordNumber = 0;
  for (const doc of docs) {
    const fatal = doc.errors[0];
    if (fatal) {
      throw new AppError(ERROR_CODES.PARSE_ERROR, `Invalid YAML: ${fatal.message.split('\n')[0]}`, {
        data: { line: fatal.linePos?.[0]?.line },
      });
    }
    const warnings = doc.warnings.map((w) => w.message.split('\n')[0]!);
    keepNonJsonNumbersAsText(doc);
    for (const { node, recordType } of recordNodes(doc)) {
      recordNumber++;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
      try {
        keepTextFields(node);
        const value = node === null ? null : (node.toJS(doc, { maxAliasCount: MAX_ALIASES }) as unknown);
        if (depthOf(value) > MAX_DEPTH) throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `nested deeper than ${MAX_DEPTH} levels`);
        yield { recordNumber, recordType, line, value, warnings: recordNumber === 1 && warnings.length ? warnings : undefined };
      } catch (error) {
        const message = error instanceof RangeError ? `nested too deeply` : (error as Error).message.split('\n')[0];
        yield { recordNumber, recordType, line, error: { code: ERROR_CODES.PARSE_ERROR, message: `Record ${recordNumber}${line ? ` (line ${line})` : ''}: ${message}`, record: recordNumber } };
      }
    }
  }
}

/** Text a YAML literal block carries exactly: printable characters and line feeds only. */
// eslint-disable-next-line no-control-regex
const BLOCK_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDFFF]/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;

function recordYaml(value: Record<string, unknown>): string {
  const doc = new YAML.Document([value], { version: '1.2' });
  YAML.visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      if (key === 'key') {
        if (!PLAIN_KEY.test(node.value) || YAML11_WORDS.test(node.value)) node.type = 'QUOTE_DOUBLE';
        return;
      }
      node.type = node.value.includes('\n') && !BLOCK_UNSAFE.test(node.value) ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, doubleQuotedAsJSON: false });
}

function indented(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');
}

async function* write(records: AsyncIterable<OutRecord>, context: WriteContext): AsyncIterable<string> {
  if (context.dataType !== 'all') {
    let any = false;
    for await (const record of records) {
      any = true;
      yield recordYaml(record.value);
    }
    if (!any) yield '[]\n';
    return;
  }
  const written = new Set<string>();
  let current: string | null = null;
  for await (const record of records) {
    if (record.recordType !== current) {
      current = record.recordType;
      written.add(current);
      yield `${current}:\n`;
    }
    yield indented(recordYaml(record.value), '  ');
  }
  for (const section of RECORD_TYPES) if (!written.has(section)) yield `${section}: []\n`;
}

export const yamlCodec: Codec = {
  id: 'yaml',
  label: 'YAML',
  extensions: ['.yaml', '.yml'],
  mime: 'application/yaml',
  streaming: false,
  maxInputBytes: MAX_YAML_BYTES,
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
  read,
  write,
};
