/**
 * Markdown: readable first, and re-importable without loss.
 *
 *     # Contexts
 *
 *     ## Item 1
 *
 *     **id:** ctx-1
 *     **title:** Hello
 *     **tags:** sample, test
 *     **sessionId:** null
 *     **metadata:**
 *
 *     ```json
 *     { "importance": "high" }
 *     ```
 *
 *     **content:**
 *
 *     ````text
 *     (the content, exactly as stored)
 *     ````
 *
 * The rules that make it lossless:
 * - a field is a line `**key:** value`; a value is written as is only when it reads back as the same string
 *   (one line, no surrounding spaces, no control characters, not JSON-looking); otherwise it is a JSON
 *   literal (`"  padded "`, `null`, `3`, `["a,b"]`);
 * - `content`, any text with a line break, and objects/arrays are fenced blocks under `**key:**`; the fence is
 *   one backtick longer than the longest backtick run in the value (at least three), so nothing inside can
 *   close it, and the reader takes the lines between the fences byte for byte (CR, control characters,
 *   headings, `**id:**` lines and front matter fences inside are just text). `json` blocks hold JSON;
 * - `# Contexts` / `# Sessions` / `# Templates` say the type of the records under them; `## ...` starts a record.
 * Foreign Markdown in the same shape is read too; free text under a record without a `content` field becomes
 * its content.
 */
import { isCellRun, type Codec, type OutItem, type RawRecord, type ReadContext, type WriteContext } from '../codec.ts';
import { markdownCellRun } from './cell-runs.ts';
import { JSON_NUMBER, recordMarkdown } from './field-text.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { RecordType } from '../../../../shared/model.ts';
import { decodeText, sniffableHead, splitTextLines, type TextLine } from '../text.ts';
import { STRING_FIELDS } from '../fields.ts';
import { defineField } from '../../../../shared/define-field.ts';
import { isRecordType } from '../../../../shared/record-type.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';

const SECTION_TITLES: Record<RecordType, string> = { contexts: 'Contexts', sessions: 'Sessions', templates: 'Templates' };

/** Records, or runs of stored values (markdown/cell-runs.ts) between them, numbered within their type's section. */
async function* write(records: AsyncIterable<OutItem<'cells'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  let current: RecordType | null = null;
  let n = 0;
  const written = new Set<RecordType>();
  for await (const item of records) {
    if (item.recordType !== current) {
      current = item.recordType;
      written.add(current);
      n = 0;
      yield `# ${SECTION_TITLES[current]}\n\n`;
    }
    if (isCellRun(item)) {
      yield markdownCellRun(item, n + 1);
      n += item.count;
      continue;
    }
    yield recordMarkdown(item.value, ++n);
  }
  if (context.dataType !== 'all' && !current) yield `# ${SECTION_TITLES[context.dataType]}\n\n_No records._\n`;
  if (context.dataType === 'all') {
    for (const type of ['contexts', 'sessions', 'templates'] as const) if (!written.has(type)) yield `# ${SECTION_TITLES[type]}\n\n_No records._\n\n`;
  }
}

/** A line iterator that can give a line back. */
class Lines {
  private back: TextLine[] = [];
  constructor(private readonly source: AsyncIterator<TextLine>) {}
  async next(): Promise<TextLine | undefined> {
    if (this.back.length) return this.back.pop();
    const n = await this.source.next();
    return n.done ? undefined : n.value;
  }
  pushBack(line: TextLine): void {
    this.back.push(line);
  }
}

const FIELD_LINE = /^(?:[-*] )?\*\*("(?:[^"\\]|\\.)*"|[^*]+?):\*\*(?:[ \t]+(.*))?$/s;
/**
 * A fence line: three or more backticks or tildes, then the info string. By scanning, not a regex: the lookahead
 * form left the regex audit to a randomised fuzzer that now and then called it vulnerable.
 */
function fenceOpen(line: string): { fence: string; info: string } | null {
  const mark = line[0];
  if (mark !== '`' && mark !== '~') return null;
  let n = 0;
  while (line[n] === mark) n++;
  return n >= 3 ? { fence: line.slice(0, n), info: line.slice(n) } : null;
}

function parseInline(key: string, text: string): unknown {
  if (key === 'tags' && !text.startsWith('[')) {
    return text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
  }
  if (/^["[{]/.test(text) || /^(null|true|false)$/.test(text) || JSON_NUMBER.test(text)) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (STRING_FIELDS.has(key) && parsed !== null && typeof parsed !== 'string') return text;
      return parsed;
    } catch {
      /* not JSON after all: the text as written */
    }
  }
  return text;
}

interface Draft {
  recordType?: RecordType;
  line: number;
  value: Record<string, unknown>;
  free: string[];
  size: number;
  error?: string;
}

async function* read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  const lines = new Lines(splitTextLines(decodeText(input, context.encoding, context.onEncoding), context.maxRecordBytes)[Symbol.asyncIterator]());
  let section: RecordType | undefined;
  let draft: Draft | undefined;
  let recordNumber = 0;
  let outside = 0;
  let warnedOutside = false;

  const finish = (d: Draft): RawRecord => {
    recordNumber++;
    if (d.error)
      return { recordNumber, recordType: d.recordType, line: d.line, error: { code: ERROR_CODES.PARSE_ERROR, message: d.error, record: recordNumber } };
    if (!('content' in d.value) && d.free.length) {
      while (d.free.length && d.free[0]!.trim() === '') d.free.shift();
      while (d.free.length && d.free[d.free.length - 1]!.trim() === '') d.free.pop();
      if (d.free.length) d.value.content = d.free.join('\n');
    }
    const warnings =
      outside > 0 && !warnedOutside
        ? [`${outside} line(s) of text before the first "## " record were not imported (a note? read it with --source markdown-notes).`]
        : undefined;
    if (warnings) warnedOutside = true;
    return { recordNumber, recordType: d.recordType, line: d.line, value: d.value, ...(warnings ? { warnings } : {}) };
  };

  for (let next = await lines.next(); next; next = await lines.next()) {
    const text = next.text.endsWith('\r') ? next.text.slice(0, -1) : next.text;
    const heading = matchHeading(text);
    if (heading && heading[1] === '#') {
      if (draft) yield finish(draft);
      draft = undefined;
      const title = heading[2]!.trim().toLowerCase();
      section = isRecordType(title) ? title : undefined;
      continue;
    }
    if (heading && heading[1] === '##') {
      if (draft) yield finish(draft);
      draft = { recordType: section, line: next.line, value: {}, free: [], size: 0 };
      continue;
    }
    if (!draft) {
      // A title, front matter or prose before the first record: not part of any record, so never silently lost.
      if (text.trim() !== '' && text.trim() !== '_No records._') outside++;
      continue;
    }
    const field = FIELD_LINE.exec(text);
    if (!field) {
      if (!draft.error) draft.free.push(next.text);
      continue;
    }
    let key = field[1]!;
    if (key.startsWith('"')) {
      try {
        key = JSON.parse(key) as string;
      } catch {
        /* a key that only looks quoted */
      }
    }
    const inline = field[2]?.trimEnd() ?? '';
    if (inline !== '') {
      defineField(draft.value, key, parseInline(key, inline));
      continue;
    }
    // A block value: blank lines, then a fence.
    let fenceLine = await lines.next();
    while (fenceLine && fenceLine.text.replace(/\r$/, '').trim() === '') fenceLine = await lines.next();
    const open = fenceLine ? fenceOpen(fenceLine.text.replace(/\r$/, '')) : null;
    if (!fenceLine || !open) {
      if (fenceLine) lines.pushBack(fenceLine);
      defineField(draft.value, key, '');
      continue;
    }
    const fence = open.fence;
    const info = open.info.trim();
    const body: string[] = [];
    let closed = false;
    for (let l = await lines.next(); l; l = await lines.next()) {
      const bare = l.text.replace(/\r$/, '');
      if (
        bare.startsWith(fence[0]!.repeat(fence.length)) &&
        bare.trimEnd() === fence[0]!.repeat(bare.trimEnd().length) &&
        bare.trimEnd().length >= fence.length
      ) {
        closed = true;
        break;
      }
      draft.size += l.text.length + 1;
      if (draft.size > context.maxRecordBytes) {
        draft.error = `Record starting on line ${draft.line} is larger than ${context.maxRecordBytes} characters.`;
        break;
      }
      body.push(l.text);
    }
    if (!closed && !draft.error) {
      draft.error = `Line ${fenceLine.line}: the fenced block of "${key}" is never closed (is the file truncated?).`;
      continue;
    }
    const value = body.join('\n');
    if (info === 'json') {
      try {
        defineField(draft.value, key, JSON.parse(value));
      } catch (error) {
        draft.error = `Line ${fenceLine.line}: the JSON block of "${key}" is not valid JSON: ${(error as Error).message}`;
      }
    } else defineField(draft.value, key, value);
  }
  if (draft) yield finish(draft);
  if (recordNumber === 0 && outside > 0) {
    yield {
      recordNumber: 1,
      line: 1,
      error: {
        code: ERROR_CODES.PARSE_ERROR,
        record: 1,
        message:
          `${context.fileName} has text but no "## " record headings, so it holds no records in this app's Markdown layout. ` +
          'If it is a note (Obsidian, Joplin, plain Markdown), import it with --source markdown-notes.',
      },
    };
  }
}

export const markdownCodec: Codec = {
  id: 'markdown',
  ...FORMAT_CATALOGUE.markdown,
  streaming: true,
  sniff(head) {
    const text = sniffableHead(head);
    if (/^\*\*id:\*\*/m.test(text) && /^#{1,2} /m.test(text)) return 0.95;
    // A note with YAML front matter (Obsidian, Joplin, Jekyll): Markdown, even with no heading. Kept below YAML's
    // score for a bare `---` document, so only the .md extension (or a heading) tips it to Markdown.
    if (/^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.test(text)) return /^#{1,6} \S/m.test(text) ? 0.8 : 0.6;
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const first = lines[0] ?? '';
    // "# comment" then "- key: value" lines is YAML with a comment, not a Markdown heading.
    const body = lines.filter((l) => !l.startsWith('#'));
    const yamlish = body.length > 0 && body.every((l) => /^\s*(- )?["']?[\w .-]+["']?:( |$)/.test(l) || /^\s*- /.test(l) || /^\s+\S/.test(l));
    if (yamlish && !/^## /m.test(text)) return 0.2;
    if (/^#{1,6} \S/.test(first)) return 0.8;
    if (first === '---' && /^#{1,6} \S/m.test(text)) return 0.7;
    if (/^#{1,6} \S/m.test(text)) return 0.4;
    return 0;
  },
  read,
  write,
  runKind: 'cells',
  writeItems: write,
};

/**
 * `# Title #`: the level and the title without its closing hashes. Trimmed by hand: `(.*?)[ \t#]*$` was
 * quadratic on a long run of spaces (test/security/regex-audit).
 */
function matchHeading(text: string): [string, string, string] | undefined {
  const m = /^(#{1,6})[ \t]+(.*)$/s.exec(text);
  if (!m) return undefined;
  const rest = m[2]!;
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t' || rest[end - 1] === '#')) end--;
  return [m[0], m[1]!, rest.slice(0, end)];
}
