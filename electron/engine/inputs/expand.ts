/**
 * Inputs beyond one file. A path given to import or validate may be a file, a folder (read recursively) or a
 * zip (any file that starts with the ZIP signature, whatever its extension); each becomes an ExpandedInput: a list of entries with '/'-separated paths relative to its root, each
 * readable as a stream. Source presets and the format readers see the same entries, whatever the container.
 *
 * Zip safety: entries are read with yauzl (which refuses absolute paths and `..` segments in names), one at a
 * time, streamed; the expanded size of every entry and of the whole archive is capped by the same limits as
 * gzip (envelope/limits.ts), as is the ratio of plain to compressed bytes; an archive of more than
 * MAX_ZIP_ENTRIES entries is refused. Folders skip hidden entries (`.obsidian/`, `.git/`, `.DS_Store`, and the
 * junk operating systems leave: `Thumbs.db`, `desktop.ini`, `__MACOSX/`) and symbolic links (which could lead
 * outside the folder), and say so in `skipped`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { resolveLimits, type DecompressionLimits } from '../envelope/limits.ts';
import { resolveInputPath } from '../envelope/input.ts';
import { isOsJunk } from './not-read.ts';

export interface InputEntry {
  /** Path inside the input, '/'-separated (`Notes/Idea.md`); for a single file, its base name. */
  path: string;
  /** What messages call it: the file on disk, or `export.zip › Notes/Idea.md`. */
  display: string;
  /** Plain (uncompressed) size in bytes. */
  size: number;
  /** Last modification time, when the container records one. */
  mtime?: Date;
  /** The file on disk, when the entry is one (then the envelope — gzip, encryption, split parts — applies). */
  diskPath?: string;
  /** The bytes, streamed. */
  open(): AsyncIterable<Buffer>;
  /** The first `bytes` bytes (for detection). */
  head(bytes?: number): Promise<Buffer>;
  /** The whole entry; for entries a preset must parse whole (a note, a Keep JSON). */
  readAll(): Promise<Buffer>;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface ExpandedInput {
  /** What the user named (the file, the folder or the zip). */
  root: string;
  kind: 'file' | 'folder' | 'zip';
  entries: InputEntry[];
  /** Entries left out while expanding (hidden, links, unsafe names), with why. */
  skipped: SkippedEntry[];
  /** Releases what the expansion holds open (the zip file). */
  close(): Promise<void>;
}

export const MAX_ZIP_ENTRIES = 100_000;
export const MAX_FOLDER_ENTRIES = 100_000;
const DEFAULT_HEAD = 64 * 1024;

export interface ExpandOptions {
  limits?: Partial<DecompressionLimits>;
}

/** Expands a path into its entries. A missing path is FILE_NOT_FOUND, as for a file. */
export async function expandInput(file: string, options: ExpandOptions = {}): Promise<ExpandedInput> {
  // `backup.jsonl` may name a split export by its manifest (`backup.jsonl.manifest.json`): the envelope opens it.
  if (!fs.existsSync(file) && resolveInputPath(file) !== file) return { root: file, kind: 'file', entries: [], skipped: [], close: async () => {} };
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError(ERROR_CODES.FILE_NOT_FOUND, `File not found: ${file}`, { file });
    throw new AppError(ERROR_CODES.FILE_UNREADABLE, `Cannot read ${file}: ${(error as Error).message}`, { file });
  }
  if (stats.isDirectory()) return expandFolder(file);
  // A zip is known by its bytes, whatever its name: Bear's `.bear2bk`, TextBundle's `.textpack`, a download renamed.
  if (stats.isFile() && !isZipDocument(file) && (await startsWithZipMagic(file))) return expandZip(file, resolveLimits(options.limits));
  return {
    root: file,
    kind: 'file',
    entries: [diskEntry(file, path.basename(file), stats)],
    skipped: [],
    close: async () => {},
  };
}

/**
 * Documents stored as a zip of their own parts (Office, OpenDocument, EPUB, Java archives): one document, not an
 * archive of files to import, so they stay a file (and format detection says it cannot read them).
 */
const ZIP_DOCUMENTS = /\.(docx|docm|xlsx|xlsm|pptx|pptm|odt|ods|odp|odg|epub|jar|apk)$/i;
function isZipDocument(file: string): boolean {
  return ZIP_DOCUMENTS.test(file);
}

async function startsWithZipMagic(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer[0] === 0x50 && buffer[1] === 0x4b && (buffer[2] === 3 || buffer[2] === 5);
  } finally {
    await handle.close();
  }
}

function diskEntry(diskPath: string, relative: string, stats: fs.Stats): InputEntry {
  return {
    path: relative,
    display: diskPath,
    size: stats.size,
    mtime: stats.mtime,
    diskPath,
    open: () => fs.createReadStream(diskPath),
    head: async (bytes = DEFAULT_HEAD) => {
      const handle = await fs.promises.open(diskPath, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(bytes, stats.size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    readAll: () => fs.promises.readFile(diskPath),
  };
}

async function expandFolder(root: string): Promise<ExpandedInput> {
  const entries: InputEntry[] = [];
  const skipped: SkippedEntry[] = [];
  async function walk(dir: string, relative: string): Promise<void> {
    const names = (await fs.promises.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of names) {
      const rel = relative ? `${relative}/${dirent.name}` : dirent.name;
      const full = path.join(dir, dirent.name);
      if (dirent.name.startsWith('.') || isOsJunk(dirent.name)) {
        skipped.push({ path: rel + (dirent.isDirectory() ? '/' : ''), reason: 'hidden' });
      } else if (dirent.isSymbolicLink()) {
        skipped.push({ path: rel, reason: 'a symbolic link (not followed)' });
      } else if (dirent.isDirectory()) {
        await walk(full, rel);
      } else if (dirent.isFile()) {
        if (entries.length >= MAX_FOLDER_ENTRIES) {
          throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `${root} holds more than ${MAX_FOLDER_ENTRIES} files; import a smaller folder.`, { file: root });
        }
        entries.push(diskEntry(full, rel, await fs.promises.stat(full)));
      } else {
        skipped.push({ path: rel, reason: 'not a regular file' });
      }
    }
  }
  await walk(root, '');
  return { root, kind: 'folder', entries, skipped, close: async () => {} };
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(error) : resolve(zip),
    ),
  );
}

async function expandZip(file: string, limits: DecompressionLimits): Promise<ExpandedInput> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    throw new AppError(ERROR_CODES.FILE_UNREADABLE, `${path.basename(file)} is not a readable zip archive: ${(error as Error).message}`, { file });
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `${path.basename(file)} holds ${zip.entryCount} entries; the limit is ${MAX_ZIP_ENTRIES}.`, { file });
  }
  const raw: yauzl.Entry[] = [];
  const skipped: SkippedEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      raw.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    // yauzl refuses the whole archive on an entry named absolute or with `..` (a path-traversal attempt).
    zip.on('error', (error: Error) => {
      zip.close();
      reject(new AppError(ERROR_CODES.FILE_UNREADABLE, `${path.basename(file)} cannot be read: ${error.message}. Nothing in it was imported.`, { file }));
    });
    zip.readEntry();
  });
  let declaredTotal = 0;
  const entries: InputEntry[] = [];
  for (const entry of raw) {
    const name = entry.fileName;
    if (name.endsWith('/')) continue;
    const segments = name.split('/');
    if (name.startsWith('/') || segments.includes('..') || /^[A-Za-z]:/.test(name)) {
      skipped.push({ path: name, reason: 'an unsafe path (absolute or with ..)' });
      continue;
    }
    if (segments.some((s) => s.startsWith('.') || isOsJunk(s))) {
      skipped.push({ path: name, reason: 'hidden' });
      continue;
    }
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > limits.maxBytes) {
      zip.close();
      throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `${path.basename(file)} expands to more than ${limits.maxBytes} bytes (the decompression limit).`, {
        file,
      });
    }
    if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      zip.close();
      throw new AppError(
        ERROR_CODES.LIMIT_EXCEEDED,
        `${path.basename(file)} › ${name} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times; the limit is ${limits.maxRatio} (a compression bomb?).`,
        { file },
      );
    }
    entries.push(zipEntry(zip, entry, file));
  }
  return { root: file, kind: 'zip', entries, skipped, close: async () => zip.close() };
}

function zipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, file: string): InputEntry {
  const display = `${path.basename(file)} › ${entry.fileName}`;
  const stream = (): Promise<Readable> =>
    new Promise((resolve, reject) =>
      zip.openReadStream(entry, (error, readable) =>
        error || !readable
          ? reject(new AppError(ERROR_CODES.FILE_UNREADABLE, `${display}: ${error?.message ?? 'unreadable'}`, { file: display }))
          : resolve(readable),
      ),
    );
  const open = async function* (): AsyncGenerator<Buffer> {
    // yauzl checks the declared size against what inflates (validateEntrySizes), so the caps above hold.
    for await (const chunk of await stream()) yield chunk as Buffer;
  };
  return {
    path: entry.fileName,
    display,
    size: entry.uncompressedSize,
    mtime: entry.getLastModDate(),
    open,
    head: async (bytes = DEFAULT_HEAD) => {
      const parts: Buffer[] = [];
      let length = 0;
      const readable = await stream();
      for await (const chunk of readable) {
        parts.push(chunk as Buffer);
        length += (chunk as Buffer).length;
        if (length >= bytes) break;
      }
      readable.destroy();
      return Buffer.concat(parts).subarray(0, bytes);
    },
    readAll: async () => {
      const parts: Buffer[] = [];
      for await (const chunk of open()) parts.push(chunk);
      return Buffer.concat(parts);
    },
  };
}
