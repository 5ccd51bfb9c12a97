/**
 * The archive folder: exports and backups filed under a dated name, with `index.json` listing what, when,
 * counts and checksums, so "archive migration files" is a listing, not a chore. Files are copied (the
 * original stays where the user asked for it); the index is rewritten through a temporary file.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ArchiveEntry {
  id: string;
  kind: 'export' | 'backup';
  createdAt: string;
  counts: Record<string, number>;
  files: { path: string; bytes: number; sha256: string }[];
  /** Archive-relative names of the copies. */
  archived?: string[];
}

export const ARCHIVE_INDEX = 'index.json';

export function readArchiveIndex(dir: string): { entries: ArchiveEntry[] } {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, ARCHIVE_INDEX), 'utf8')) as { entries?: ArchiveEntry[] };
    return { entries: Array.isArray(parsed.entries) ? parsed.entries : [] };
  } catch {
    return { entries: [] };
  }
}

/** Copies the files into `DIR/YYYY-MM-DD/HHMMSS-kind-name`, appends to the index; returns the first copy's path. */
export function fileInArchive(dir: string, entry: ArchiveEntry): string {
  const day = entry.createdAt.slice(0, 10);
  const time = entry.createdAt.slice(11, 19).replace(/:/g, '');
  const folder = path.join(dir, day);
  fs.mkdirSync(folder, { recursive: true });
  const archived: string[] = [];
  for (const file of entry.files) {
    const name = `${time}-${entry.kind}-${path.basename(file.path)}`;
    fs.copyFileSync(file.path, path.join(folder, name));
    archived.push(path.join(day, name));
  }
  const index = readArchiveIndex(dir);
  index.entries.push({ ...entry, archived });
  const tmp = path.join(dir, `.${ARCHIVE_INDEX}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ contextStoreArchive: 1, entries: index.entries }, null, 2) + '\n');
  fs.renameSync(tmp, path.join(dir, ARCHIVE_INDEX));
  return path.join(dir, archived[0]!);
}
