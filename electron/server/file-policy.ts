/**
 * What a REST caller may touch on disk (issue 13, "REST reaches only its own files"). Over REST the caller is any
 * process holding a token, not the user picking a file in a dialog, so:
 * - reads (importData, validateFile, inspectFile) only of files uploaded to this server (`POST /api/files`, the
 *   seed routes' multipart bodies) or under a folder the user allowed when starting it (`serve --allow-dir DIR`);
 * - writes (exportData) only inside the server's export folder, under a name the server chooses unless the
 *   caller names a plain file there, and never over an existing file unless `overwrite: true` is asked.
 * Every check is on the realpath, so a symlink or `..` cannot lead out. The CLI and IPC never pass through here:
 * there the user chose the file.
 *
 * An allowed folder may hold the server's own files (`--allow-dir ~` with the store in ~/.config/...): the store,
 * its -wal/-shm, the token file and logs are never read over REST (an import token would read the admin token
 * out of them through inspectFile), and the export and snapshot folders (the store's contents) only by admin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';

export class FilePolicy {
  private readonly readRoots: string[];
  readonly exportDir: string;

  private readonly dataDir: string | undefined;
  private readonly storeName: string | undefined;

  constructor(options: { uploadDir: string; exportDir: string; allowDirs?: string[]; storePath?: string }) {
    fs.mkdirSync(options.uploadDir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(options.exportDir, { recursive: true, mode: 0o700 });
    this.exportDir = fs.realpathSync(options.exportDir);
    if (options.storePath && options.storePath !== ':memory:') {
      this.dataDir = fs.realpathSync(path.dirname(path.resolve(options.storePath)));
      this.storeName = path.basename(options.storePath);
    }
    this.readRoots = [options.uploadDir, ...(options.allowDirs ?? [])].map((dir) => {
      try {
        return fs.realpathSync(dir);
      } catch {
        throw new AppError(ERROR_CODES.BAD_ARGUMENT, `--allow-dir ${dir}: no such folder.`, { field: 'allowDir' });
      }
    });
  }

  /**
   * Throws FORBIDDEN unless `file` (after symlinks) lies under an upload folder or an allowed folder, and is none
   * of the server's own files. The export folder only for `admin` (`scope`: the caller's token's), or, with
   * `orExports`, for a call whose route scope already covers it (verifying an export it wrote, restoring its backup).
   */
  checkRead(file: string, field = 'files', options: { scope?: string; orExports?: boolean } = {}): void {
    const scope = options.scope ?? 'admin';
    let real: string;
    try {
      real = fs.realpathSync(path.resolve(file));
    } catch {
      // A file that does not exist is outside too: saying "not found" would let a caller probe the disk.
      real = path.resolve(file);
    }
    const roots = options.orExports ? [...this.readRoots, this.exportDir] : this.readRoots;
    if (!roots.some((root) => isInside(real, root))) {
      throw new AppError(
        ERROR_CODES.FORBIDDEN,
        'Over REST, imports read only files uploaded to this server (POST /api/files, or the multipart "file" field) or files under a folder allowed with `context-store serve --allow-dir DIR`.',
        { field },
      );
    }
    if (this.isOwnFile(real)) {
      throw new AppError(ERROR_CODES.FORBIDDEN, "Over REST, the server's own files (the store, its token file, snapshots and logs) are never read.", { field });
    }
    if (scope !== 'admin' && ((!options.orExports && isInside(real, this.exportDir)) || this.isSnapshot(real))) {
      throw new AppError(
        ERROR_CODES.FORBIDDEN,
        "The export and snapshot folders hold the store's contents: over REST they are read only with an admin token (an export token downloads exports).",
        { field },
      );
    }
  }

  /** Snapshots (`snapshots/` beside the store): whole copies of the store, restored from by admin only. */
  private isSnapshot(real: string): boolean {
    return this.dataDir !== undefined && isInside(real, path.join(this.dataDir, 'snapshots'));
  }

  /** The store and what lives beside it: `store.db*` (wal, shm, token, cancel and progress files), `.restore-*`, logs/. */
  private isOwnFile(real: string): boolean {
    if (!this.dataDir || !this.storeName) return false;
    const rel = path.relative(this.dataDir, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const [first, ...rest] = rel.split(path.sep);
    if (rest.length === 0) return first!.startsWith(this.storeName) || first!.startsWith('.restore-');
    return first === 'logs';
  }

  /**
   * The path an export may write: absent → undefined (the service names it inside the export folder); a name or
   * a path inside the export folder → that file, refused when it exists unless `overwrite`.
   */
  exportPath(requested: unknown, overwrite: boolean, field = 'outputPath'): string | undefined {
    if (requested === undefined || requested === null || requested === '') return undefined;
    if (typeof requested !== 'string') throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${field}" must be a file name.`, { field });
    const target = path.resolve(this.exportDir, requested);
    let parent: string;
    try {
      parent = fs.realpathSync(path.dirname(target));
    } catch {
      parent = '';
    }
    if (!parent || !isInside(parent, this.exportDir)) {
      throw new AppError(
        ERROR_CODES.FORBIDDEN,
        `Over REST, exports (and rejected-record files) are written only inside the server's export folder (${this.exportDir}); give a file name, or leave "${field}" out and the server chooses one.`,
        { field },
      );
    }
    const file = path.join(parent, path.basename(target));
    let exists = false;
    try {
      const stat = fs.lstatSync(file);
      exists = true;
      if (!stat.isFile())
        throw new AppError(ERROR_CODES.FORBIDDEN, `${path.basename(file)} in the export folder is not a plain file; choose another name.`, { field });
    } catch (error) {
      if (error instanceof AppError) throw error;
    }
    if (exists && !overwrite) {
      throw new AppError(ERROR_CODES.CONFLICT, `${path.basename(file)} already exists in the export folder; choose another name or send "overwrite": true.`, {
        field,
      });
    }
    return file;
  }
}

function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
