/**
 * Gathers a writer's pieces into ~1 MB writes, so the file I/O stays off the hot path: text is encoded straight
 * into the batch (formats/byte-sink.ts), and a piece that large already (a run from the store, a writer's own
 * buffer) goes as it is, not copied again.
 */
import { ByteSink } from '../formats/byte-sink.ts';

export class WriteBatch {
  private readonly sink = new ByteSink();

  constructor(private readonly write: (buffer: Buffer) => Promise<void>) {}

  /** Bytes taken so far, flushed or not. */
  get bytes(): number {
    return this.sink.total;
  }

  async add(chunk: string | Buffer): Promise<void> {
    if (typeof chunk === 'string') {
      this.sink.text(chunk);
      this.sink.encodePending();
    } else this.sink.bytes(chunk);
    if (this.sink.hasReady) for (const buffer of this.sink.take()) await this.write(buffer);
  }

  async flush(): Promise<void> {
    for (const buffer of this.sink.take(true)) await this.write(buffer);
  }
}
