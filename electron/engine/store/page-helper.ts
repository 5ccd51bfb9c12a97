/**
 * A second reader of the store, in a thread of its own, that runs page queries (store/record-pages.ts) while
 * the export's thread runs the next one and writes the last: on two cores SQLite's serializing, which is most
 * of a large export, no longer waits for the writer's hashing and encoding, nor they for it
 * (docs/performance.md, "Two readers").
 *
 * The answer is taken synchronously (Atomics.wait, then receiveMessageOnPort), so the page generators stay
 * plain generators. Each page is its own statement, on either connection, as every page already was: a page
 * sees the store as of its own start, and the keys that bound it come from the export's connection.
 *
 * Nothing depends on the helper: if it cannot start, fails a query or does not answer, the export's own
 * connection runs that page and every later one (`run` returns undefined).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';

/** How long the export waits for one page from the helper before running it itself. */
const ANSWER_TIMEOUT_MS = 30_000;

// CommonJS, evaluated in the thread: no build of ours has to know of a second entry point. The driver's path
// comes from the export's thread, where it resolved already.
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, signal, driver, file, cacheKib, busyTimeoutMs } = workerData;
const flag = new Int32Array(signal);
const answer = (message, transfer) => {
  try { port.postMessage(message, transfer); } catch { port.postMessage(message); }
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
};
let db;
try {
  const Database = require(driver);
  db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = ' + busyTimeoutMs);
  db.pragma('cache_size = -' + cacheKib);
  answer({ ready: true });
} catch (error) {
  answer({ failed: String(error && error.message || error) });
}
const statements = new Map();
port.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw(true)));
    const row = statement.get(...params);
    // A BLOB the driver made owns its memory: it moves to the export's thread instead of being copied.
    const transfer = row.filter((v) => v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength).map((v) => v.buffer);
    answer({ id, row }, transfer);
  } catch (error) {
    answer({ id, failed: String(error && error.message || error) });
  }
});
`;

export interface PageHelperOptions {
  cacheKib?: number;
  busyTimeoutMs?: number;
}

/**
 * Queries the helper holds at once. While the export's thread makes a page's bytes (CSV's cells, XML's
 * elements) the helper must not run dry: with two it did, and sat idle ~0.4 s of a 200,000-context CSV export
 * while the export's thread read pages itself (docs/performance.md, "Two readers").
 */
const QUEUE = 4;

export class PageHelper {
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 0;
  private ready = false;
  private failed = false;
  /** The ids of the queries sent and not yet answered, oldest first (the helper answers in order). */
  private readonly pending: number[] = [];

  private constructor(file: string, options: PageHelperOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(HELPER_SOURCE, {
      eval: true,
      workerData: {
        port: port2,
        signal: this.flag.buffer,
        driver,
        file,
        cacheKib: options.cacheKib ?? 4096,
        busyTimeoutMs: options.busyTimeoutMs ?? 15_000,
      },
      transferList: [port2],
      // The helper is only ever a bonus: it must never keep a process alive or hold a large heap.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 2 },
      stdout: false,
      stderr: true,
    });
    this.worker.unref();
    // A thread that could not start says so through the port; this keeps its 'error' from being unhandled.
    this.worker.on('error', () => {
      this.failed = true;
    });
  }

  /** A helper for a store file, or null where there is none to share (an in-memory store). */
  static start(file: string, options: PageHelperOptions = {}): PageHelper | null {
    if (!file || file === ':memory:') return null;
    try {
      return new PageHelper(file, options);
    } catch {
      return null;
    }
  }

  /** True when the helper failed: what it was asked and did not answer is for the caller to read. */
  get broken(): boolean {
    if (!this.ready && !this.failed) this.take(0);
    return this.failed;
  }

  /** True when `send` would take a query: the helper is up, not failed, and its queue has room. Never blocks. */
  canTake(): boolean {
    if (!this.ready && !this.failed) this.take(0);
    return this.ready && !this.failed && this.pending.length < QUEUE;
  }

  /** Queues a query; its row comes from `poll` or `receive`, after those of the queries sent before it. */
  send(sql: string, params: unknown[]): void {
    const id = ++this.nextId;
    this.pending.push(id);
    this.port.postMessage({ id, sql, params });
  }

  /** The row of the oldest query sent, if it is in; never blocks. */
  poll(): unknown[] | undefined {
    return this.answer(0);
  }

  /** The row of the oldest query sent, waiting for it; undefined when the helper failed (read it yourself). */
  receive(): unknown[] | undefined {
    return this.answer(ANSWER_TIMEOUT_MS);
  }

  close(): void {
    this.failed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private answer(timeoutMs: number): unknown[] | undefined {
    const id = this.pending[0];
    if (id === undefined || this.failed) return undefined;
    const message = this.take(timeoutMs);
    if (!message) {
      // Not in yet is fine when not waiting; a wait that ran out means the helper is stuck.
      if (timeoutMs > 0) this.failed = true;
      return undefined;
    }
    this.pending.shift();
    if (message.id !== id || message.failed !== undefined) {
      this.failed = true;
      return undefined;
    }
    return (message.row as unknown[]).map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
  }

  /** The next answer to a query, waiting up to `timeoutMs` for it; the startup message is taken on the way. */
  private take(timeoutMs: number): HelperMessage | undefined {
    const deadline = Date.now() + timeoutMs;
    while (!this.failed) {
      // The count is read before looking, so a message that lands in between ends the wait at once.
      const count = Atomics.load(this.flag, 0);
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const message = got.message as HelperMessage;
        if (message.id !== undefined) return message;
        if (message.ready) this.ready = true;
        else this.failed = true;
        if (timeoutMs === 0 && this.pending.length === 0) return undefined;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.flag, 0, count, left);
    }
    return undefined;
  }
}

interface HelperMessage {
  id?: number;
  ready?: boolean;
  failed?: string;
  row?: unknown[];
}
