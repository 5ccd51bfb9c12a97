/**
 * A writer's output gathered as bytes, in buffers of about 1 MB: text encoded straight into the buffer, bytes
 * copied in, or written in place by the caller (`room`, then `advance`).
 *
 * `Buffer.from(text)` walks the text twice (counting its bytes, then encoding them) into a buffer of its own,
 * which the export's batcher then copied again. Here text waits as a rope of small pieces (cheap to add to) and
 * is encoded once per ~16K characters, straight into the buffer: a rope of 64K characters cost about a third
 * more to flatten and encode (docs/performance.md, "Export").
 */
const BUFFER_BYTES = 1024 * 1024;
const PIECE_CHARS = 16 * 1024;

export class ByteSink {
  /** The buffer being filled; `used` bytes of it are taken. */
  buffer: Buffer;
  used = 0;
  private pending = '';
  private ready: Buffer[] = [];
  private taken = 0;

  constructor(private readonly size = BUFFER_BYTES) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Bytes taken so far (text still waiting to be encoded not yet). */
  get total(): number {
    return this.taken + this.used;
  }

  text(text: string): void {
    this.pending += text;
    if (this.pending.length > PIECE_CHARS) this.encodePending();
  }

  bytes(bytes: Uint8Array): void {
    this.encodePending();
    if (bytes.length > this.size / 4) {
      this.own(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return;
    }
    this.makeRoom(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Text of one byte a character (Latin-1): each character's code is the byte written. */
  latin1(text: string): void {
    this.encodePending();
    this.makeRoom(text.length);
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  /**
   * At least `n` free bytes at `used` in `buffer`, for a caller writing in place; it then calls `advance` with
   * what it wrote.
   */
  room(n: number): void {
    this.encodePending();
    this.makeRoom(n);
  }

  advance(n: number): void {
    this.used += n;
  }

  /** Whether full buffers are waiting to be taken. */
  get hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** The full buffers, in order; with `all`, whatever else the sink holds too. */
  take(all = false): Buffer[] {
    if (all) {
      this.encodePending();
      this.finishBuffer();
    }
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Encodes the text waiting (the sink does so itself before bytes, `room` and `take`). */
  encodePending(): void {
    const text = this.pending;
    if (text === '') return;
    this.pending = '';
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair of them, 4), so this much room always holds it.
    const most = text.length * 3;
    if (most > this.size / 4 && most > this.buffer.length - this.used) {
      this.own(Buffer.from(text, 'utf8'));
      return;
    }
    this.makeRoom(most);
    this.used += this.buffer.write(text, this.used);
  }

  private makeRoom(n: number): void {
    if (n <= this.buffer.length - this.used) return;
    this.finishBuffer();
    if (n > this.buffer.length) this.buffer = Buffer.allocUnsafe(n);
  }

  /** A piece large enough to go as it is, after what came before it. */
  private own(buffer: Buffer): void {
    this.finishBuffer();
    this.ready.push(buffer);
    this.taken += buffer.length;
  }

  private finishBuffer(): void {
    const used = this.used;
    if (used === 0) return;
    this.taken += used;
    this.used = 0;
    // Whoever takes a buffer may hold it until it is on disk. A full one goes and the sink goes on in a new
    // one; a little (what came before a large piece: JSON's separators between runs) goes as a copy, and the
    // buffer stays, or every run would cost a new megabyte.
    if (used < this.size / 4) {
      this.ready.push(Buffer.from(this.buffer.subarray(0, used)));
      return;
    }
    this.ready.push(this.buffer.subarray(0, used));
    this.buffer = Buffer.allocUnsafe(this.size);
  }
}
