/**
 * CSV export: a header row, one row per record, CRLF line ends (RFC 4180), every cell spreadsheet-safe
 * (cells.ts). The columns are fixed by the data type, so rows stream out as they come; a combined (`all`)
 * export adds a `dataType` column. When a template shaped the records (or a projection gives them other
 * fields), the columns are the fields the export chose (WriteContext.columns, in its order) and those the first
 * records have beyond them; a shaped export has exactly the template's
 * columns, without the `_escaped` marker (cells are still made spreadsheet-safe; read back, such a file is a
 * foreign CSV, its cells kept as written).
 *
 * Runs of stored values (codec.ts CellRun) are written from their bytes (cell-runs.ts), the same rows as the
 * records they hold.
 */
import { isCellRun, type CellRun, type OutItem, type OutRecord, type WriteContext } from '../codec.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { TYPE_COLUMN, canonicalColumns } from './columns.ts';
import { ESCAPE_COLUMN, cellFor, escapeCell, quoteCell } from './cells.ts';
import { cellRunRows, type RowLayout } from './cell-runs.ts';

/** How many records are looked at to choose columns when a projection changed the fields. */
const COLUMN_SAMPLE = 100;

/** The fields record `row` of a run has, in its key order (what Object.keys gives for the record). */
function runKeys(run: CellRun, row: number): string[] {
  return run.fields.filter((f, i) => f.stored !== 'optional' || run.lengths[i * run.count + row]! >= 0).map((f) => f.name);
}

/** The first record of a run with a field outside the columns, and that field. */
function firstUnknownField(run: CellRun, columns: Set<string>): { row: number; field: string } | null {
  let found: { row: number; field: string } | null = null;
  run.fields.forEach((f, i) => {
    if (columns.has(f.name)) return;
    let row = 0;
    if (f.stored === 'optional') while (row < run.count && run.lengths[i * run.count + row]! < 0) row++;
    if (row < run.count && (!found || row < found.row)) found = { row, field: f.name };
  });
  return found;
}

export async function* writeCsv(items: AsyncIterable<OutItem<'cells'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  const iterator = items[Symbol.asyncIterator]();
  const sample: OutItem<'cells'>[] = [];
  let sampled = 0;
  const canonical = canonicalColumns(context.dataType, context.includeMetadata);
  const known = new Set(canonical);
  let projected = context.shaped === true;
  // The first COLUMN_SAMPLE records, whether they came one by one or in runs.
  const sampledKeys = function* (): Generator<string[]> {
    let left = COLUMN_SAMPLE;
    for (const item of sample) {
      if (!isCellRun(item)) {
        if (left-- > 0) yield Object.keys(item.value);
        continue;
      }
      for (let row = 0; row < item.count && left > 0; row++, left--) yield runKeys(item, row);
    }
  };
  while (sampled < COLUMN_SAMPLE) {
    const next = await iterator.next();
    if (next.done) break;
    sample.push(next.value);
    sampled += isCellRun(next.value) ? next.value.count : 1;
  }
  for (const keys of sampledKeys()) if (keys.some((k) => !known.has(k))) projected = true;
  let columns = canonical;
  if (projected) {
    // The fields the export chose, in its order, then any the first records have beyond them.
    const seen = new Set<string>(context.columns ?? []);
    for (const keys of sampledKeys()) for (const key of keys) seen.add(key);
    columns = [...seen];
  }
  const columnSet = new Set(columns);
  const withType = context.dataType === 'all';
  const marked = context.shaped !== true;
  const layout: RowLayout = { columns, withType, marked };
  const header = [...(withType ? [TYPE_COLUMN] : []), ...columns, ...(marked ? [ESCAPE_COLUMN] : [])].map((name) => quoteCell(escapeCell(name).text));
  yield header.join(',') + '\r\n';

  let recordNumber = 0;
  const unknownField = (record: number, key: string) =>
    new AppError(
      ERROR_CODES.SCHEMA_MISMATCH,
      `Record ${record} has a field "${key}" that the CSV columns (chosen from the first ${Math.min(sampled, COLUMN_SAMPLE)} records) do not include. ` +
        'Export as JSON, or use a template that gives every record the same fields.',
      { record, field: key },
    );
  const row = (record: OutRecord): string => {
    recordNumber++;
    for (const key of Object.keys(record.value)) {
      if (!columnSet.has(key) && record.value[key] !== undefined) throw unknownField(recordNumber, key);
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
  const runRows = (run: CellRun): Buffer => {
    const unknown = firstUnknownField(run, columnSet);
    if (unknown) throw unknownField(recordNumber + unknown.row + 1, unknown.field);
    recordNumber += run.count;
    return cellRunRows(run, layout);
  };

  // Rows are batched into larger strings: fewer, bigger writes. A run is one piece already.
  let batch = '';
  const rows = function* (item: OutItem<'cells'>): Generator<Buffer | string> {
    if (isCellRun(item)) {
      if (batch) yield batch;
      batch = '';
      yield runRows(item);
      return;
    }
    batch += row(item);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  };
  for (const item of sample) yield* rows(item);
  while (true) {
    const next = await iterator.next();
    if (next.done) break;
    yield* rows(next.value);
  }
  if (batch) yield batch;
}
