/**
 * Rejected records as a file to fix and import again: each record as the source had it (before mapping),
 * in the source's own format, with one more field, `_error`, saying which field failed and why. A CSV
 * stays a CSV with its original columns, so it opens in a spreadsheet; JSON Lines stays JSON Lines.
 * Formats that cannot carry an extra field per record without changing their shape (XML, Markdown) are
 * written as JSON Lines, and the path says so.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import YAML from 'yaml';
import type { FormatId } from '../../../shared/options.ts';

export const REJECT_ERROR_FIELD = '_error';

export interface RejectEntry {
  /** The record as read from the source, before any mapping. */
  source: unknown;
  field?: string;
  message: string;
}

export interface RejectsWriter {
  /** The format the file is written in (the source's, or jsonl where it cannot carry `_error`). */
  readonly format: FormatId;
  readonly path: string;
  add(entry: RejectEntry): void;
  /** Flushes and closes; resolves to how many records were written. */
  close(): Promise<number>;
}

const KEEPS_OWN_FORMAT: readonly FormatId[] = ['csv', 'jsonl', 'json', 'yaml'];

export function rejectsFormatFor(sourceFormat: FormatId): FormatId {
  return KEEPS_OWN_FORMAT.includes(sourceFormat) ? sourceFormat : 'jsonl';
}

export function createRejectsWriter(file: string, sourceFormat: FormatId): RejectsWriter {
  const format = rejectsFormatFor(sourceFormat);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let count = 0;
  let columns: string[] | undefined;
  const errorText = (entry: RejectEntry) => (entry.field ? `${entry.field}: ${entry.message}` : entry.message);

  const line = (entry: RejectEntry): string => {
    const record = asObject(entry.source);
    const withError = { ...record, [REJECT_ERROR_FIELD]: errorText(entry) };
    switch (format) {
      case 'csv': {
        let header = '';
        if (!columns) {
          columns = [...Object.keys(record).filter((k) => k !== REJECT_ERROR_FIELD), REJECT_ERROR_FIELD];
          header = `${Papa.unparse([columns])}\r\n`;
        }
        const cells = columns.map((c) => cell((withError as Record<string, unknown>)[c]));
        // The cells are the user's own, written back as they were read, so the fixed file imports the same.
        return `${header}${Papa.unparse([cells], { escapeFormulae: false })}\r\n`;
      }
      case 'json':
        return `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(withError, null, 2)}`;
      case 'yaml':
        // Each record as a one-item sequence: the concatenation is one valid YAML sequence.
        return YAML.stringify([withError]);
      default:
        return `${JSON.stringify(withError)}\n`;
    }
  };

  return {
    format,
    path: file,
    add(entry) {
      out.write(line(entry));
      count++;
    },
    close() {
      if (format === 'json') out.write(count === 0 ? '[]\n' : '\n]\n');
      return new Promise((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve(count));
      });
    },
  };
}

/** A CSV row read as an object keeps its columns; anything else that is not an object is kept under `value`. */
function asObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** A cell as the source had it: strings as they were, lists (a tags column read as a list) joined back. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
