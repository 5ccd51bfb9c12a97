/**
 * The export's file writer: a large file is synced as it grows (so the disk writes it back while the export
 * still reads), and the file, its size and its hash are still exactly what was written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HashedFileWriter } from '../../electron/engine/envelope/hashed-file-writer.ts';
import { tempDir } from '../helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const chunkOf = (i: number) => Buffer.alloc(1024 * 1024, i % 251);

describe('HashedFileWriter', () => {
  it('syncs a large file before it is closed, and writes and hashes every byte', async () => {
    const syncs = vi.spyOn(fs, 'fdatasync');
    const file = path.join(tempDir(), 'out.bin');
    const writer = new HashedFileWriter(file);
    const hash = crypto.createHash('sha256');
    for (let i = 0; i < 40; i++) {
      await writer.write(chunkOf(i));
      hash.update(chunkOf(i));
    }
    // 40 MB written: at least one sync already asked for, none of them waited for by the writes.
    expect(syncs).toHaveBeenCalled();
    const done = await writer.finish();
    expect(done.bytes).toBe(40 * 1024 * 1024);
    expect(done.sha256).toBe(hash.digest('hex'));
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(done.sha256);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['out.bin']);
  });

  it('a small file is synced once, at the end', async () => {
    const syncs = vi.spyOn(fs, 'fdatasync');
    const file = path.join(tempDir(), 'small.txt');
    const writer = new HashedFileWriter(file);
    await writer.write('hello\n');
    expect(syncs).not.toHaveBeenCalled();
    expect((await writer.finish()).bytes).toBe(6);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello\n');
  });

  it('an abort while a sync runs leaves nothing behind', async () => {
    const dir = tempDir();
    const writer = new HashedFileWriter(path.join(dir, 'gone.bin'));
    for (let i = 0; i < 20; i++) await writer.write(chunkOf(i));
    await writer.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
