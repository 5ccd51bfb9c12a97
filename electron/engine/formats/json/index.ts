/**
 * JSON: one data type is an array of records; `all` is an object with `contexts`, `sessions` and `templates`.
 * Read by scanning record boundaries in the bytes (json/scanner.ts), so a multi-GB array stays in bounded memory.
 */
import { isRecordRun, type Codec, type OutItem, type RawRecord, type ReadContext, type WriteContext } from '../codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { scanJsonRecords } from './scanner.ts';
import { measureJson, TOO_DEEP_REASON, tooDeepMessage } from './depth.ts';
import { parseKeepingIntegers } from './exact-integers.ts';
import { GENERIC_SECTIONS, isRecordType, sectionRecordType } from '../../../../shared/record-type.ts';
import { describeRootPath, findRecordsPath, parseRootPath, SETTINGS_KEYS } from './root.ts';
import { peek } from '../peek.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';

/** How much of the document the root is looked for in. */
const ROOT_HEAD_BYTES = 64 * 1024;

async function* read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  let recordNumber = 0;
  const isSection = (key: string) => isRecordType(key) || GENERIC_SECTIONS.has(key);
  let rootPath = context.root !== undefined ? parseRootPath(context.root) : undefined;
  let source = input;
  /** No root given or found, and the document an object: it is one record (the scanner's rule), or sections. */
  let wholeObject = false;
  if (rootPath === undefined) {
    const { head, stream } = await peek(input, ROOT_HEAD_BYTES);
    source = stream;
    // Records under a key (an API dump, an ActivityStreams outbox) rather than one giant record.
    const text = head.toString('utf8');
    rootPath = findRecordsPath(text, isSection);
    wholeObject =
      rootPath === undefined &&
      text
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith('{');
    if (rootPath) context.onRoot?.(describeRootPath(rootPath), true);
  } else context.onRoot?.(describeRootPath(rootPath), false);
  const explicitTop = rootPath !== undefined && rootPath.length === 0;
  // Arrays beside the records (Simplenote's trashedNotes beside activeNotes) are not read: never in silence.
  const otherArrays = (arrays: { key: string; elements: number }[]) =>
    context.onWarning?.(
      `not read: ${arrays.map((a) => `\`${a.key}\` (${a.elements.toLocaleString('en-US')} item${a.elements === 1 ? '' : 's'})`).join(', ')}, beside the records at \`${describeRootPath(rootPath!)}\`; import ${arrays.length === 1 ? 'it' : 'one'} with --root ${arrays[0]!.key}.`,
    );
  for await (const scanned of scanJsonRecords(source, context.maxRecordBytes, isSection, explicitTop ? undefined : rootPath, otherArrays)) {
    recordNumber++;
    const recordType = sectionRecordType(scanned.section);
    let value: unknown;
    try {
      value = JSON.parse(scanned.text);
    } catch (error) {
      yield {
        recordNumber,
        recordType,
        line: scanned.line,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `Record ${recordNumber} (line ${scanned.line}) is not valid JSON: ${(error as Error).message}`,
          record: recordNumber,
          data: { reason: `not valid JSON: ${(error as Error).message}` },
        },
      };
      continue;
    }
    const measured = measureJson(value);
    if (measured.depthBeyond) {
      yield {
        recordNumber,
        recordType,
        line: scanned.line,
        error: {
          code: ERROR_CODES.LIMIT_EXCEEDED,
          message: tooDeepMessage(recordNumber, scanned.line),
          record: recordNumber,
          data: { reason: TOO_DEEP_REASON },
        },
      };
      continue;
    }
    if (measured.bigNumber) {
      const exact = parseKeepingIntegers(scanned.text);
      if (exact.warnings.length) {
        yield { recordNumber, recordType, value: exact.value, line: scanned.line, warnings: exact.warnings };
        continue;
      }
    }
    // A whole document read as one record that holds lists of records (a Trello board's cards and lists): which,
    // and how to read them, said before the record (a strict import may stop at it), not folded into its metadata.
    if (recordNumber === 1 && wholeObject && scanned.section === undefined) {
      const lists = listsOfRecords(value);
      if (lists.length)
        context.onWarning?.(
          `read as one record; it holds lists of records: ${lists.map((l) => `\`${l.path}\` (${l.elements.toLocaleString('en-US')} items)`).join(', ')}. Import one as the records with --root ${lists[0]!.path} (the Root choice of the Detect step).`,
        );
    }
    yield { recordNumber, recordType, value, line: scanned.line };
  }
}

/** The arrays of two or more objects at the top of a record or one object down (not a note's attachments), most first. */
function listsOfRecords(value: unknown): { path: string; elements: number }[] {
  const out: { path: string; elements: number; bytes: number }[] = [];
  const visit = (object: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, inner] of Object.entries(object)) {
      if (key === 'attachments') continue;
      if (Array.isArray(inner)) {
        if (inner.length >= 2 && inner.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)))
          out.push({ path: `${prefix}${key}`, elements: inner.length, bytes: JSON.stringify(inner).length });
      } else if (depth < 1 && typeof inner === 'object' && inner !== null && !SETTINGS_KEYS.has(key.toLowerCase()))
        visit(inner as Record<string, unknown>, `${prefix}${key}.`, depth + 1);
    }
  };
  // A record of its own (a note with a title or text and a list of labels) is what it seems: nothing to say.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  if (['title', 'content', 'text', 'body'].some((k) => Object.hasOwn(value, k))) return [];
  visit(value as Record<string, unknown>, '', 0);
  // The most items, then the most text: a board's cards before its members' memberships.
  return out.sort((a, b) => b.elements - a.elements || b.bytes - a.bytes);
}

/** Between two array elements: a comma, a line, and the element's indent (deeper in an `all` export's sections). */
const elementSeparator = (context: WriteContext) => (context.dataType === 'all' ? ',\n    ' : ',\n  ');

/** A record, or a run of them (the store joined a run's records with runSeparator), as array elements, after `lead`. */
function elements(item: OutItem<'json'>, lead: string): (string | Buffer)[] {
  return isRecordRun(item) ? [lead, item.bytes] : [lead + JSON.stringify(item.value)];
}

async function* write(items: AsyncIterable<OutItem<'json'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  const separator = elementSeparator(context);
  if (context.dataType !== 'all') {
    let first = true;
    yield '[';
    for await (const item of items) {
      // The first element's separator has no comma.
      yield* elements(item, first ? '\n  ' : separator);
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
    return;
  }
  // `all`: records arrive grouped by type; every section is written, empty ones too.
  const sections = ['contexts', 'sessions', 'templates'];
  const written = new Set<string>();
  let current: string | null = null;
  let firstInSection = true;
  yield '{';
  for await (const item of items) {
    if (item.recordType !== current) {
      if (current !== null) yield firstInSection ? ']' : '\n  ]';
      yield `${written.size ? ',' : ''}\n  ${JSON.stringify(item.recordType)}: [`;
      written.add(item.recordType);
      current = item.recordType;
      firstInSection = true;
    }
    yield* elements(item, firstInSection ? '\n    ' : separator);
    firstInSection = false;
  }
  if (current !== null) yield firstInSection ? ']' : '\n  ]';
  for (const section of sections) {
    if (written.has(section)) continue;
    yield `${written.size ? ',' : ''}\n  ${JSON.stringify(section)}: []`;
    written.add(section);
  }
  yield '\n}\n';
}

/** Several complete top-level objects, one per line, say JSON Lines rather than one JSON document. */
export function looksLikeJsonLines(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline === -1) return false;
  const rest = text.slice(newline + 1).trimStart();
  if (!rest.startsWith('{')) return false;
  try {
    const first = JSON.parse(text.slice(0, newline));
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

export const jsonCodec: Codec = {
  id: 'json',
  ...FORMAT_CATALOGUE.json,
  streaming: true,
  runKind: 'json',
  writeItems: write,
  runSeparator: elementSeparator,
  sniff(head) {
    const text = head.replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('[')) return /^\[\s*(\{|\]|$)/.test(text) ? 0.9 : 0.5;
    if (text.startsWith('{')) return looksLikeJsonLines(text) ? 0.2 : 0.7;
    return 0;
  },
  read,
  write,
};
