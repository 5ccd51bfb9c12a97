/**
 * A page of records as their stored values, for writers that format each value themselves (CSV): per field,
 * the page's values as one buffer of their UTF-8 bytes back to back, and their byte lengths. Few values cross
 * from SQLite (two per field and page), no string per value, and the bytes need no re-encoding
 * (docs/performance.md, "Export").
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

/**
 * How a stored value becomes the record's value, as the repository's fromRow makes it:
 * - `text`: a string (the column is NOT NULL);
 * - `nullable`: a string, or null (the field is there, null);
 * - `optional`: a string, or absent when NULL;
 * - `json`: JSON text (as stored, or as `json()` minified it), the value being what JSON.parse gives. The store
 *   writes JSON.stringify's text, so a writer may take the text for the value's JSON, as the SQLite-built JSON
 *   runs do.
 */
export type StoredAs = 'text' | 'nullable' | 'optional' | 'json';

export interface CellField {
  /** The record's field, in the record's key order. */
  name: string;
  stored: StoredAs;
}

/** A field and the SQL that reads it. */
export interface CellColumn extends CellField {
  sql: string;
}

export interface StoredCells {
  count: number;
  fields: readonly CellField[];
  /** Per field, its `count` values' bytes back to back (NULL adds none). */
  values: Buffer[];
  /** Field by field, `count` byte lengths each: field f's value of record r is `lengths[f * count + r]` long, -1 for NULL. */
  lengths: Int32Array;
  /** When asked for: the same records' compact JSON, one a line (the JSON runs' bytes), for checksums. */
  json?: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** The inner query's columns and the page's aggregates for these fields (store/record-pages.ts). */
export function cellsQuery(columns: readonly CellColumn[], json: string | null): { columns: string[]; aggregates: string[] } {
  const length = (f: CellColumn, i: number) =>
    f.stored === 'nullable' || f.stored === 'optional' ? `coalesce(octet_length(c${i}), -1)` : `octet_length(c${i})`;
  return {
    columns: [...columns.map((f, i) => `${f.sql} AS c${i}`), ...(json ? [`${json} AS j`] : [])],
    aggregates: [
      ...columns.map((_, i) => `CAST(group_concat(c${i}, '') AS BLOB)`),
      // Integers joined by commas: measured cheaper than a length list per row.
      ...columns.map((f, i) => `CAST(group_concat(${length(f, i)}) AS BLOB)`),
      ...(json ? ['CAST(group_concat(j, char(10)) AS BLOB)'] : []),
    ],
  };
}

/** Reads a page of `cellsQuery`. */
export function storedCells(page: unknown[], fields: readonly CellField[], withJson: boolean): StoredCells {
  const count = page[0] as number;
  const n = fields.length;
  const lengths = new Int32Array(n * count);
  for (let f = 0; f < n; f++) {
    const found = parseLengths(page[1 + n + f] as Buffer, lengths, f * count);
    if (found !== count) throw new AppError(ERROR_CODES.INTERNAL, `A page of ${count} records gave ${found} lengths for ${fields[f]!.name}.`);
  }
  return {
    count,
    fields,
    values: fields.map((_, f) => (page[1 + f] as Buffer | null) ?? EMPTY),
    lengths,
    ...(withJson ? { json: page[1 + 2 * n] as Buffer } : {}),
  };
}

const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

/** Comma-separated integers (`12,-1,0`) into `into` from `at`; returns how many. */
function parseLengths(text: Buffer, into: Int32Array, at: number): number {
  let k = at;
  let value = 0;
  let negative = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === COMMA) {
      into[k++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === MINUS) negative = true;
    else value = value * 10 + (c - ZERO);
  }
  into[k++] = negative ? -value : value;
  return k - at;
}
