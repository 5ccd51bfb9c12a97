/**
 * The files an export writes: one file, or numbered parts. Each is written under a temporary name, synced, and
 * renamed into place only when the whole export succeeded, so a failure never leaves a half-written set.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ExportFile } from '../../../shared/options.ts';
import { HashedFileWriter } from './hashed-file-writer.ts';
import { partFileName } from '../../../shared/file-names.ts';

export const MAX_PARTS = 100_000;

export class PartFiles {
  private readonly writers: HashedFileWriter[] = [];
  private readonly closed: ExportFile[] = [];
  private current: HashedFileWriter | undefined;

  constructor(
    private readonly basePath: string,
    readonly split: boolean,
  ) {}

  get isOpen(): boolean {
    return this.current !== undefined;
  }

  /** Parts opened so far. */
  get count(): number {
    return this.writers.length;
  }

  get currentBytes(): number {
    return this.current?.bytes ?? 0;
  }

  open(): void {
    if (this.current) throw new Error('a part is already open');
    if (!this.split && this.writers.length > 0) throw new Error('an unsplit export has one file');
    if (this.writers.length >= MAX_PARTS) {
      throw new AppError(ERROR_CODES.LIMIT_EXCEEDED, `The export would need more than ${MAX_PARTS} parts; choose a larger split size.`, {
        field: 'splitLargeFiles.maxSizeBytes',
      });
    }
    const target = this.split ? partFileName(this.basePath, this.writers.length + 1) : this.basePath;
    this.current = new HashedFileWriter(target);
    this.writers.push(this.current);
  }

  async write(chunk: Buffer): Promise<void> {
    if (!this.current) this.open();
    await this.current!.write(chunk);
  }

  async closeCurrent(): Promise<void> {
    if (!this.current) return;
    const writer = this.current;
    this.current = undefined;
    this.closed.push(await writer.close());
  }

  /** Closes the last part (opening an empty one when nothing was written) and returns every file. */
  async close(): Promise<ExportFile[]> {
    if (this.writers.length === 0) this.open();
    await this.closeCurrent();
    return this.closed;
  }

  /** Renames every part into place. */
  async commit(): Promise<void> {
    for (const writer of this.writers) await writer.commit();
  }

  async abort(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.abort()));
  }
}
