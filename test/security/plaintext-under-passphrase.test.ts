/**
 * "Plaintext accepted under a passphrase": a plain JSON Lines file named .enc, imported with --passphrase-file,
 * imported with no warning; a split set swapped for a plaintext one (manifest `encryption: null`) too; an empty
 * .enc "completed" with 0 records. Through the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../server/helpers.ts';

let dir: string;
let pass: string;
const line = (id: string) => JSON.stringify({ id, title: 'T', content: 'C', type: 'note', tags: [], createdAt: '2026-01-01T00:00:00.000Z' });
const count = (db: string) => Number(/contexts\D+(\d+)/i.exec(cli(['--db', db, 'stats', '--json']).stdout)?.[1] ?? NaN);

beforeAll(() => {
  dir = tempDir('cs-sec-plain-');
  pass = path.join(dir, 'pass.txt');
  fs.writeFileSync(pass, 'correct horse battery staple\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a passphrase means the input must be encrypted', () => {
  it('a plain JSON Lines file named .enc is refused with exit 1 and nothing written', () => {
    const db = path.join(dir, 'a.db');
    const file = path.join(dir, 'swapped.jsonl.enc');
    fs.writeFileSync(file, `${line('p1')}\n${line('p2')}\n`);
    const run = cli(['--db', db, 'import', file, '--passphrase-file', pass]);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/not encrypted/);
    expect(count(db)).toBe(0);
    const allowed = cli(['--db', db, 'import', file, '--format', 'jsonl', '--passphrase-file', pass, '--allow-plaintext']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(count(db)).toBe(2);
  });

  it('an empty .enc file is an error, not "completed with 0 records"', () => {
    const db = path.join(dir, 'b.db');
    const file = path.join(dir, 'empty.jsonl.enc');
    fs.writeFileSync(file, '');
    const run = cli(['--db', db, 'import', file, '--passphrase-file', pass]);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/empty/);
  });

  it('a split set whose manifest says encryption: null is refused under a passphrase', () => {
    const src = path.join(dir, 'src.db');
    const seed = path.join(dir, 'seed.jsonl');
    fs.writeFileSync(seed, Array.from({ length: 50 }, (_, i) => line(`s${i}`)).join('\n') + '\n');
    expect(cli(['--db', src, 'import', seed]).code).toBe(0);
    const out = path.join(dir, 'split', 'set.jsonl');
    fs.mkdirSync(path.dirname(out));
    const exported = cli(['--db', src, 'export', '--type', 'contexts', '--format', 'jsonl', '--split-size', '2KB', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const manifest = fs.readdirSync(path.dirname(out)).find((f) => f.endsWith('.manifest.json'))!;
    expect(manifest).toBeDefined();
    const db = path.join(dir, 'c.db');
    const run = cli(['--db', db, 'import', path.join(path.dirname(out), manifest), '--passphrase-file', pass]);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/not encrypted/);
    expect(count(db)).toBe(0);
  });
});
