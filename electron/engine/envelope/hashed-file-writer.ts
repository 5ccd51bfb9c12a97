/** A file written through a temp name with its bytes counted and hashed; renamed into place by `commit`. */
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import type { ExportFile } from '../../../shared/options.ts';

const WRITE_AHEAD_BYTES = 4 * 1024 * 1024;
/** How much is written between two early syncs (see `syncEarly`). */
const SYNC_EVERY_BYTES = 16 * 1024 * 1024;

export class HashedFileWriter {
  private readonly temp: string;
  private readonly stream: fs.WriteStream;
  private readonly fd: number;
  private readonly hash = crypto.createHash('sha256');
  bytes = 0;
  private failure: Error | undefined;
  private closed: ExportFile | undefined;
  private syncedUpTo = 0;
  private syncing: Promise<void> | undefined;

  constructor(readonly filePath: string) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.temp = `${filePath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    // Opened here rather than by the stream, so the early syncs have the descriptor from the first write.
    this.fd = fs.openSync(this.temp, 'w', 0o600);
    // Room for a few pages ahead of the disk: with the default 16 KB every page waited for its write to finish
    // before the next was read, so reading and writing took turns instead of overlapping.
    this.stream = fs.createWriteStream(this.temp, { fd: this.fd, highWaterMark: WRITE_AHEAD_BYTES });
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += buffer.length;
    this.hash.update(buffer);
    const flowing = this.stream.write(buffer);
    this.syncEarly();
    if (!flowing) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  /**
   * Asks the disk to write back what the file has so far, without waiting. The file is synced before `commit`
   * anyway; syncing only then made the disk write the whole file while nothing else ran (0.3-0.6 s of a 180 MB
   * export's wall time), whereas these syncs run on libuv's threads while the export reads its next pages.
   */
  private syncEarly(): void {
    if (this.syncing || this.stream.bytesWritten - this.syncedUpTo < SYNC_EVERY_BYTES) return;
    this.syncedUpTo = this.stream.bytesWritten;
    this.syncing = new Promise<void>((resolve) => {
      // A failed early sync is not the export's failure: the sync before `commit` decides.
      fs.fdatasync(this.fd, () => {
        this.syncing = undefined;
        resolve();
      });
    });
  }

  /** Flushes and syncs the temp file; the file is not in place until `commit`. */
  async close(): Promise<ExportFile> {
    if (this.closed) return this.closed;
    if (this.failure) throw this.failure;
    // The stream closes its descriptor at its end: an early sync must be done with it first.
    await this.syncing;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    const handle = await fs.promises.open(this.temp, 'r');
    await handle.sync().finally(() => handle.close());
    this.closed = { path: this.filePath, bytes: this.bytes, sha256: this.hash.digest('hex') };
    return this.closed;
  }

  async commit(): Promise<void> {
    await fs.promises.rename(this.temp, this.filePath);
  }

  /** Close and commit in one step. */
  async finish(): Promise<ExportFile> {
    const file = await this.close();
    await this.commit();
    return file;
  }

  async abort(): Promise<void> {
    await this.syncing;
    this.stream.destroy();
    await fs.promises.rm(this.temp, { force: true });
  }
}
