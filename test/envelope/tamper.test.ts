/**
 * Damage of every kind fails cleanly, with a code and a message that names the problem, and the store stays
 * exactly as it was (the import runs in one transaction that commits only after the last chunk verified).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unsafeLowerKdfCostForTests, deriveKeys } from '../../electron/engine/envelope/kdf.ts';
import { decryptParts } from '../../electron/engine/envelope/decrypt.ts';
import { parseHeader } from '../../electron/engine/envelope/stream-header.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { ImportOptionsInput } from '../../shared/options.ts';
import { PASSPHRASE, allContexts, countContexts, exportTo, importFrom, makeContexts, seededStore, tempDir } from './helpers.ts';

const dir = tempDir('envelope-tamper-');
const BLOCK = 64 * 1024 + 16;
let source: Store;
let target: Store;
let before: unknown[];
let counter = 0;

beforeAll(() => {
  unsafeLowerKdfCostForTests({ log2N: 10, r: 8, p: 1 });
  source = seededStore(dir, makeContexts(300, 1000));
  target = seededStore(dir, makeContexts(5, 50, 'keep'), 'target.db');
  before = allContexts(target);
});
afterAll(() => {
  unsafeLowerKdfCostForTests(undefined);
  source.close();
  target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fresh(name: string): string {
  return path.join(dir, `${++counter}-${name}`);
}

async function exported(name: string, options: Record<string, unknown>) {
  const result = await exportTo(source, { dataType: 'contexts', format: 'jsonl', outputPath: fresh(name), ...options });
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  return result;
}

const encrypted = { encryption: { enabled: true, passphrase: PASSPHRASE } };

/** The import fails with this code, and the target store is untouched. */
async function expectRejected(files: string[], code: string, message?: RegExp, options: ImportOptionsInput = { passphrase: PASSPHRASE }) {
  for (const errorHandling of ['strict', 'lenient'] as const) {
    const result = await importFrom(target, files, { ...options, errorHandling });
    expect(result.status).toBe('failed');
    expect(result.error?.code, result.error?.message).toBe(code);
    if (message) expect(result.error?.message).toMatch(message);
    expect(result.error?.message).not.toContain(PASSPHRASE);
    expect(result.insertedRecords).toBe(0);
    expect(countContexts(target)).toBe(5);
  }
  expect(allContexts(target)).toEqual(before);
}

function edit(file: string, change: (bytes: Buffer) => Buffer): string {
  const out = fresh(path.basename(file));
  fs.writeFileSync(out, change(fs.readFileSync(file)));
  return out;
}

const headerLength = (bytes: Buffer) => bytes.readUInt16BE(9);

describe('a single encrypted file', () => {
  let file: string;
  beforeAll(async () => {
    file = (await exported('data.jsonl.enc', encrypted)).filePath;
    expect(fs.statSync(file).size).toBeGreaterThan(3 * BLOCK);
  });
  beforeEach(() => expect(countContexts(target)).toBe(5));

  it('imports with the right passphrase (the control)', async () => {
    const store = Store.open(fresh('control.db'));
    const result = await importFrom(store, [file], { passphrase: PASSPHRASE });
    expect(result.status).toBe('completed');
    expect(result.insertedRecords).toBe(300);
    store.close();
  });

  it('a flipped bit in the payload', async () => {
    const bad = edit(file, (b) => {
      b[headerLength(b) + BLOCK + 100]! ^= 1;
      return b;
    });
    await expectRejected([bad], 'INTEGRITY_ERROR', /chunk 2/);
  });

  it('a flipped bit in the last chunk (after earlier chunks were already parsed)', async () => {
    const bad = edit(file, (b) => {
      b[b.length - 20]! ^= 0x80;
      return b;
    });
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('a flipped bit in the header', async () => {
    const bad = edit(file, (b) => {
      b[20]! ^= 1; // inside the salt
      return b;
    });
    await expectRejected([bad], 'DECRYPT_FAILED', /passphrase is wrong|altered/);
  });

  it('truncated at a chunk boundary', async () => {
    const bad = edit(file, (b) => b.subarray(0, headerLength(b) + 2 * BLOCK));
    await expectRejected([bad], 'INTEGRITY_ERROR', /truncated/);
  });

  it('truncated inside a chunk', async () => {
    const bad = edit(file, (b) => b.subarray(0, headerLength(b) + BLOCK + 5000));
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('truncated inside the header', async () => {
    const bad = edit(file, (b) => b.subarray(0, 30));
    await expectRejected([bad], 'INTEGRITY_ERROR', /cut short/);
  });

  it('bytes after the final chunk', async () => {
    const bad = edit(file, (b) => Buffer.concat([b, Buffer.from('extra')]));
    await expectRejected([bad], 'INTEGRITY_ERROR');
    const bad2 = edit(file, (b) => Buffer.concat([b, b.subarray(headerLength(b), headerLength(b) + BLOCK)]));
    await expectRejected([bad2], 'INTEGRITY_ERROR');
  });

  it('two chunks swapped', async () => {
    const bad = edit(file, (b) => {
      const h = headerLength(b);
      return Buffer.concat([b.subarray(0, h), b.subarray(h + BLOCK, h + 2 * BLOCK), b.subarray(h, h + BLOCK), b.subarray(h + 2 * BLOCK)]);
    });
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('a chunk duplicated', async () => {
    const bad = edit(file, (b) => {
      const h = headerLength(b);
      return Buffer.concat([b.subarray(0, h + BLOCK), b.subarray(h, h + BLOCK), b.subarray(h + BLOCK)]);
    });
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('a chunk dropped', async () => {
    const bad = edit(file, (b) => {
      const h = headerLength(b);
      return Buffer.concat([b.subarray(0, h + BLOCK), b.subarray(h + 2 * BLOCK)]);
    });
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('a wrong passphrase says so', async () => {
    await expectRejected([file], 'DECRYPT_FAILED', /passphrase is wrong/, { passphrase: 'not the passphrase' });
  });

  it('no passphrase: PASSPHRASE_REQUIRED', async () => {
    await expectRejected([file], 'PASSPHRASE_REQUIRED', /encrypted/, {});
  });

  it('a header asking for a huge scrypt cost is refused before any work', async () => {
    const bad = edit(file, (b) => {
      b[12] = 40; // log2 N
      return b;
    });
    const started = Date.now();
    await expectRejected([bad], 'LIMIT_EXCEEDED', /scrypt/);
    expect(Date.now() - started).toBeLessThan(30_000); // informative only: 2^40 would never finish
  });

  it('a header from a newer envelope version is named as such', async () => {
    const bad = edit(file, (b) => {
      b[8] = 9;
      return b;
    });
    await expectRejected([bad], 'UNSUPPORTED_FORMAT', /version 9/);
  });

  it('validate reports the same failures without writing', async () => {
    const { runValidate } = await import('../../electron/engine/pipeline/validate-file.ts');
    const result = await runValidate(target, [file], { dataType: 'auto-detect', format: 'auto', unmappedFields: 'metadata', passphrase: 'wrong' } as never);
    expect(result.valid).toBe(false);
    expect(result.error?.code).toBe('DECRYPT_FAILED');
  });
});

describe('compressed files', () => {
  it('gzip truncated, corrupted or with trailing bytes', async () => {
    const file = (await exported('data.jsonl.gz', { compression: 'gzip' })).filePath;
    await expectRejected([edit(file, (b) => b.subarray(0, b.length - 100))], 'DECOMPRESS_FAILED', /truncated/);
    await expectRejected(
      [
        edit(file, (b) => {
          b[Math.floor(b.length / 2)]! ^= 0xff;
          return b;
        }),
      ],
      'DECOMPRESS_FAILED',
    );
    await expectRejected([edit(file, (b) => Buffer.concat([b, Buffer.from('garbage after the end')]))], 'DECOMPRESS_FAILED');
  });

  it('brotli truncated or with trailing bytes', async () => {
    const file = (await exported('data.jsonl.br', { compression: 'brotli' })).filePath;
    await expectRejected([edit(file, (b) => b.subarray(0, b.length - 50))], 'DECOMPRESS_FAILED', /truncated/);
    await expectRejected([edit(file, (b) => Buffer.concat([b, Buffer.from('xx')]))], 'DECOMPRESS_FAILED', /after the end/);
  });

  it('a gzip bomb (one valid record, then 64 MiB of blank lines) is refused with LIMIT_EXCEEDED', async () => {
    const bomb = fresh('bomb.jsonl.gz');
    const gzip = zlib.createGzip({ level: 9 });
    const out = fs.createWriteStream(bomb);
    gzip.pipe(out);
    gzip.write(JSON.stringify(makeContexts(1, 10, 'bomb')[0]) + '\n');
    const blank = Buffer.alloc(1024 * 1024, 0x0a);
    for (let i = 0; i < 64; i++) gzip.write(blank);
    gzip.end();
    await new Promise<void>((resolve) => out.on('close', () => resolve()));
    expect(fs.statSync(bomb).size).toBeLessThan(200_000);
    await expectRejected([bomb], 'LIMIT_EXCEEDED', /compression bomb/);
  });

  it('a brotli bomb named .br', async () => {
    const bomb = fresh('bomb.jsonl.br');
    fs.writeFileSync(
      bomb,
      zlib.brotliCompressSync(Buffer.concat([Buffer.from(JSON.stringify(makeContexts(1, 10, 'bomb')[0]) + '\n'), Buffer.alloc(48 * 1024 * 1024, 0x0a)])),
    );
    await expectRejected([bomb], 'LIMIT_EXCEEDED');
  });

  it('the absolute cap is configurable', async () => {
    const file = (await exported('data.jsonl.gz', { compression: 'gzip' })).filePath;
    await expectRejected([file], 'LIMIT_EXCEEDED', /more than 100000 bytes/, { decompressionLimits: { maxBytes: 100_000 } });
  });

  it('a flipped bit under gzip inside encryption is an integrity error, not a decompression one', async () => {
    const file = (await exported('data.jsonl.gz.enc', { compression: 'gzip', ...encrypted })).filePath;
    const bad = edit(file, (b) => {
      b[b.length - 30]! ^= 4;
      return b;
    });
    await expectRejected([bad], 'INTEGRITY_ERROR');
  });

  it('an encrypted bomb is caught after decryption too', async () => {
    const file = (await exported('data.jsonl.gz.enc', { compression: 'gzip', ...encrypted })).filePath;
    await expectRejected([file], 'LIMIT_EXCEEDED', undefined, { passphrase: PASSPHRASE, decompressionLimits: { maxBytes: 50_000 } });
  });
});

describe('detection by content, not by name', () => {
  async function importsAll(file: string) {
    const store = Store.open(fresh('detect.db'));
    const result = await importFrom(store, [file]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.insertedRecords).toBe(300);
    store.close();
    return result;
  }

  it('gzip named .jsonl, brotli named .jsonl, gzip named .br, plain named .gz', async () => {
    const gz = (await exported('a.jsonl', { compression: 'gzip' })).filePath;
    expect((await importsAll(gz)).inputs[0]!.compression).toBe('gzip');
    const br = (await exported('b.jsonl', { compression: 'brotli' })).filePath;
    expect((await importsAll(br)).inputs[0]!.compression).toBe('brotli');
    const gzAsBr = fresh('c.jsonl.br');
    fs.copyFileSync(gz, gzAsBr);
    expect((await importsAll(gzAsBr)).inputs[0]!.compression).toBe('gzip');
    const plainAsGz = fresh('d.jsonl.gz');
    fs.copyFileSync((await exported('d.jsonl', {})).filePath, plainAsGz);
    expect((await importsAll(plainAsGz)).inputs[0]!.compression).toBe('none');
  });

  it('binary junk named .br is a clear error, not garbage', async () => {
    const junk = fresh('junk.jsonl.br');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)));
    await expectRejected([junk], 'DECOMPRESS_FAILED', /brotli/);
  });
});

describe('split exports', () => {
  async function split(name: string, extra: Record<string, unknown> = {}) {
    const result = await exported(name, { splitLargeFiles: { enabled: true, maxSizeBytes: 64 * 1024 }, ...extra });
    const parts = result.files.filter((f) => f.path !== result.manifestPath).map((f) => f.path);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    return { result, parts, manifest: result.manifestPath! };
  }
  /** A copy of the whole set in its own folder, so one file can be damaged. */
  function copySet(files: string[]): string[] {
    const folder = fresh('set');
    fs.mkdirSync(folder);
    return files.map((f) => {
      const to = path.join(folder, path.basename(f));
      fs.copyFileSync(f, to);
      return to;
    });
  }

  for (const withEncryption of [false, true]) {
    describe(withEncryption ? 'encrypted' : 'plain', () => {
      let set: Awaited<ReturnType<typeof split>>;
      beforeAll(async () => {
        set = await split(`s-${withEncryption}.jsonl`, withEncryption ? encrypted : {});
      });

      it('imports once whether given the manifest, a part, or every file', async () => {
        const outPath = set.manifest.replace(/\.manifest\.json$/, ''); // what --out named: resolves to the manifest
        for (const files of [[set.manifest], [set.parts[2]!], [...set.parts, set.manifest], [outPath]]) {
          const store = Store.open(fresh('split.db'));
          const result = await importFrom(store, files, { passphrase: withEncryption ? PASSPHRASE : undefined });
          expect(result.status, JSON.stringify(result.error)).toBe('completed');
          expect(result.insertedRecords).toBe(300);
          expect(result.inputs).toHaveLength(1);
          store.close();
        }
      });

      it('a missing part is named', async () => {
        const files = copySet(set.result.files.map((f) => f.path));
        fs.rmSync(files[2]!);
        await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /Part 3 of \d+ .*part003.* missing/);
      });

      it('a corrupt part is named', async () => {
        const files = copySet(set.result.files.map((f) => f.path));
        const b = fs.readFileSync(files[1]!);
        b[1000]! ^= 1;
        fs.writeFileSync(files[1]!, b);
        await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /Part 2 of \d+ .*part002.*SHA-256/);
      });

      it('two swapped parts are named', async () => {
        const files = copySet(set.result.files.map((f) => f.path));
        const a = fs.readFileSync(files[0]!);
        fs.writeFileSync(files[0]!, fs.readFileSync(files[1]!));
        fs.writeFileSync(files[1]!, a);
        await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /Part 1 of/);
      });

      it('a truncated last part is named', async () => {
        const files = copySet(set.result.files.map((f) => f.path));
        const last = files.at(-2)!;
        fs.writeFileSync(last, fs.readFileSync(last).subarray(0, 100));
        await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /part00\d.*bytes/);
      });

      it('an extra part, not in the manifest, is named and refused', async () => {
        const files = copySet(set.result.files.map((f) => f.path));
        const extra = files[0]!.replace(/part001$/, 'part999');
        fs.copyFileSync(files[0]!, extra);
        await expectRejected([extra], 'INTEGRITY_ERROR', /part999 is not one of the \d+ part/);
        await expectRejected([files.at(-1)!, extra], 'INTEGRITY_ERROR', /part999/, withEncryption ? undefined : {}); // a plain set under a passphrase is refused first (issue 13)
      });

      it('a part without its manifest is refused', async () => {
        const files = copySet(set.parts);
        await expectRejected([files[0]!], 'INTEGRITY_ERROR', /manifest .* missing/);
      });
    });
  }

  describe('encrypted: the manifest and the parts authenticate each other', () => {
    let set: Awaited<ReturnType<typeof split>>;
    beforeAll(async () => {
      set = await split('auth.jsonl', encrypted);
    });
    const rewrite = (manifest: string, change: (m: Record<string, any>) => void) => {
      const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      change(m);
      fs.writeFileSync(manifest, JSON.stringify(m, null, 2));
    };

    it('an edited manifest is refused', async () => {
      const files = copySet(set.result.files.map((f) => f.path));
      rewrite(files.at(-1)!, (m) => (m.recordCount = 1));
      await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /manifest .* altered/);
    });

    it('swapped parts with the checksums "fixed" in the manifest are refused (the MAC)', async () => {
      const files = copySet(set.result.files.map((f) => f.path));
      const [a, b] = [fs.readFileSync(files[1]!), fs.readFileSync(files[2]!)];
      fs.writeFileSync(files[1]!, b);
      fs.writeFileSync(files[2]!, a);
      rewrite(files.at(-1)!, (m) => ([m.parts[1].sha256, m.parts[2].sha256] = [m.parts[2].sha256, m.parts[1].sha256]));
      await expectRejected([files.at(-1)!], 'INTEGRITY_ERROR', /altered/);
    });

    it('a wrong passphrase says so', async () => {
      await expectRejected([set.manifest], 'DECRYPT_FAILED', /passphrase is wrong/, { passphrase: 'nope' });
    });

    it('no passphrase: PASSPHRASE_REQUIRED', async () => {
      await expectRejected([set.parts[0]!], 'PASSPHRASE_REQUIRED', undefined, {});
    });

    it('the chunk stream itself refuses reordered, foreign, dropped or extra parts (below the manifest)', async () => {
      const head = fs.readFileSync(set.parts[0]!).subarray(0, 1024);
      const first = parseHeader(head, 'p1');
      const keys = await deriveKeys(PASSPHRASE, first.header.salt, first.header.kdf);
      const read = (order: string[], partCount = order.length) =>
        (async () => {
          const chunks: Buffer[] = [];
          const parts = order.map((file) => ({ file, stream: fs.createReadStream(file) as AsyncIterable<Buffer> }));
          for await (const c of decryptParts(parts, { keys, first: first.header, partCount })) chunks.push(c);
          return Buffer.concat(chunks);
        })();
      const whole = await read(set.parts);
      expect(whole.toString('utf8').split('\n').filter(Boolean)).toHaveLength(300);
      const swapped = [set.parts[0]!, set.parts[2]!, set.parts[1]!, ...set.parts.slice(3)];
      await expect(read(swapped)).rejects.toMatchObject({ code: 'INTEGRITY_ERROR', message: expect.stringMatching(/part 2 .*does not belong/) });
      await expect(read(set.parts.slice(0, -1))).rejects.toMatchObject({ code: 'INTEGRITY_ERROR', message: expect.stringMatching(/part is missing/) });
      await expect(read([...set.parts, set.parts.at(-1)!])).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
      const other = await split('other.jsonl', encrypted);
      await expect(read([set.parts[0]!, other.parts[1]!, ...set.parts.slice(2)])).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
    });
  });
});

describe('export side', () => {
  it('encryption without a passphrase fails and leaves no file', async () => {
    const out = fresh('nopass.jsonl');
    const result = await exportTo(source, { dataType: 'contexts', format: 'jsonl', outputPath: out, encryption: { enabled: true } });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('PASSPHRASE_REQUIRED');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(out)))).toEqual([]);
  });

  it('a split size below 1 KB is refused', async () => {
    const result = await exportTo(source, {
      dataType: 'contexts',
      format: 'jsonl',
      outputPath: fresh('tiny.jsonl'),
      splitLargeFiles: { enabled: true, maxSizeBytes: 100 },
    });
    expect(result.error?.code).toBe('BAD_ARGUMENT');
  });
});
