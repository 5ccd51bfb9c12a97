/**
 * The CLI end to end, as a user runs it: export encrypted + gzip + split, import it back, tamper with a part,
 * a wrong passphrase, no passphrase (the error names the flag), the environment variable, validate.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const root = path.resolve(__dirname, '../..');
const dir = tempDir('envelope-cli-');
const pass = path.join(dir, 'pass.txt');

function cli(db: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/context-store.mjs'), '--db', path.join(dir, db), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CONTEXT_STORE_PASSPHRASE: '', ...env },
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const json = (run: { out: string }) => JSON.parse(run.out);

beforeAll(() => {
  fs.writeFileSync(pass, 'a long passphrase for the cli\n');
  const lines = Array.from({ length: 300 }, (_, i) =>
    JSON.stringify({
      id: `cli-${i}`,
      title: `Title ${i}`,
      content: `Content ${i} ${'lorem ipsum '.repeat(i % 40)} ✓`,
      createdAt: '2024-02-01T00:00:00Z',
      tags: [`t${i % 3}`],
    }),
  );
  fs.writeFileSync(path.join(dir, 'seed.jsonl'), lines.join('\n') + '\n');
  expect(cli('source.db', ['import', path.join(dir, 'seed.jsonl')]).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('context-store export/import with the envelope', () => {
  let manifest: string;
  let parts: string[];

  it('exports encrypted, gzip, split; lists every file with size and SHA-256', () => {
    const run = cli('source.db', [
      'export',
      '--type',
      'contexts',
      '--format',
      'jsonl',
      '--out',
      path.join(dir, 'out', 'backup.jsonl.gz'),
      '--compression',
      'gzip',
      '--encrypt',
      '--passphrase-file',
      pass,
      '--split-size',
      '2KB',
      '--json',
    ]);
    expect(run.code, run.err + run.out).toBe(0);
    const result = json(run);
    expect(result.status).toBe('completed');
    manifest = result.manifestPath;
    expect(manifest).toMatch(/backup\.jsonl\.gz\.manifest\.json$/);
    parts = result.files.map((f: { path: string }) => f.path).filter((p: string) => p !== manifest);
    expect(parts.length).toBeGreaterThan(1);
    for (const f of result.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The passphrase is nowhere in what the export wrote.
    for (const f of result.files) expect(fs.readFileSync(f.path).includes('a long passphrase')).toBe(false);
  });

  it('imports it back from a part, with the passphrase file', () => {
    const run = cli('a.db', ['import', parts[1]!, '--passphrase-file', pass, '--json']);
    expect(run.code, run.err + run.out).toBe(0);
    expect(json(run)).toMatchObject({ status: 'completed', insertedRecords: 300 });
    expect(json(run).inputs[0]).toMatchObject({ format: 'jsonl', compression: 'gzip', encrypted: true });
  });

  it('validate detects it all too, with the passphrase from the environment', () => {
    const run = cli('a.db', ['validate', manifest], { CONTEXT_STORE_PASSPHRASE: 'a long passphrase for the cli' });
    expect(run.out).toMatch(/300 record/);
  });

  it('without a passphrase: exit 2 and the error names the flag', () => {
    const run = cli('b.db', ['import', manifest]);
    expect(run.code).toBe(2);
    expect(run.out + run.err).toMatch(/--passphrase-file/);
    expect(run.out + run.err).toMatch(/PASSPHRASE_REQUIRED/);
  });

  it('a wrong passphrase: DECRYPT_FAILED, nothing written', () => {
    const wrong = path.join(dir, 'wrong.txt');
    fs.writeFileSync(wrong, 'not it');
    const run = cli('b.db', ['import', manifest, '--passphrase-file', wrong, '--json']);
    expect(run.code).toBe(1);
    expect(json(run).error.code).toBe('DECRYPT_FAILED');
    expect(run.out).not.toContain('not it');
    expect(json(cli('b.db', ['validate', path.join(dir, 'seed.jsonl'), '--json'])).duplicateRecords).toBe(0);
  });

  it('a tampered part: INTEGRITY_ERROR naming the part, nothing written', () => {
    const copy = path.join(dir, 'tampered');
    fs.mkdirSync(copy);
    for (const f of [...parts, manifest]) fs.copyFileSync(f, path.join(copy, path.basename(f)));
    const victim = path.join(copy, path.basename(parts[0]!));
    const bytes = fs.readFileSync(victim);
    bytes[bytes.length - 10]! ^= 1;
    fs.writeFileSync(victim, bytes);
    const run = cli('c.db', ['import', path.join(copy, path.basename(manifest)), '--passphrase-file', pass, '--json']);
    expect(run.code).toBe(1);
    expect(json(run).error.code).toBe('INTEGRITY_ERROR');
    expect(json(run).error.message).toMatch(/Part 1 of/);
    expect(json(cli('c.db', ['validate', path.join(dir, 'seed.jsonl'), '--json'])).duplicateRecords).toBe(0);
  });

  it('--encrypt without a passphrase source is a usage error naming both', () => {
    const run = cli('source.db', ['export', '--type', 'contexts', '--format', 'json', '--out', path.join(dir, 'x.json'), '--encrypt']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--passphrase-file/);
    expect(run.err).toMatch(/CONTEXT_STORE_PASSPHRASE/);
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
  });

  it('there is no plain --passphrase argument', () => {
    const run = cli('source.db', ['import', manifest, '--passphrase', 'secret']);
    expect(run.code).toBe(2);
  });

  it('brotli, small level, unencrypted: round trip', () => {
    const out = path.join(dir, 'b.json.br');
    expect(
      cli('source.db', ['export', '--type', 'contexts', '--format', 'json', '--out', out, '--compression', 'brotli', '--compression-level', 'small']).code,
    ).toBe(0);
    const run = cli('d.db', ['import', out, '--json']);
    expect(json(run)).toMatchObject({ status: 'completed', insertedRecords: 300 });
  });
});
