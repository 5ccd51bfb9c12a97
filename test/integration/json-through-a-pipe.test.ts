/**
 * Output streams flush (issue 14): a multi-megabyte `--json` result piped into a slow reader arrives whole,
 * and the exit code is the command's, given after stdout drained. The reader is a child process that takes a
 * small bite, then sleeps, so the pipe stays full while the CLI finishes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainStdout } from '../../electron/cli/output.ts';

const BIN = path.resolve(__dirname, '../../bin/context-store.mjs');
let dir: string;
let big: string;
let slowReader: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-pipe-'));
  big = path.join(dir, 'big.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++)
    lines.push(JSON.stringify({ id: `c${i}`, title: `note ${i}`, content: `${i} `.repeat(800), tags: ['pipe'], createdAt: '2024-01-01T00:00:00Z' }));
  fs.writeFileSync(big, lines.join('\n') + '\n');
  // Reads 16 KiB at a time with a pause after each, and writes what it got to a file at the end.
  slowReader = path.join(dir, 'slow-reader.mjs');
  fs.writeFileSync(
    slowReader,
    `import fs from 'node:fs';
const out = process.argv[2];
const chunks = [];
process.stdin.on('readable', function read() {
  const chunk = process.stdin.read(16384);
  if (chunk === null) return;
  chunks.push(chunk);
  process.stdin.removeListener('readable', read);
  setTimeout(() => { process.stdin.on('readable', read); read(); }, 3);
});
process.stdin.on('end', () => fs.writeFileSync(out, Buffer.concat(chunks)));
`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `context-store ARGS | slow-reader`: what the reader received, and the CLI's own exit code. */
function piped(args: string[]): { text: string; code: number } {
  const received = path.join(dir, `received-${Math.random().toString(36).slice(2)}.json`);
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const line = `${quote(process.execPath)} ${[BIN, ...args].map(quote).join(' ')} | ${quote(process.execPath)} ${quote(slowReader)} ${quote(received)}; exit \${PIPESTATUS[0]}`;
  const r = spawnSync('bash', ['-c', line], { encoding: 'utf8', timeout: 170_000 });
  return { text: fs.readFileSync(received, 'utf8'), code: r.status ?? -1 };
}

describe('--json through a pipe to a slow reader', { timeout: 180_000 }, () => {
  it('an import dry run of several megabytes arrives whole, with its exit code', () => {
    const { text, code } = piped(['--db', path.join(dir, 'a.db'), 'import', big, '--dry-run', '--json']);
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const result = JSON.parse(text) as { status: string; totalRecords: number };
    expect(result).toMatchObject({ status: 'completed', totalRecords: 6000 });
    expect(code).toBe(0);
  });

  it('validate --json --include-records of a file full of bad records arrives whole, exit 3', () => {
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, fs.readFileSync(big, 'utf8').replace(/"createdAt":"2024-01-01T00:00:00Z"/g, '"createdAt":"not a date"'));
    const { text, code } = piped(['--db', path.join(dir, 'b.db'), 'validate', bad, '--json', '--include-records']);
    const result = JSON.parse(text) as { valid: boolean; invalidRecords: number; errors: unknown[] };
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(result).toMatchObject({ valid: false, invalidRecords: 6000 });
    expect(code).toBe(3);
  });
});

describe('drainStdout', () => {
  it('resolves only after a slow, asynchronous stream took every byte', async () => {
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          received += chunk.length;
          callback();
        }, 1);
      },
    });
    const text = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 8; i++) slow.write(text);
    expect(received).toBeLessThan(8 * text.length);
    await drainStdout(slow as unknown as NodeJS.WriteStream);
    expect(received).toBe(8 * text.length);
  });
});

describe('drainStdout below the high-water mark', () => {
  it('also resolves when the buffer never filled (no drain event comes)', async () => {
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          received += chunk.length;
          callback();
        }, 5);
      },
    });
    slow.write('x'.repeat(1000));
    await drainStdout(slow as unknown as NodeJS.WriteStream);
    expect(received).toBe(1000);
  });
});
