/**
 * The production KDF floor, with no test override in this file: real scrypt (N=2^17) round-trips, a header
 * asking for less is refused, and the streaming decompressor counts its own output.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, checkScryptParams } from '../../electron/engine/envelope/kdf.ts';
import { decompress } from '../../electron/engine/envelope/compression.ts';
import { DEFAULT_DECOMPRESSION_LIMITS } from '../../electron/engine/envelope/limits.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { PASSPHRASE, countContexts, exportTo, importFrom, makeContexts, seededStore, tempDir } from './helpers.ts';

const dir = tempDir('envelope-real-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the KDF at production cost', () => {
  it('writes N=2^17, r=8, p=1 into the header and reads it back', async () => {
    const source = seededStore(dir, makeContexts(50));
    const result = await exportTo(source, {
      dataType: 'contexts',
      format: 'jsonl',
      compression: 'gzip',
      encryption: { enabled: true, passphrase: PASSPHRASE },
      outputPath: path.join(dir, 'real.jsonl.gz.enc'),
    });
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const header = fs.readFileSync(result.filePath).subarray(0, 16);
    expect([header[12], header[13], header[14]]).toEqual([17, 8, 1]);
    const target = Store.open(path.join(dir, 'real-target.db'));
    const imported = await importFrom(target, [result.filePath], { passphrase: PASSPHRASE });
    expect(imported.status, JSON.stringify(imported.error)).toBe('completed');
    expect(countContexts(target)).toBe(50);

    // The same file with a cheaper cost written into its header is refused before any work.
    const weak = path.join(dir, 'weak.jsonl.gz.enc');
    const bytes = fs.readFileSync(result.filePath);
    bytes[12] = 10;
    fs.writeFileSync(weak, bytes);
    const refused = await importFrom(target, [weak], { passphrase: PASSPHRASE });
    expect(refused.error?.code).toBe('DECRYPT_FAILED');
    expect(refused.error?.message).toMatch(/weaker than this app accepts/);
    expect(countContexts(target)).toBe(50);
    source.close();
    target.close();
  });

  it('bounds: the floor and the ceiling', () => {
    expect(() => checkScryptParams(DEFAULT_SCRYPT, 'f')).not.toThrow();
    expect(() => checkScryptParams({ log2N: 16, r: 8, p: 1 }, 'f')).toThrow(/weaker/);
    expect(() => checkScryptParams({ log2N: 17, r: 4, p: 1 }, 'f')).toThrow(/weaker/);
    expect(() => checkScryptParams({ log2N: 21, r: 8, p: 1 }, 'f')).toThrow(/more work/);
    expect(() => checkScryptParams({ log2N: 20, r: 32, p: 1 }, 'f')).toThrow(/more work/);
    expect(() => checkScryptParams({ log2N: 17, r: 8, p: 200 }, 'f')).toThrow(/more work/);
  });
});

describe('streaming decompression counts its own output', () => {
  async function* gzipBomb(megabytes: number): AsyncGenerator<Buffer> {
    const gzip = zlib.createGzip({ level: 9 });
    const out: Buffer[] = [];
    gzip.on('data', (c: Buffer) => out.push(c));
    const zeros = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < megabytes; i++) gzip.write(zeros);
    gzip.end();
    await new Promise((resolve) => gzip.on('end', resolve));
    for (const c of out) yield c;
  }

  it('past the ratio once over the floor', async () => {
    const drain = async () => {
      for await (const _ of decompress(gzipBomb(64), 'gzip', DEFAULT_DECOMPRESSION_LIMITS, 'bomb.gz'));
    };
    await expect(drain()).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/expands more than 200 times/) });
  });

  it('past the absolute cap', async () => {
    let seen = 0;
    const drain = async () => {
      for await (const c of decompress(gzipBomb(8), 'gzip', { ...DEFAULT_DECOMPRESSION_LIMITS, maxBytes: 2 * 1024 * 1024 }, 'bomb.gz')) seen += c.length;
    };
    await expect(drain()).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(seen).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
