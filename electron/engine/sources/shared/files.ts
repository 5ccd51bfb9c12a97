/** Small helpers the presets share: file names, mime types, attachments, dates from files. */
import path from 'node:path';
import type { Attachment } from '../../../../shared/model.ts';
import type { InputEntry } from '../../inputs/expand.ts';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.3gp': 'audio/3gpp',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.html': 'text/html',
};

export function mimeOf(name: string): string {
  return MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

export function extOf(entryPath: string): string {
  return path.posix.extname(entryPath).toLowerCase();
}

export function baseName(entryPath: string): string {
  return path.posix.basename(entryPath);
}

export function stem(entryPath: string): string {
  return path.posix.basename(entryPath, path.posix.extname(entryPath));
}

export function dirName(entryPath: string): string {
  const dir = path.posix.dirname(entryPath);
  return dir === '.' ? '' : dir;
}

/** The largest file a preset attaches: a record holds its attachments' bytes (base64) whole, in memory. */
export const MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024;

/** The file as an attachment, or undefined with a warning (naming it, its size and the limit) when it is larger. */
export async function attachmentWithin(
  entry: InputEntry,
  warn: (message: string) => void,
  name = baseName(entry.path),
  mimeType = mimeOf(name),
): Promise<Attachment | undefined> {
  if (entry.size > MAX_ATTACHMENT_BYTES) {
    warn(
      `${entry.display}: ${entry.size.toLocaleString('en-US')} bytes, over the ${MAX_ATTACHMENT_BYTES.toLocaleString('en-US')} an attachment may have; not attached (its path is in the record's metadata).`,
    );
    return undefined;
  }
  return attachmentOf(entry, name, mimeType);
}

export async function attachmentOf(entry: InputEntry, name = baseName(entry.path), mimeType = mimeOf(name)): Promise<Attachment> {
  const data = await entry.readAll();
  return { name, mimeType, data: data.toString('base64'), size: data.length };
}

/** Text of a note file: UTF-8, a BOM dropped. */
export function noteText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Index of entries by path and by base name (tools link attachments by either). */
export function entryIndex(entries: InputEntry[]): { byPath: Map<string, InputEntry>; byName: Map<string, InputEntry> } {
  const byPath = new Map<string, InputEntry>();
  const byName = new Map<string, InputEntry>();
  for (const e of entries) {
    byPath.set(e.path, e);
    byPath.set(e.path.toLowerCase(), e);
    const name = baseName(e.path).toLowerCase();
    if (!byName.has(name)) byName.set(name, e);
  }
  return { byPath, byName };
}

/**
 * An ISO date-time from something a tool wrote: ISO text (also Ruby's `2010-01-10 13:07:09 +0000`), a date alone,
 * epoch ms/µs, a Date. Undefined if not a date.
 */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e14 ? value / 1000 : value > 1e11 ? value : value * 1000;
    return new Date(ms).toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    // Date would roll 2013-02-31 over to 3 March: a day that does not exist is no date.
    const day = new Date(`${text}T00:00:00.000Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text) ? day.toISOString() : undefined;
  }
  // Notesnook's Markdown export: `01-01-2024 01:23 AM` (day-month-year; no zone, read as UTC).
  const dmy = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?$/i.exec(text);
  if (dmy) {
    let hour = Number(dmy[4]) % (dmy[7] ? 12 : 24);
    if (dmy[7]?.toUpperCase() === 'PM') hour += 12;
    const date = new Date(Date.UTC(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1]), hour, Number(dmy[5]), Number(dmy[6] ?? 0)));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  // Ruby and Jekyll write `2010-01-10 13:07:09 +00:00` (or `+0000`): one blank before the offset.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}))?$/.test(text)) {
    const normal = `${text.slice(0, 10)}T${text.slice(11).replace(' ', '')}`;
    const parsed = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(normal) ? normal : `${normal}Z`);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
  }
  return undefined;
}
