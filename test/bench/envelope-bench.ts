/**
 * Envelope stage throughput: gzip and brotli at "fast" and "small", decompression, AES-256-GCM chunked
 * encryption and decryption, and the KDF's one-off cost, on ~100 MB of generated JSON Lines (realistic text,
 * not zeros). Prints figures; asserts nothing.
 *
 *   node bin/run-ts.mjs test/bench/envelope-bench.ts [--mb 100]
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CompressingStage, decompress, type CompressionLevel } from '../../electron/engine/envelope/compression.ts';
import { ChunkEncryptor } from '../../electron/engine/envelope/encrypt.ts';
import { decryptParts } from '../../electron/engine/envelope/decrypt.ts';
import { DEFAULT_SCRYPT, deriveKeys } from '../../electron/engine/envelope/kdf.ts';
import { DEFAULT_DECOMPRESSION_LIMITS } from '../../electron/engine/envelope/limits.ts';
import type { PartFiles } from '../../electron/engine/envelope/part-files.ts';
import { DEFAULT_LOG2_CHUNK, NONCE_PREFIX_BYTES } from '../../electron/engine/envelope/stream-header.ts';

export interface EnvelopeBenchRow {
  stage: string;
  megabytes: number;
  seconds: number;
  mbPerSecond: number;
  /** Output size as a share of the input, for compression. */
  ratio?: number;
}

const MB = 1024 * 1024;

/** JSON Lines of notes with varied words, numbers, unicode and escapes: compresses like real data. */
export function generate(megabytes: number): Buffer[] {
  let seed = 42;
  // mulberry32: a real 32-bit generator (an LCG in floating point falls into a short cycle).
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // A vocabulary of 20,000 made-up words drawn with a Zipf-like skew, plus a few special ones: roughly the
  // redundancy of real notes (gzip -1 to ~25-30%), where a tiny vocabulary would flatter brotli's big window.
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vi', 'zo', 'pa', 'qu', 'ex', 'an', 'or', 'el', 'is', 'um', 'th', 'ch', 'st', 'é', 'ö', 'ñ'];
  const special = ['déjà vu', '日本語', 'emoji 🎉', '\\"quoted\\"', 'comma, separated', 'line\\nbreak'];
  const words = Array.from({ length: 20_000 }, (_, k) =>
    k < special.length ? special[k]! : Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => syllables[Math.floor(rnd() * syllables.length)]).join(''),
  );
  const word = () => words[Math.floor(words.length * rnd() ** 3)]!;
  const blocks: Buffer[] = [];
  let total = 0;
  let i = 0;
  let lines: string[] = [];
  let size = 0;
  while (total < megabytes * MB) {
    let content = '';
    const target = 200 + Math.floor(rnd() * 800);
    while (content.length < target) content += word() + (rnd() < 0.1 ? ' ' + Math.floor(rnd() * 100000) + ' ' : ' ');
    const line = `{"id":"ctx-${i}","title":"Note ${i} ${word()} ${word()}","content":"${content}","type":"general","tags":["t${i % 7}"],"createdAt":"2024-01-01T00:00:00.000Z","metadata":{"n":${i}}}\n`;
    i++;
    lines.push(line);
    size += line.length;
    if (size >= 64 * 1024) {
      const block = Buffer.from(lines.join(''), 'utf8');
      blocks.push(block);
      total += block.length;
      lines = [];
      size = 0;
    }
  }
  return blocks;
}

async function* iterate(blocks: Buffer[]): AsyncGenerator<Buffer> {
  for (const b of blocks) yield b;
}

function row(stage: string, bytes: number, seconds: number, ratio?: number): EnvelopeBenchRow {
  return { stage, megabytes: bytes / MB, seconds, mbPerSecond: bytes / MB / seconds, ratio };
}

/** An in-memory stand-in for the part files, so the cipher is measured, not the disk. */
function memoryParts(): PartFiles & { chunks: Buffer[] } {
  let open = false;
  let count = 0;
  let bytes = 0;
  const chunks: Buffer[] = [];
  const openPart = () => {
    open = true;
    count++;
    bytes = 0;
  };
  return {
    chunks,
    get isOpen() {
      return open;
    },
    get count() {
      return count;
    },
    get currentBytes() {
      return bytes;
    },
    open: openPart,
    async write(chunk: Buffer) {
      if (!open) openPart();
      bytes += chunk.length;
      chunks.push(chunk);
    },
    async closeCurrent() {
      open = false;
    },
  } as unknown as PartFiles & { chunks: Buffer[] };
}

export async function runEnvelopeBench(options: { megabytes?: number; log?: (line: string) => void } = {}): Promise<EnvelopeBenchRow[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const megabytes = options.megabytes ?? 100;
  const blocks = generate(megabytes);
  const input = blocks.reduce((s, b) => s + b.length, 0);
  const rows: EnvelopeBenchRow[] = [];
  log(`Envelope stages on ${(input / MB).toFixed(1)} MB of generated JSON Lines (Node ${process.version})`);
  const print = (r: EnvelopeBenchRow) => {
    rows.push(r);
    log(
      `  ${r.stage.padEnd(34)} ${r.mbPerSecond.toFixed(1).padStart(8)} MB/s  ${r.seconds.toFixed(2).padStart(6)} s${r.ratio !== undefined ? `  → ${(r.ratio * 100).toFixed(1)}% of the size` : ''}`,
    );
  };

  const compressed: Record<string, Buffer[]> = {};
  for (const kind of ['gzip', 'brotli'] as const) {
    for (const level of ['fast', 'small'] as CompressionLevel[]) {
      const out: Buffer[] = [];
      let outBytes = 0;
      const stage = new CompressingStage(kind, level, async (chunk) => {
        outBytes += chunk.length;
        out.push(chunk);
      });
      const started = performance.now();
      for (const b of blocks) await stage.write(b);
      await stage.end();
      print(row(`${kind} ${level} (compress)`, input, (performance.now() - started) / 1000, outBytes / input));
      compressed[`${kind}-${level}`] = level === 'fast' ? out : [];
    }
    const started = performance.now();
    let plain = 0;
    for await (const c of decompress(iterate(compressed[`${kind}-fast`]!), kind, DEFAULT_DECOMPRESSION_LIMITS, 'bench')) plain += c.length;
    print(row(`${kind} decompress (output)`, plain, (performance.now() - started) / 1000));
  }

  const salt = crypto.randomBytes(16);
  const kdfStarted = performance.now();
  const keys = await deriveKeys('bench passphrase', salt, DEFAULT_SCRYPT);
  const kdfMs = performance.now() - kdfStarted;
  log(`  ${'scrypt N=2^17 r=8 p=1 (once per file)'.padEnd(34)} ${kdfMs.toFixed(0).padStart(8)} ms`);

  const header = {
    keyKind: 'passphrase' as const,
    kdf: DEFAULT_SCRYPT,
    salt,
    log2ChunkSize: DEFAULT_LOG2_CHUNK,
    noncePrefix: crypto.randomBytes(NONCE_PREFIX_BYTES),
    compression: 'none' as const,
    split: false,
    exportId: 'exp_bench',
  };
  const parts = memoryParts();
  const encryptor = new ChunkEncryptor(header, keys, parts, Infinity);
  let started = performance.now();
  for (const b of blocks) await encryptor.push(b);
  await encryptor.finish();
  print(row('aes-256-gcm encrypt (64 KiB chunks)', input, (performance.now() - started) / 1000));

  started = performance.now();
  let plain = 0;
  for await (const c of decryptParts([{ file: 'bench', stream: iterate(parts.chunks) }], { keys, first: { ...header, partIndex: 0 }, partCount: 1 }))
    plain += c.length;
  if (plain !== input) throw new Error(`decryption returned ${plain} bytes, expected ${input}`);
  print(row('aes-256-gcm decrypt + verify', input, (performance.now() - started) / 1000));
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--mb');
  await runEnvelopeBench({ megabytes: at > 0 ? Number(process.argv[at + 1]) : 100 });
}
