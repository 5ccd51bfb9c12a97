/** verify, export --since last, raw keys, through the real CLI. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { contextLines, tempDir } from './helpers.ts';

let dir: string;
let db: string;
const env = { CONTEXT_STORE_PASSPHRASE: '', CONTEXT_STORE_KEY: '' };
const run = (...args: string[]) => cli(['--db', db, ...args], { env });

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'store.db');
  fs.writeFileSync(path.join(dir, 'first.jsonl'), contextLines(20, 'a'));
  expect(run('import', path.join(dir, 'first.jsonl')).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('verify', () => {
  it('says "Verified: N of N" for an export that matches the store', () => {
    const out = path.join(dir, 'all.csv');
    expect(run('export', '--type', 'contexts', '--format', 'csv', '--out', out).code).toBe(0);
    const result = run('verify', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verified: 20 of 20');
  });

  it('finds a deleted, an added and a changed record', () => {
    const out = path.join(dir, 'snapshot.jsonl');
    expect(run('export', '--type', 'contexts', '--format', 'jsonl', '--out', out).code).toBe(0);
    const store = new Database(db);
    store.prepare("DELETE FROM contexts WHERE id = 'a3'").run();
    store.prepare("UPDATE contexts SET content = 'edited' WHERE id = 'a5'").run();
    store.close();
    fs.writeFileSync(path.join(dir, 'added.jsonl'), contextLines(1, 'added'));
    expect(run('import', path.join(dir, 'added.jsonl')).code).toBe(0);

    const result = run('verify', out, '--json');
    expect(result.code).toBe(3);
    const value = result.json<{ ok: boolean; verified: number; total: number; differences: { id: string; kind: string; fields?: string[] }[] }>();
    expect(value.ok).toBe(false);
    expect(value.verified).toBe(18);
    expect(value.total).toBe(20);
    expect(value.differences).toEqual(
      expect.arrayContaining([
        { dataType: 'contexts', id: 'a3', kind: 'missing-in-store' },
        { dataType: 'contexts', id: 'a5', kind: 'different', fields: ['content'] },
        { dataType: 'contexts', id: 'added1', kind: 'missing-in-export' },
      ]),
    );
    const text = run('verify', out);
    expect(text.stdout).toContain('Verified: 18 of 20');
    expect(text.stdout).toMatch(/a3: missing in the store/);
    expect(text.stdout).toMatch(/added1: missing in the export/);
    expect(text.stdout).toMatch(/a5: different \(content\)/);
  });

  it('reads an encrypted split export through its manifest', () => {
    const pass = path.join(dir, 'pass.txt');
    fs.writeFileSync(pass, 'a passphrase for the split export');
    const out = path.join(dir, 'split.jsonl');
    expect(run('export', '--type', 'contexts', '--format', 'jsonl', '--out', out, '--encrypt', '--passphrase-file', pass, '--split-size', '2KB').code).toBe(0);
    const result = run('verify', `${out}.manifest.json`, '--passphrase-file', pass);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Verified: (\d+) of \1/);
    const manifest = JSON.parse(fs.readFileSync(`${out}.manifest.json`, 'utf8'));
    expect(manifest.records.contexts.count).toBe(manifest.recordCount);
    expect(manifest.records.contexts.sha256).toMatch(/^[0-9a-f]{64}$/);
    const json = run('verify', `${out}.part001`, '--passphrase-file', pass, '--json').json<{
      manifest: { matches: boolean; counts: Record<string, number> };
    }>();
    expect(json.manifest.matches).toBe(true);
    expect(json.manifest.counts.contexts).toBe(manifest.recordCount);
  });

  it('--after OPERATION_ID checks an import is in the store as it wrote it', () => {
    fs.writeFileSync(path.join(dir, 'checked.jsonl'), contextLines(4, 'chk'));
    const imported = run('import', path.join(dir, 'checked.jsonl'), '--json').json<{ operationId: string }>();
    expect(run('verify', '--after', imported.operationId).stdout).toContain('Verified: 4 of 4');
    const store = new Database(db);
    store.prepare("UPDATE contexts SET title = 'x' WHERE id = 'chk2'").run();
    store.close();
    const after = run('verify', '--after', imported.operationId, '--json');
    expect(after.code).toBe(3);
    expect(after.json<{ differences: unknown[] }>().differences).toEqual([{ dataType: 'contexts', id: 'chk2', kind: 'different' }]);
  });
});

describe('export --since last', () => {
  it('twice in a row exports only the second batch of changes: new records (even with an old createdAt) and updated ones', () => {
    const first = path.join(dir, 'inc1.jsonl');
    const r1 = run('export', '--type', 'contexts', '--format', 'jsonl', '--out', first, '--since', 'last', '--destination', 'warehouse', '--json');
    expect(r1.code).toBe(0);
    const total = r1.json<{ recordCount: number }>().recordCount;
    expect(total).toBeGreaterThan(20);

    // The second batch: two new records dated 2019 (a migration of old data) and one overwritten.
    fs.writeFileSync(path.join(dir, 'batch2.jsonl'), contextLines(2, 'late', { createdAt: '2019-06-01T00:00:00.000Z' }));
    expect(run('import', path.join(dir, 'batch2.jsonl')).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'update.jsonl'), contextLines(1, 'a', { title: 'Updated a1' }));
    expect(run('import', path.join(dir, 'update.jsonl'), '--overwrite-existing', '--no-backup').code).toBe(0);

    const second = path.join(dir, 'inc2.jsonl');
    const r2 = run('export', '--type', 'contexts', '--format', 'jsonl', '--out', second, '--since', 'last', '--destination', 'warehouse', '--json');
    expect(r2.code).toBe(0);
    const ids = fs
      .readFileSync(second, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id)
      .sort();
    expect(ids).toEqual(['a1', 'late1', 'late2']);

    const third = path.join(dir, 'inc3.jsonl');
    expect(
      run('export', '--type', 'contexts', '--format', 'jsonl', '--out', third, '--since', 'last', '--destination', 'warehouse', '--json').json<{
        recordCount: number;
      }>().recordCount,
    ).toBe(0);
    // Another destination has its own watermark: everything.
    expect(
      run(
        'export',
        '--type',
        'contexts',
        '--format',
        'jsonl',
        '--out',
        path.join(dir, 'other.jsonl'),
        '--since',
        'last',
        '--destination',
        'other',
        '--json',
      ).json<{ recordCount: number }>().recordCount,
    ).toBe(total + 2);
  });

  it("the seed's dateRange.start still filters by creation date", () => {
    const out = path.join(dir, 'dated.jsonl');
    const r = run('export', '--type', 'contexts', '--format', 'jsonl', '--out', out, '--since', '2019-01-01', '--until', '2019-12-31', '--json');
    expect(r.json<{ recordCount: number }>().recordCount).toBe(2);
  });
});

describe('raw keys', () => {
  it('keygen prints a 256-bit key; an export with --key-file round-trips; a passphrase reader is refused clearly', () => {
    const key = run('keygen').stdout.trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const keyFile = path.join(dir, 'key.txt');
    fs.writeFileSync(keyFile, key + '\n');
    const out = path.join(dir, 'raw.jsonl.gz.enc');
    expect(run('export', '--type', 'contexts', '--format', 'jsonl', '--out', out, '--compression', 'gzip', '--encrypt', '--key-file', keyFile).code).toBe(0);

    const pass = path.join(dir, 'pass.txt');
    const refused = run('import', out, '--passphrase-file', pass, '--dry-run');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/encrypted with a raw key, not a passphrase/);
    expect(refused.stderr).toMatch(/--key-file/);

    const wrong = path.join(dir, 'wrong.txt');
    fs.writeFileSync(wrong, Buffer.alloc(32, 7).toString('base64'));
    const wrongKey = run('import', out, '--key-file', wrong, '--dry-run');
    expect(wrongKey.stderr).toMatch(/the key is wrong/);
    expect(wrongKey.stderr).toContain('DECRYPT_FAILED');

    const other = tempDir();
    const roundTrip = cli(['--db', path.join(other, 's.db'), 'import', out, '--json'], { env: { ...env, CONTEXT_STORE_KEY: key } });
    expect(roundTrip.code).toBe(0);
    expect(roundTrip.json<{ insertedRecords: number }>().insertedRecords).toBeGreaterThan(20);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('a passphrase file given to a raw-key reader (and a malformed key) are clear errors', () => {
    const pass = path.join(dir, 'pass2.txt');
    fs.writeFileSync(pass, 'another passphrase');
    const out = path.join(dir, 'pp.jsonl.enc');
    expect(run('export', '--type', 'contexts', '--format', 'jsonl', '--out', out, '--encrypt', '--passphrase-file', pass).code).toBe(0);
    const key = path.join(dir, 'key2.txt');
    fs.writeFileSync(key, 'ab'.repeat(32));
    const refused = run('import', out, '--key-file', key, '--dry-run');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/encrypted with a passphrase, not a raw key/);
    fs.writeFileSync(key, 'not a key');
    const bad = run('import', out, '--key-file', key, '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/64 hexadecimal characters, or base64 of 32 bytes/);
  });
});
