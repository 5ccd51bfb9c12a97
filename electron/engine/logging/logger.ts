/**
 * Structured logs (pino): `LOG_LEVEL=debug|info|warn|error` or `--log-level`, default `warn`. Every line carries
 * the operation id of the work that wrote it (an AsyncLocalStorage set around each operation), so one grep
 * gives one operation's story. The CLI logs to stderr; the desktop app and `serve` to a rotating file in the
 * app's data folder (`logs/context-store.log`). Worker threads inherit the choice through the environment.
 *
 * Never logged, at any level: passphrases, keys, tokens (redacted by name wherever they appear) and record
 * contents (callers log counts, record numbers, timings and decisions, never values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { LOG_LEVELS, type LogLevel } from './levels.ts';

export { LOG_LEVELS, type LogLevel };
/** Set by `configureLogging` so worker threads (which share process.env) log the same way. */
const FILE_ENV = 'CONTEXT_STORE_LOG_FILE';
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const KEPT_FILES = 3;

const SECRET_KEYS = ['passphrase', 'key', 'token', 'authorization', 'password', 'secret'];
const REDACT = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`), ...SECRET_KEYS.map((k) => `*.*.*.${k}`)];

const operation = new AsyncLocalStorage<{ operationId: string }>();

/** Runs `fn` with `operationId` on every log line it (and what it awaits) writes. */
export function withOperation<T>(operationId: string, fn: () => T): T {
  return operation.run({ operationId }, fn);
}

export function currentOperationId(): string | undefined {
  return operation.getStore()?.operationId;
}

function levelFromEnv(): LogLevel {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : 'warn';
}

/** A size-rotated log file: `x.log` → `x.log.1` → … `x.log.3`, checked on each write (writes are whole lines). */
export class RotatingFile {
  private fd: number;
  private size: number;
  constructor(
    readonly file: string,
    private readonly maxBytes = MAX_FILE_BYTES,
    private readonly kept = KEPT_FILES,
  ) {
    // Owner-only like the store beside it (docs/security.md): the logger may be what creates the data folder.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(file, 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }
  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    fs.writeSync(this.fd, line);
    this.size += bytes;
    return true;
  }
  private rotate(): void {
    fs.closeSync(this.fd);
    for (let i = this.kept - 1; i >= 1; i--) if (fs.existsSync(`${this.file}.${i}`)) fs.renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    fs.renameSync(this.file, `${this.file}.1`);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = 0;
  }
}

function build(level: LogLevel, file: string | undefined): Logger {
  const destination = file ? new RotatingFile(file) : pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin: () => {
        const id = currentOperationId();
        return id ? { operationId: id } : {};
      },
    },
    destination,
  );
}

let logger: Logger | undefined;

/** The process's logger (configured from the environment on first use). */
export function log(): Logger {
  logger ??= build(levelFromEnv(), process.env[FILE_ENV] || undefined);
  return logger;
}

/** Chooses the level and the destination: a file path (rotating) or stderr. Workers started afterwards follow. */
export function configureLogging(options: { level?: string; file?: string | null }): Logger {
  if (options.level) {
    if (!(LOG_LEVELS as readonly string[]).includes(options.level)) throw new Error(`--log-level takes ${LOG_LEVELS.join(', ')}; got ${options.level}.`);
    process.env.LOG_LEVEL = options.level;
  }
  if (options.file) process.env[FILE_ENV] = options.file;
  else if (options.file === null) delete process.env[FILE_ENV];
  logger = build(levelFromEnv(), process.env[FILE_ENV] || undefined);
  return logger;
}

/** The log folder of a data folder: where `serve` and the desktop app write (and "Open log folder" opens). */
export function logFolder(dataDir: string): string {
  return path.join(dataDir, 'logs');
}
export function logFileIn(dataDir: string): string {
  return path.join(logFolder(dataDir), 'context-store.log');
}
