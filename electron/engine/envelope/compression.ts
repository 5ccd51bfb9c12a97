/**
 * gzip and brotli as stream stages. Levels are chosen on purpose (docs/performance.md, test/bench/envelope-bench.ts):
 * "fast" is gzip level 1 / brotli quality 4 with a 1 MiB window; "small" is gzip level 6 (level 9 is slower for
 * no measurable gain on this kind of text) / brotli quality 6 with a 4 MiB window. Brotli's default quality 11
 * (and 9 as well) runs at a few MB/s: a 1 GB export would take minutes. Decompression counts its own output against the limits and refuses truncated, corrupt
 * or trailing data.
 */
import zlib from 'node:zlib';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Compression } from '../../../shared/options.ts';
import type { DecompressionLimits } from './limits.ts';
import { throughTransform } from './byte-streams.ts';

export type CompressionLevel = 'fast' | 'small';
const CHUNK = 64 * 1024;

export function createCompressor(kind: Exclude<Compression, 'none'>, level: CompressionLevel): zlib.Gzip | zlib.BrotliCompress {
  if (kind === 'gzip') return zlib.createGzip({ level: level === 'fast' ? 1 : 6, chunkSize: CHUNK });
  return zlib.createBrotliCompress({
    chunkSize: CHUNK,
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: level === 'fast' ? 4 : 6,
      [zlib.constants.BROTLI_PARAM_LGWIN]: level === 'fast' ? 20 : 22,
    },
  });
}

/** A push-style compression stage in front of an async byte sink, with backpressure. */
export class CompressingStage {
  private readonly compressor: zlib.Gzip | zlib.BrotliCompress;
  private readonly done: Promise<void>;
  private failure: unknown;

  constructor(kind: Exclude<Compression, 'none'>, level: CompressionLevel, sink: (chunk: Buffer) => Promise<void>) {
    this.compressor = createCompressor(kind, level);
    const target = new Writable({
      highWaterMark: CHUNK,
      write: (chunk: Buffer, _encoding, callback) => sink(chunk).then(() => callback(), callback),
    });
    this.done = pipeline(this.compressor, target);
    this.done.catch((error) => (this.failure ??= error));
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.compressor.write(chunk)) await Promise.race([once(this.compressor, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    this.compressor.end();
    await this.done;
  }

  destroy(): void {
    this.compressor.destroy();
  }
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function namedBrotli(file: string): boolean {
  return /\.(br|brotli)(\.(part\d+|enc))*$/i.test(file);
}

/** Plausibly text (UTF-8 without control characters other than white space, or a UTF-16 BOM): what every format of this app starts with. */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  // A multi-byte character cut at the end of the head is fine; anything invalid before that is not.
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, Math.max(0, head.length - 4)));
  return !decoded.includes('\uFFFD');
}

/**
 * Whether these first bytes decode as brotli into text. Brotli has no magic number; a failed decode is
 * certain, a successful one of text is as good as it gets. `whole` says whether `head` is the entire file: then
 * a decode that runs out of input means "not brotli", unless the name already said brotli (`named`), in which
 * case the real decompression reports the truncation properly.
 */
export async function probeBrotli(head: Buffer, whole: boolean, named = false): Promise<boolean> {
  const decoder = zlib.createBrotliDecompress({ chunkSize: CHUNK });
  const out: Buffer[] = [];
  let size = 0;
  const result = await new Promise<'complete' | 'cut' | 'endless' | 'trailing' | 'bad'>((resolve) => {
    decoder.on('data', (chunk: Buffer) => {
      if (size < 4096) out.push(chunk);
      size += chunk.length;
      if (size > 1024 * 1024) {
        decoder.destroy();
        resolve('endless'); // keeps decoding: brotli for sure (the caps apply later)
      }
    });
    decoder.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'Z_BUF_ERROR' ? 'cut' : 'bad'));
    decoder.on('end', () => resolve(decoder.bytesWritten === head.length ? 'complete' : 'trailing'));
    decoder.end(head);
  });
  if (result === 'bad' || (!named && ((result === 'cut' && whole) || result === 'trailing'))) return false;
  return named || looksLikeText(Buffer.concat(out).subarray(0, 4096));
}

function decompressError(file: string, kind: Compression, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if ((error as Error)?.name === 'AbortError') return new AppError(ERROR_CODES.CANCELLED, 'The operation was cancelled.');
  const code = (error as NodeJS.ErrnoException)?.code;
  const name = kind === 'gzip' ? 'gzip' : 'brotli';
  const why =
    code === 'Z_BUF_ERROR'
      ? `the ${name} data ends early (the file is truncated)`
      : `the ${name} data is corrupt (${(error as Error)?.message ?? String(error)})`;
  return new AppError(ERROR_CODES.DECOMPRESS_FAILED, `Could not decompress ${file}: ${why}.`, { file });
}

/** Decompresses a stream, counting output against the limits and refusing anything after the compressed data. */
export async function* decompress(
  input: AsyncIterable<Buffer>,
  kind: Exclude<Compression, 'none'>,
  limits: DecompressionLimits,
  file: string,
): AsyncGenerator<Buffer> {
  let fed = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      fed += chunk.length;
      yield chunk;
    }
  }
  const decoder = kind === 'gzip' ? zlib.createGunzip({ chunkSize: CHUNK }) : zlib.createBrotliDecompress({ chunkSize: CHUNK });
  let produced = 0;
  try {
    for await (const chunk of throughTransform(counted(), decoder)) {
      produced += chunk.length;
      if (produced > limits.maxBytes) {
        throw new AppError(
          ERROR_CODES.LIMIT_EXCEEDED,
          `${file} expands to more than ${limits.maxBytes} bytes when decompressed, past this app's limit; refusing it (a compression bomb?).`,
          { file },
        );
      }
      if (produced > limits.ratioFloorBytes && produced > limits.maxRatio * Math.max(fed, 1)) {
        throw new AppError(
          ERROR_CODES.LIMIT_EXCEEDED,
          `${file} expands more than ${limits.maxRatio} times when decompressed (${produced} bytes from ${fed}), past this app's limit; refusing it (a compression bomb?).`,
          { file },
        );
      }
      yield chunk;
    }
  } catch (error) {
    throw decompressError(file, kind, error);
  }
  if (decoder.bytesWritten < fed) {
    throw new AppError(ERROR_CODES.DECOMPRESS_FAILED, `${file} has ${fed - decoder.bytesWritten} unexpected byte(s) after the end of its ${kind} data.`, {
      file,
    });
  }
}
