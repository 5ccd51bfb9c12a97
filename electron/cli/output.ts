/**
 * What the CLI prints. With --json exactly one JSON object goes to stdout; otherwise a short summary for a
 * person. Messages never include a stack trace.
 */
import type { ErrorValue } from '../../shared/errors.ts';
import type { OperationProgress } from '../../shared/operations.ts';

export class CliFailure extends Error {
  constructor(
    readonly error: ErrorValue,
    readonly exitCode: number,
  ) {
    super(error.message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/**
 * Resolves once everything written to stdout has left the process. Where stdout is asynchronous (a pipe on
 * macOS, Windows) a caller that exits right after printing would cut a large `--json` result at the pipe's
 * buffer (64 KiB); the CLI's exit waits for this instead.
 */
export function drainStdout(stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  if (stream.destroyed || stream.writableEnded || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.once('close', done);
    stream.once('error', done);
    // Writes complete in order: an empty write's callback runs once everything before it has been handed on.
    stream.write('', done);
  });
}

export function describeError(error: ErrorValue): string {
  const where = [
    error.file && `file ${error.file}`,
    error.record !== undefined && error.record > 0 && `record ${error.record}`,
    error.field && `field "${error.field}"`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${error.message}${where && !error.message.includes(String(error.record ?? '§')) ? ` (${where})` : ''} [${error.code}]`;
}

export function printError(error: ErrorValue, json: boolean): void {
  if (json) printJson({ error });
  else process.stderr.write(`error: ${describeError(error)}\n`);
}

/**
 * `n.toLocaleString('en-US')`. Whole numbers (every count the CLI prints) are grouped here instead: the first
 * toLocaleString of a process loads ICU's number formatting, ~35 ms of a one-record import.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  // Grouped by slicing, not by a lookahead regex: `(\d{3})+$` retried at every digit is quadratic in the length.
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

/** The app's sizes too. */
export { formatBytes } from '../../shared/bytes.ts';

/** A one-line progress bar on stderr, only for a person at a terminal. */
export class ProgressBar {
  private lastLength = 0;
  readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && Boolean(process.stderr.isTTY);
  }

  update(p: OperationProgress): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((p.progress / 100) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const total = p.totalRecords ? ` / ${p.totalRecordsEstimated ? '~' : ''}${formatNumber(p.totalRecords)}` : '';
    const eta = p.estimatedCompletion ? ` · about ${Math.max(0, Math.round((Date.parse(p.estimatedCompletion) - Date.now()) / 1000))} s left` : '';
    const line = `${bar} ${String(p.progress).padStart(3)}% ${p.currentStep} · ${formatNumber(p.currentRecord)}${total} records · ${formatNumber(p.recordsPerSecond)} rec/s${eta}`;
    process.stderr.write(`\r${line}${' '.repeat(Math.max(0, this.lastLength - line.length))}`);
    this.lastLength = line.length;
  }

  done(): void {
    if (this.enabled && this.lastLength) process.stderr.write(`\r${' '.repeat(this.lastLength)}\r`);
    this.lastLength = 0;
  }
}

/**
 * The warnings a person reads: those about an input as a whole (a file read in another encoding, files a folder
 * import did not read) first, since one of them may be all there is to know, then the records'; `limit` in all,
 * and how many more `--json` has.
 */
export function warningLines(warnings: string[], limit = 10): string[] {
  const perRecord = (w: string) => /^record \d+: /.test(w);
  const ordered = [...warnings.filter((w) => !perRecord(w)), ...warnings.filter(perRecord)];
  const lines = ordered.slice(0, limit).map((w) => `  warning: ${w}`);
  if (ordered.length > limit) lines.push(`  … and ${formatNumber(ordered.length - limit)} more warnings (use --json for the full list)`);
  return lines;
}
