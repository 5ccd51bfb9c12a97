/**
 * CSV: a header row and one row per record. Tags are one comma-joined cell (`sample,test`), or a JSON array
 * when a tag holds a comma or would not read back exactly; metadata, attachments and a template's schema are
 * JSON cells (types intact); an export without metadata has no metadata column. See cells.ts for the
 * spreadsheet-safe escaping and columns.ts for the columns of each type.
 */
import type { Codec } from '../codec.ts';
import { sniffableHead } from '../text.ts';
import { guessDelimiter, guessNewline, readCsv } from './reader.ts';
import { writeCsv } from './writer.ts';
import { COLUMN_KINDS, TYPE_COLUMN } from './columns.ts';
import { ESCAPE_COLUMN } from './cells.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';

function sniff(head: string): number {
  const text = sniffableHead(head);
  const trimmed = text.trimStart();
  if (trimmed === '' || /^[[{<#]/.test(trimmed) || trimmed.startsWith('---') || trimmed.startsWith('- ')) return 0;
  const newline = guessNewline(text);
  const complete = head.length < 64 * 1024;
  const delimiter = guessDelimiter(text, newline, complete);
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const headerCells = firstLine.split(delimiter ?? ',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const knownHeaders = headerCells.filter((c) => c in COLUMN_KINDS || c === TYPE_COLUMN || c === ESCAPE_COLUMN).length;
  if (headerCells.includes(ESCAPE_COLUMN) && delimiter) return 0.95;
  // Binary data has "consistent" commas too: refuse text that is not text.
  const oddCharacters = (text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (text.includes('\u0000') || oddCharacters > text.length / 100) return 0;
  if (!delimiter) return (knownHeaders > 0 && headerCells.length === 1) || /[,;\t|]/.test(firstLine) ? 0.3 : 0;
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '').length;
  let score = lines > 1 ? 0.6 : 0.4;
  if (knownHeaders > 0) score += 0.2;
  if (headerCells.includes(ESCAPE_COLUMN)) score += 0.15;
  return Math.min(score, 0.95);
}

export const csvCodec: Codec = {
  id: 'csv',
  ...FORMAT_CATALOGUE.csv,
  streaming: true,
  sniff,
  read: readCsv,
  write: writeCsv,
  runKind: 'cells',
  writeItems: writeCsv,
};
