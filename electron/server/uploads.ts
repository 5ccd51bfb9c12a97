/**
 * Multipart uploads: the files of one request stream into one folder of their own under the server's temp
 * directory (never into memory), keeping their base names so format detection and messages use the names the
 * user knows, and so files that belong together (a split export's parts and manifest) find each other. Sizes are
 * capped by @fastify/multipart (413) and the number of uploads in flight is capped here.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import type { UploadedFile } from '../../shared/http.ts';

export interface MultipartBody {
  files: UploadedFile[];
  /**
   * What the request names as inputs: each uploaded file, except that files sent with a `relativePath` field
   * (a dropped folder: `vault/Notes/a.md`) are one input, their top folder, rebuilt under the upload folder.
   */
  inputs?: UploadedFile[];
  fields: Record<string, string>;
  /** Removes the files of this request. */
  cleanup(): Promise<void>;
}

/** A name safe to use as one path segment on every platform. */
export function safeFileName(name: string | undefined): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const cleaned = base
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(-180);
  return cleaned || 'upload';
}

export const DEFAULT_MAX_KEPT_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
export const DEFAULT_UPLOAD_TTL_MS = 60 * 60 * 1000;

/**
 * Every request's files live in one folder of their own under `dir`. The total bytes of all those folders (kept
 * for later calls or still being read) are capped while they stream in, on every upload route: a request that
 * would pass the cap is cut off at that byte and its folder removed (413). Kept uploads (`POST /api/files`) go
 * when their import is done, or when no call has used them for `ttlMs`.
 */
export class UploadArea {
  private inFlight = 0;
  /** Each request folder on disk and its bytes so far. */
  private readonly onDisk = new Map<string, number>();
  /** Folders kept for later calls, and when a call last used them. */
  private readonly kept = new Map<string, number>();
  /** The name each kept upload (a file, or a dropped folder's input) was sent as. */
  private readonly names = new Map<string, string>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly dir: string,
    private readonly maxConcurrent: number,
    /** Total bytes of uploads on disk (413 beyond) and how long an unused kept one stays. */
    private readonly keepLimits: { maxBytes: number; ttlMs: number } = { maxBytes: DEFAULT_MAX_KEPT_UPLOAD_BYTES, ttlMs: DEFAULT_UPLOAD_TTL_MS },
  ) {}

  private totalBytes(): number {
    let total = 0;
    for (const bytes of this.onDisk.values()) total += bytes;
    return total;
  }

  /** The request folder a path is in (a file, or a dropped folder's input), if it is one of ours. */
  private requestFolder(file: string): string | undefined {
    const relative = path.relative(this.dir, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return path.join(this.dir, relative.split(path.sep)[0]!);
  }

  private async remove(folder: string): Promise<void> {
    this.kept.delete(folder);
    for (const file of this.names.keys()) if (this.requestFolder(file) === folder) this.names.delete(file);
    await fsp.rm(folder, { recursive: true, force: true });
    this.onDisk.delete(folder);
  }

  private tooMuch(): AppError {
    return new AppError(
      ERROR_CODES.PAYLOAD_TOO_LARGE,
      `The uploads on this server would pass ${this.keepLimits.maxBytes} bytes; import or let go of earlier ones first (unused uploads are removed after ${Math.round(this.keepLimits.ttlMs / 60000)} min).`,
      { data: { status: 413 } },
    );
  }

  /** Keeps a request's files for later calls (they already count against the total). */
  async keep(body: MultipartBody): Promise<void> {
    for (const folder of new Set(body.files.map((f) => this.requestFolder(f.path)))) if (folder) this.kept.set(folder, Date.now());
    for (const f of [...body.files, ...(body.inputs ?? [])]) this.names.set(f.path, f.name);
    this.sweeper ??= setInterval(() => void this.sweep(), Math.min(this.keepLimits.ttlMs, 60_000));
    this.sweeper.unref();
  }

  /** The names the given kept uploads were sent as (a call's messages name them so, not by the temp path). */
  namesFor(files: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const file of files) {
      const name = this.names.get(file);
      if (name !== undefined) out.set(file, name);
    }
    return out;
  }

  /** A call is about to read these kept files: they are not "unused". */
  touch(files: string[]): void {
    for (const file of files) {
      const folder = this.requestFolder(file);
      if (folder && this.kept.has(folder)) this.kept.set(folder, Date.now());
    }
  }

  /** Removes kept uploads after their import (a file, or a dropped folder, takes its whole request with it). */
  async release(files: string[]): Promise<void> {
    const folders = new Set(files.map((f) => this.requestFolder(f)).filter((f): f is string => f !== undefined && this.kept.has(f)));
    await Promise.all([...folders].map((f) => this.remove(f)));
  }

  async sweep(now = Date.now()): Promise<void> {
    const stale = [...this.kept].filter(([, usedAt]) => now - usedAt > this.keepLimits.ttlMs).map(([folder]) => folder);
    await Promise.all(stale.map((f) => this.remove(f)));
  }

  /** Reads every part of a multipart request; files go to disk, fields are kept as strings. */
  async receive(request: FastifyRequest): Promise<MultipartBody> {
    if (!request.isMultipart()) throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'Send the file as multipart/form-data.');
    if (this.inFlight >= this.maxConcurrent) {
      throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `Too many uploads at once (at most ${this.maxConcurrent}); try again when one has finished.`, {
        data: { status: 429 },
      });
    }
    this.inFlight++;
    await this.sweep();
    const folders: string[] = [];
    let folder: string | undefined;
    const taken = new Set<string>();
    // A `relativePath` field just before a file part says where that file sits in a dropped folder.
    let relativePath: string | undefined;
    // A `lastModified` field (ms since the epoch, the browser File's) just before a file part is its time: an
    // upload would otherwise date every file now, and notes without a date are dated by their file's time.
    let lastModified: number | undefined;
    const folderInputs = new Map<string, UploadedFile>();
    const inputs: UploadedFile[] = [];
    const body: MultipartBody = {
      files: [],
      fields: {},
      cleanup: async () => {
        await Promise.all(folders.map((f) => this.remove(f)));
      },
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (!folder) {
            folder = path.join(this.dir, crypto.randomUUID());
            await fsp.mkdir(folder, { recursive: true, mode: 0o700 });
            folders.push(folder);
            this.onDisk.set(folder, 0);
          }
          const counted = folder;
          const segments = relativePath ? safeRelativeSegments(relativePath) : [];
          relativePath = undefined;
          const nested = segments.length >= 2;
          const target = nested ? path.join(folder, 'folders', ...segments) : path.join(folder, uniqueName(safeFileName(part.filename), taken));
          if (nested) await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
          // Counted as it streams: the cap stops a request at the byte that passes it, not after it is all on disk.
          const meter = new Transform({
            transform: (chunk: Buffer, _encoding, done) => {
              this.onDisk.set(counted, (this.onDisk.get(counted) ?? 0) + chunk.length);
              if (this.totalBytes() > this.keepLimits.maxBytes) done(this.tooMuch());
              else done(null, chunk);
            },
          });
          await pipeline(part.file, meter, fs.createWriteStream(target, { mode: 0o600 }));
          if (part.file.truncated) throw new AppError(ERROR_CODES.PAYLOAD_TOO_LARGE, 'The uploaded file is larger than this server accepts.');
          if (lastModified !== undefined) await fsp.utimes(target, new Date(lastModified), new Date(lastModified));
          lastModified = undefined;
          const { size } = await fsp.stat(target);
          const uploaded = { path: target, name: part.filename || path.basename(target), bytes: size };
          body.files.push(uploaded);
          if (nested) {
            const top = folderInputs.get(segments[0]!) ?? { path: path.join(folder, 'folders', segments[0]!), name: segments[0]!, bytes: 0 };
            if (!folderInputs.has(segments[0]!)) inputs.push(top);
            folderInputs.set(segments[0]!, top);
            top.bytes += size;
          } else inputs.push(uploaded);
        } else if (part.fieldname === 'relativePath') {
          relativePath = typeof part.value === 'string' ? part.value : String(part.value);
        } else if (part.fieldname === 'lastModified') {
          const ms = Number(part.value);
          // A time a file can have (1970 to a day ahead); anything else is ignored, the file dated as uploaded.
          lastModified = Number.isInteger(ms) && ms > 0 && ms < Date.now() + 86_400_000 ? ms : undefined;
        } else {
          // Cut at the field-size limit, the rest would be "not valid JSON": say what happened instead.
          if ((part as { valueTruncated?: boolean }).valueTruncated) {
            throw new AppError(ERROR_CODES.PAYLOAD_TOO_LARGE, `The multipart field "${part.fieldname}" is larger than this server accepts (1 MiB).`, {
              field: part.fieldname,
              data: { status: 413 },
            });
          }
          body.fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        }
      }
      if (folderInputs.size > 0) body.inputs = inputs;
      return body;
    } catch (error) {
      await body.cleanup();
      throw toUploadError(error);
    } finally {
      this.inFlight--;
    }
  }

  async removeAll(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.kept.clear();
    this.onDisk.clear();
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}

/** `vault/Notes/a.md` as safe path segments: no `..`, `.`, empty or hidden-by-accident names escape the folder. */
export function safeRelativeSegments(relative: string): string[] {
  return relative
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[\u0000-\u001f<>:"|?*]/g, '_').slice(-180));
}

/** Two uploads of the same name in one request keep both: `a.json`, `a (2).json`. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const ext = path.extname(name);
    candidate = `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

function toUploadError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError(ERROR_CODES.PAYLOAD_TOO_LARGE, 'The upload is larger than this server accepts (file size, file count or field size).');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION')
    return new AppError(ERROR_CODES.BAD_ARGUMENT, 'The multipart body is malformed.');
  return error;
}
