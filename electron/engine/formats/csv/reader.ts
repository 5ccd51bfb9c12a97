/**
 * CSV import, streaming: text chunks go through papaparse's core parser a chunk at a time (the incomplete
 * last row is carried over), so memory stays at one chunk plus one row. Foreign files are welcome: the
 * delimiter (comma, semicolon, tab, pipe) and the line end are detected, a UTF-8 or UTF-16 BOM is honoured.
 *
 * Never silently wrong: a row with more or fewer cells than the header, or a quoting error, becomes a record
 * error with its line number; nothing is shifted into the wrong column or merged into a neighbour.
 *
 * A row whose every cell is empty (`,,,,`: the separator rows Todoist writes between tasks) holds nothing to
 * import: like a blank line it is not a record (the records keep their order and their lines), and one warning
 * at the end of the file counts them and names their lines.
 */
import Papa from 'papaparse';
import type { RawRecord, ReadContext } from '../codec.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import type { RecordType } from '../../../../shared/model.ts';
import { decodeText } from '../text.ts';
import { defineField } from '../../../../shared/define-field.ts';
import { guessRecordType, isRecordType } from '../../../../shared/record-type.ts';
import { COLUMN_KINDS, TYPE_COLUMN, isTypeColumn } from './columns.ts';
import { ESCAPE_COLUMN, parseTagsCell, unescapeCell } from './cells.ts';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_CHARS = 64 * 1024;

/** What a user may type for a delimiter: `\t`, `tab`, `;`... */
export function normaliseDelimiter(value: string): string {
  const v = value.trim() === '' ? value : value.trim();
  if (v === '\\t' || v.toLowerCase() === 'tab') return '\t';
  if (v.toLowerCase() === 'comma') return ',';
  if (v.toLowerCase() === 'semicolon') return ';';
  if (v.toLowerCase() === 'pipe') return '|';
  if (v === '' || v === '"' || v.includes('\n') || v.includes('\r')) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${value}" cannot be a CSV delimiter.`, { field: 'delimiter' });
  }
  return v;
}

/** The line end outside quoted fields, as papaparse guesses it. */
export function guessNewline(sample: string): '\r\n' | '\n' | '\r' {
  const unquoted = sample.replace(/"[^"]*"/g, '');
  const cr = unquoted.indexOf('\r');
  const lf = unquoted.indexOf('\n');
  if (cr === -1) return '\n';
  if (lf === -1) return '\r';
  return unquoted[cr + 1] === '\n' && cr < lf ? '\r\n' : '\n';
}

/**
 * The delimiter whose rows agree best on a field count above one. `complete` says the sample is the whole
 * file; otherwise its last row may be cut short and is not judged.
 */
export function guessDelimiter(sample: string, newline: string, complete: boolean): string | undefined {
  let best: { delimiter: string; score: number } | undefined;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, newline: newline as '\n', preview: 50, skipEmptyLines: true });
    let rows = parsed.data;
    if (!complete && rows.length > 1 && parsed.data.length < 50) rows = rows.slice(0, -1);
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const agreeing = rows.filter((r) => r.length === width).length;
    const score = agreeing / rows.length + width / 1000;
    if (agreeing / rows.length >= 0.5 && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter;
}

interface ParsedRow {
  cells: string[];
  error?: string;
}

interface ParsedRows {
  rows: ParsedRow[];
  cursor: number;
}

const STRAY_QUOTE = 'a quote inside a field is not escaped (write "" for a quote)';

/**
 * papaparse's core parser in step mode (one callback per row: measurably faster than collecting a chunk's
 * rows, and each row comes with its own errors). The last, possibly incomplete row of a non-final chunk is
 * left for the next call; `cursor` says where it starts.
 *
 * A stray quote (`"ab"cd`) makes papaparse read on, across line ends, until some later quote closes the field,
 * swallowing the rows in between. Instead the row's first line alone becomes the error, and parsing resumes on
 * the next line with a fresh parser, so the rows after it are read as rows.
 */
function createRowParser(delimiter: string, newline: string) {
  let rows: ParsedRow[] = [];
  let rowStart = 0;
  let strayAt: number | undefined;
  const make = (): Papa.Parser => {
    const created: Papa.Parser = new Papa.Parser({
      delimiter,
      newline: newline as '\n',
      quoteChar: '"',
      step(results: { data: string[][]; errors: { code: string }[]; meta: { cursor: number } }) {
        const e = results.errors[0];
        if (e && e.code !== 'MissingQuotes') {
          strayAt = rowStart;
          created.abort();
          return;
        }
        rows.push({ cells: results.data[0] ?? [''], error: e ? 'a quoted field is never closed' : undefined });
        rowStart = results.meta.cursor;
      },
    });
    return created;
  };
  let parser = make();
  return (text: string, final: boolean): ParsedRows => {
    const out: ParsedRow[] = [];
    let offset = 0;
    while (true) {
      rows = [];
      rowStart = 0;
      strayAt = undefined;
      const piece = offset ? text.slice(offset) : text;
      const results = parser.parse(piece, 0, !final) as { meta: { cursor: number } };
      out.push(...rows);
      if (strayAt === undefined) return { rows: out, cursor: offset + results.meta.cursor };
      parser = make();
      const end = piece.indexOf(newline, strayAt);
      if (end === -1 && !final) return { rows: out, cursor: offset + strayAt };
      const lineText = end === -1 ? piece.slice(strayAt) : piece.slice(strayAt, end);
      out.push({ cells: lineText.split(delimiter), error: STRAY_QUOTE });
      if (end === -1) return { rows: out, cursor: text.length };
      offset += end + newline.length;
    }
  };
}

/** Decoded text in slices of at most 64 K characters: papaparse is fastest on chunks of about that size. */
async function* slices(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const size = 64 * 1024;
  for await (const chunk of chunks) {
    if (chunk.length <= size) yield chunk;
    else for (let i = 0; i < chunk.length; i += size) yield chunk.slice(i, i + size);
  }
}

/** How many line breaks a row spans (its quoted cells may hold some), so line numbers stay true. */
function lineBreaksIn(cells: string[], newline: string): number {
  const mark = newline === '\r' ? '\r' : '\n';
  let n = 0;
  for (const cell of cells) {
    let i = cell.indexOf(mark);
    while (i !== -1) {
      n++;
      i = cell.indexOf(mark, i + 1);
    }
  }
  return n;
}

/** The lines a warning names; the count goes on past them. */
const EMPTY_LINES_NAMED = 8;

class RowInterpreter {
  private header: string[] | undefined;
  private own = false;
  private headerType: RecordType | undefined;
  recordNumber = 0;
  /** Rows of empty cells skipped (a blank line is not one of them), and the first of their lines. */
  emptyRows = 0;
  private readonly emptyLines: number[] = [];

  constructor(private readonly context: ReadContext) {}

  /** Returns the record for a data row, or undefined for the header and blank lines. */
  accept(cells: string[], line: number, parseError: string | undefined): RawRecord | undefined {
    if (!this.header) {
      if (cells.length === 1 && cells[0]!.trim() === '') return undefined;
      if (parseError) throw new AppError(ERROR_CODES.PARSE_ERROR, `The CSV header (line ${line}) cannot be read: ${parseError}.`, { data: { line } });
      this.setHeader(cells, line);
      return undefined;
    }
    // A blank line (one empty cell: also what a final line break leaves) is not a record, whatever the header.
    if (cells.length === 1 && cells[0] === '') return undefined;
    if (!parseError && cells.every((c) => c === '')) {
      if (++this.emptyRows <= EMPTY_LINES_NAMED) this.emptyLines.push(line);
      return undefined;
    }
    this.recordNumber++;
    const recordNumber = this.recordNumber;
    if (parseError) {
      return {
        recordNumber,
        line,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `Line ${line}: ${parseError}; the row was not imported.`,
          record: recordNumber,
          data: { reason: `${parseError}; the row was not imported.` },
        },
      };
    }
    if (cells.length !== this.header.length) {
      return {
        recordNumber,
        line,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `Line ${line} has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${this.header.length}; the row was not imported (nothing is shifted).`,
          record: recordNumber,
          data: {
            reason: `has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${this.header.length}; the row was not imported (nothing is shifted).`,
          },
        },
      };
    }
    return { recordNumber, line, ...this.buildRecord(cells) };
  }

  /** "5 empty rows skipped (lines 3, 5, 10, 16, 18)." */
  emptyRowsWarning(): string | undefined {
    const n = this.emptyRows;
    if (n === 0) return undefined;
    const lines = `${this.emptyLines.join(', ')}${n > EMPTY_LINES_NAMED ? ', …' : ''}`;
    return `${n.toLocaleString('en-US')} empty row${n === 1 ? '' : 's'} skipped (line${n === 1 ? '' : 's'} ${lines}).`;
  }

  private setHeader(cells: string[], line: number): void {
    this.own = cells.some((c) => c.trim() === ESCAPE_COLUMN);
    const names = cells.map((c, i) => {
      const name = c.trim();
      if (name === '') return `column${i + 1}`;
      return this.own ? unescapeCell(name) : name;
    });
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) {
        throw new AppError(ERROR_CODES.PARSE_ERROR, `The CSV header (line ${line}) names the column "${name}" twice; which one holds the value is ambiguous.`, {
          field: name,
          data: { line },
        });
      }
      seen.add(name);
    }
    this.header = names;
    const requested = this.context.dataType;
    this.headerType = isRecordType(requested) ? requested : guessRecordType(Object.fromEntries(names.map((n) => [n, ''])));
  }

  private buildRecord(cells: string[]): { value: Record<string, unknown>; recordType?: RecordType } {
    const header = this.header!;
    const typeIndex = header.indexOf(TYPE_COLUMN);
    const typeCell = typeIndex === -1 ? undefined : cells[typeIndex];
    const recordType = isRecordType(typeCell) ? typeCell : undefined;
    const rowType = recordType ?? this.headerType ?? 'contexts';
    const escapeIndex = header.indexOf(ESCAPE_COLUMN);
    const flagged = this.own && escapeIndex !== -1 && cells[escapeIndex] === '1';
    const value: Record<string, unknown> = {};
    let metadata: Record<string, unknown> | undefined;
    for (let i = 0; i < header.length; i++) {
      const name = header[i]!;
      const raw = cells[i]!;
      if (name === ESCAPE_COLUMN && this.own) continue;
      if (i === typeIndex && recordType) continue;
      const text = flagged ? unescapeCell(raw) : raw;
      const kind = isTypeColumn(rowType, name) ? COLUMN_KINDS[name] : undefined;
      if (!kind) {
        if (raw === '') continue; // another type's column in a combined file, or an unset extra field
        if (name.startsWith('metadata.') && name.length > 'metadata.'.length) {
          metadata ??= {};
          defineField(metadata, name.slice('metadata.'.length), text);
        } else defineField(value, name, text);
        continue;
      }
      switch (kind) {
        case 'string':
          defineField(value, name, text);
          break;
        case 'optional':
          if (raw !== '') defineField(value, name, text);
          break;
        case 'nullable':
          defineField(value, name, raw === '' ? null : text);
          break;
        case 'tags':
          // The app's own export wrote this cell (tagsCell): read it back exactly. A foreign file's text goes to
          // the mapping step as written, where one rule splits every field mapped to tags (mapping/tags.ts).
          defineField(value, name, this.own ? parseTagsCell(text) : text);
          break;
        case 'number':
          if (raw !== '') defineField(value, name, /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
          break;
        case 'json':
          if (raw !== '') defineField(value, name, parseJsonCell(text));
          break;
      }
    }
    if (metadata) {
      const existing = value.metadata;
      if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
        for (const key of Object.keys(metadata)) if (!(key in existing)) defineField(existing as Record<string, unknown>, key, metadata[key]);
      } else if (existing === undefined) defineField(value, 'metadata', metadata);
    }
    return { value, recordType };
  }
}

function parseJsonCell(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      /* left as text: validation names the field */
    }
  }
  return text;
}

export async function* readCsv(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  const interpreter = new RowInterpreter(context);
  let parse: ((text: string, final: boolean) => ParsedRows) | undefined;
  let newline: '\r\n' | '\n' | '\r' = '\n';
  let pending: string[] = [];
  let pendingLength = 0;
  /** Re-parse an incomplete row only once the text has grown enough: linear time for rows of any size. */
  let parseAt = 0;
  let line = 1;
  const maxChars = context.maxRecordBytes;

  function* emit(parsed: ParsedRows): Generator<RawRecord> {
    for (const row of parsed.rows) {
      let size = 0;
      for (const cell of row.cells) size += cell.length;
      const tooLarge = size > maxChars ? `the row is larger than ${maxChars} characters` : undefined;
      const record = interpreter.accept(row.cells, line, row.error ?? tooLarge);
      line += 1 + lineBreaksIn(row.cells, newline);
      if (record) yield record;
    }
  }

  const start = (sample: string, complete: boolean) => {
    newline = guessNewline(sample);
    const delimiter = context.delimiter ? normaliseDelimiter(context.delimiter) : (guessDelimiter(sample, newline, complete) ?? ',');
    parse = createRowParser(delimiter, newline);
  };

  for await (const chunk of slices(decodeText(input, context.encoding, context.onEncoding))) {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (!parse && pendingLength < SNIFF_CHARS) continue;
    if (pendingLength < parseAt) continue;
    const text = pending.length === 1 ? pending[0]! : pending.join('');
    if (!parse) start(text, false);
    const parsed = parse!(text, false);
    yield* emit(parsed);
    const rest = text.slice(parsed.cursor);
    pending = rest ? [rest] : [];
    pendingLength = rest.length;
    if (rest.length > maxChars) {
      throw new AppError(
        ERROR_CODES.LIMIT_EXCEEDED,
        `The CSV row starting on line ${line} is larger than ${maxChars} characters (an unclosed quote makes a row run on to the end of the file).`,
        { data: { line } },
      );
    }
    parseAt = parsed.rows.length === 0 ? Math.max(rest.length * 2, 64 * 1024) : 0;
  }
  const text = pending.join('');
  if (!parse) {
    if (text.trim() === '') return;
    start(text, true);
  }
  if (text !== '') yield* emit(parse!(text, true));
  const skipped = interpreter.emptyRowsWarning();
  if (skipped) context.onWarning?.(skipped);
}
