/**
 * Every format × compression × encryption × split through the real pipelines: an enveloped export imports to
 * exactly what the plain export of the same format imports to, and to as many records as the store holds.
 * Formats come from the registry, so new ones join the matrix by themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import { unsafeLowerKdfCostForTests } from '../../electron/engine/envelope/kdf.ts';
import { COMPRESSIONS } from '../../shared/options.ts';
import type { Store } from '../../electron/engine/store/store.ts';
import { PASSPHRASE, allContexts, exportTo, importFrom, makeContexts, seededStore, tempDir } from './helpers.ts';
import { Store as StoreClass } from '../../electron/engine/store/store.ts';

const dir = tempDir('envelope-matrix-');
const contexts = makeContexts(240, 600);
let source: Store;

beforeAll(() => {
  unsafeLowerKdfCostForTests({ log2N: 10, r: 8, p: 1 });
  source = seededStore(dir, contexts);
});
afterAll(() => {
  unsafeLowerKdfCostForTests(undefined);
  source.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(FORMATS.map((c) => c.id))('format %s', (format) => {
  let baseline: unknown[];
  beforeAll(async () => {
    const plain = await exportTo(source, { dataType: 'contexts', format, outputPath: path.join(dir, `plain.${format}`) });
    expect(plain.status, JSON.stringify(plain.error)).toBe('completed');
    const store = StoreClass.open(path.join(dir, `baseline-${format}.db`));
    const imported = await importFrom(store, [plain.filePath]);
    expect(imported.status, JSON.stringify(imported.error)).toBe('completed');
    baseline = allContexts(store);
    store.close();
    expect(baseline).toHaveLength(contexts.length);
  });

  const combos = COMPRESSIONS.flatMap((compression) => [false, true].flatMap((encrypted) => [false, true].map((split) => ({ compression, encrypted, split }))));
  it.each(combos)('compression=$compression encrypted=$encrypted split=$split', async ({ compression, encrypted, split }) => {
    const name = `${format}-${compression}-${encrypted ? 'enc' : 'plain'}-${split ? 'split' : 'whole'}`;
    const exported = await exportTo(source, {
      dataType: 'contexts',
      format,
      compression,
      encryption: { enabled: encrypted, passphrase: encrypted ? PASSPHRASE : undefined },
      splitLargeFiles: { enabled: split, maxSizeBytes: 16 * 1024 },
      outputPath: path.join(dir, `${name}.out`),
    });
    expect(exported.status, JSON.stringify(exported.error)).toBe('completed');
    expect(exported.recordCount).toBe(contexts.length);
    // Every file listed with its size and checksum, and there on disk as listed.
    for (const f of exported.files) {
      expect(fs.statSync(f.path).size).toBe(f.bytes);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    if (split) {
      expect(exported.manifestPath).toBeDefined();
      expect(exported.files.length).toBeGreaterThan(2); // at least two parts and the manifest
      for (const f of exported.files.filter((f) => f.path !== exported.manifestPath)) expect(f.bytes).toBeLessThanOrEqual(16 * 1024);
    } else {
      expect(exported.files).toHaveLength(1);
      expect(exported.manifestPath).toBeUndefined();
    }
    const bytes = fs.readFileSync(exported.files[0]!.path);
    if (encrypted) expect(bytes.subarray(0, 8).toString('latin1')).toBe('\x89CSENC\r\n');
    else if (compression === 'gzip') expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    if (encrypted) expect(bytes.includes(Buffer.from(contexts[0]!.title))).toBe(false);

    const store = StoreClass.open(path.join(dir, `${name}.db`));
    // Import by the first file the export wrote: a part leads to its manifest.
    const imported = await importFrom(store, [exported.files[0]!.path], { passphrase: encrypted ? PASSPHRASE : undefined });
    expect(imported.status, JSON.stringify(imported.error)).toBe('completed');
    expect(imported.inputs).toHaveLength(1);
    expect(imported.inputs[0]).toMatchObject({ format, compression, encrypted });
    expect(allContexts(store)).toEqual(baseline);
    store.close();
  });
});

describe('an empty export (no record matches)', () => {
  const combos = COMPRESSIONS.flatMap((compression) => [false, true].flatMap((encrypted) => [false, true].map((split) => ({ compression, encrypted, split }))));
  it.each(combos)('compression=$compression encrypted=$encrypted split=$split', async ({ compression, encrypted, split }) => {
    const name = `empty-${compression}-${encrypted}-${split}`;
    const exported = await exportTo(source, {
      dataType: 'contexts',
      format: 'jsonl',
      filters: { types: ['no-such-type'] },
      compression,
      encryption: { enabled: encrypted, passphrase: encrypted ? PASSPHRASE : undefined },
      splitLargeFiles: { enabled: split, maxSizeBytes: 1024 },
      outputPath: path.join(dir, `${name}.jsonl`),
    });
    expect(exported.status, JSON.stringify(exported.error)).toBe('completed');
    expect(exported.recordCount).toBe(0);
    expect(exported.files).toHaveLength(split ? 2 : 1);
    const store = StoreClass.open(path.join(dir, `${name}.db`));
    const imported = await importFrom(store, [exported.filePath], { passphrase: encrypted ? PASSPHRASE : undefined, format: 'jsonl' });
    expect(imported.status, JSON.stringify(imported.error)).toBe('completed');
    expect(imported.totalRecords).toBe(0);
    store.close();
  });
});
