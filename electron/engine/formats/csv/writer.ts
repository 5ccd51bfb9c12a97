/**
 * CSV export: a header row, one row per record, CRLF line ends (RFC 4180), every cell spreadsheet-safe
 * (cells.ts). The columns are fixed by the data type, so rows stream out as they come; a combined (`all`)
 * export adds a `dataType` column. When a template shaped the records (or a projection gives them other
 * fields), the columns are taken from the first records instead; a shaped export has exactly the template's
 * columns, without the `_escaped` marker (cells are still made spreadsheet-safe; read back, such a file is a
 * foreign CSV, its cells kept as written).
 */
import type { OutRecord, WriteContext } from '../codec.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { COLUMN_KINDS, TYPE_COLUMN, canonicalColumns } from './columns.ts';
import { ESCAPE_COLUMN, escapeCell, quoteCell, tagsCell } from './cells.ts';

/** How many records are looked at to choose columns when a projection changed the fields. */
const COLUMN_SAMPLE = 100;

function cellFor(column: string, value: unknown): { text: string; escaped: boolean } {
  if (value === undefined) return { text: '', escaped: false };
  const kind = COLUMN_KINDS[column];
  if (kind === 'tags' && Array.isArray(value)) return escapeCell(tagsCell(value));
  if (kind === 'nullable' && value === null) return { text: '', escaped: false };
  if (typeof value === 'string') return escapeCell(value, kind === 'nullable');
  if (typeof value === 'number' || typeof value === 'boolean') return escapeCell(String(value));
  // Objects and arrays (metadata, attachments, a template's schema) travel as one JSON cell, types intact.
  return escapeCell(JSON.stringify(value));
}

export async function* writeCsv(records: AsyncIterable<OutRecord>, context: WriteContext): AsyncIterable<string> {
  const iterator = records[Symbol.asyncIterator]();
  const sample: OutRecord[] = [];
  const canonical = canonicalColumns(context.dataType, context.includeMetadata);
  const known = new Set(canonical);
  let projected = context.shaped === true;
  while (sample.length < COLUMN_SAMPLE) {
    const next = await iterator.next();
    if (next.done) break;
    sample.push(next.value);
    if (Object.keys(next.value.value).some((k) => !known.has(k))) projected = true;
  }
  let columns = canonical;
  if (projected) {
    const seen = new Set<string>();
    for (const record of sample) for (const key of Object.keys(record.value)) seen.add(key);
    columns = [...seen];
  }
  const columnSet = new Set(columns);
  const withType = context.dataType === 'all';
  const marked = context.shaped !== true;
  const header = [...(withType ? [TYPE_COLUMN] : []), ...columns, ...(marked ? [ESCAPE_COLUMN] : [])].map((name) => quoteCell(escapeCell(name).text));
  yield header.join(',') + '\r\n';

  let recordNumber = 0;
  const row = (record: OutRecord): string => {
    recordNumber++;
    for (const key of Object.keys(record.value)) {
      if (!columnSet.has(key) && record.value[key] !== undefined) {
        throw new AppError(
          ERROR_CODES.SCHEMA_MISMATCH,
          `Record ${recordNumber} has a field "${key}" that the CSV columns (chosen from the first ${sample.length} records) do not include. ` +
            'Export as JSON, or use a template that gives every record the same fields.',
          { record: recordNumber, field: key },
        );
      }
    }
    let escaped = false;
    const cells: string[] = withType ? [record.recordType] : [];
    for (const column of columns) {
      const cell = cellFor(column, record.value[column]);
      escaped ||= cell.escaped;
      cells.push(quoteCell(cell.text));
    }
    if (marked) cells.push(escaped ? '1' : '');
    return cells.join(',') + '\r\n';
  };

  // Rows are batched into larger strings: fewer, bigger writes.
  let batch = '';
  for (const record of sample) batch += row(record);
  if (batch) yield batch;
  batch = '';
  while (true) {
    const next = await iterator.next();
    if (next.done) break;
    batch += row(next.value);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}
