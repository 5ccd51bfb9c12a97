/** Small helpers for byte streams as async iterables: a Node transform in the middle, exact-size reads. */
import { Readable, type Transform } from 'node:stream';

/** Runs `input` through a Node transform; an error on either side ends the iteration with that error. */
export async function* throughTransform(input: AsyncIterable<Buffer>, transform: Transform): AsyncGenerator<Buffer> {
  const source = Readable.from(input, { objectMode: false, highWaterMark: 64 * 1024 });
  source.on('error', (error) => transform.destroy(error));
  source.pipe(transform);
  try {
    for await (const chunk of transform as AsyncIterable<Buffer>) yield chunk;
  } finally {
    source.unpipe(transform);
    source.destroy();
    transform.destroy();
  }
}

/** Reads exactly `n` bytes at a time from a byte stream (fewer only at its end). */
export class ExactReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private buffered: Buffer[] = [];
  private size = 0;
  private ended = false;

  constructor(input: AsyncIterable<Buffer>) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  async read(n: number): Promise<Buffer> {
    while (this.size < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else if (next.value.length) {
        this.buffered.push(next.value);
        this.size += next.value.length;
      }
    }
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.buffered = rest.length ? [rest] : [];
    this.size = rest.length;
    return out;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** Collects writes into blocks of about `blockSize` bytes, so the stages below see few large writes. */
export class Coalescer {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly blockSize: number,
    private readonly flushTo: (block: Buffer) => Promise<void>,
  ) {}

  async write(chunk: string | Buffer | Uint8Array): Promise<void> {
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buffer.length === 0) return;
    // A block's worth already (a page of records from the store) goes on as it is, after what was pending:
    // gathering it with a few pending bytes would copy a megabyte to save one small write.
    if (buffer.length >= this.blockSize) {
      await this.flush();
      await this.flushTo(buffer);
      return;
    }
    this.parts.push(buffer);
    this.size += buffer.length;
    if (this.size >= this.blockSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const block = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.flushTo(block);
  }
}
