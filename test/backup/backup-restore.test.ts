/** Backup and restore through the real CLI: consistency under a running import, exact restore, roll back a migration. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { contextLines, tempDir } from './helpers.ts';

const bin = path.resolve(__dirname, '../../bin/context-store.mjs');
let dir: string;
let db: string;
const run = (...args: string[]) => cli(['--db', db, ...args], { env: { CONTEXT_STORE_PASSPHRASE: '', CONTEXT_STORE_KEY: '' } });

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'store.db');
  fs.writeFileSync(path.join(dir, 'first.jsonl'), contextLines(50, 'a'));
  expect(run('import', path.join(dir, 'first.jsonl')).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup', () => {
  it('writes a plain SQLite snapshot with its checksum and counts', () => {
    const out = path.join(dir, 'plain.db');
    const result = run('backup', '--out', out, '--json');
    expect(result.code).toBe(0);
    const info = result.json<{ sha256: string; summary: { counts: { contexts: number } }; checksumPath: string }>();
    expect(info.summary.counts.contexts).toBe(50);
    expect(fs.readFileSync(info.checksumPath, 'utf8')).toContain(info.sha256);
    const copy = new Database(out, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM contexts').get() as { n: number }).n).toBe(50);
    copy.close();
  });

  it('is consistent when taken while an import is running: all of the import or none of it', async () => {
    const big = path.join(dir, 'big.jsonl');
    fs.writeFileSync(big, contextLines(15_000, 'big'));
    const child = spawn(process.execPath, [bin, '--db', db, 'import', big, '--no-backup', '--batch-size', '500'], { stdio: 'ignore' });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const snapshots: { contexts: number; check: string }[] = [];
    // Snapshots until the import is done: at least one is taken while it runs.
    let done = false;
    void exited.then(() => (done = true));
    for (let i = 0; i < 20 && (!done || snapshots.length === 0); i++) {
      const out = path.join(dir, `during-${i}.db`);
      const result = run('backup', '--out', out, '--json');
      expect(result.code).toBe(0);
      const copy = new Database(out, { readonly: true });
      snapshots.push({
        contexts: (copy.prepare('SELECT count(*) AS n FROM contexts').get() as { n: number }).n,
        check: copy.pragma('integrity_check', { simple: true }) as string,
      });
      copy.close();
    }
    expect(await exited).toBe(0);
    for (const s of snapshots) {
      expect(s.check).toBe('ok');
      expect([50, 15_050]).toContain(s.contexts);
    }
    // Put the store back to its 50 records for the tests below.
    expect(run('restore', path.join(dir, 'plain.db'), '--yes').code).toBe(0);
  }, 120_000);
});

describe('restore', () => {
  it('shows what would change without changing anything (dry run)', () => {
    fs.writeFileSync(path.join(dir, 'more.jsonl'), contextLines(3, 'm'));
    expect(run('import', path.join(dir, 'more.jsonl')).code).toBe(0);
    const plan = run('restore', path.join(dir, 'plain.db'), '--dry-run', '--json');
    expect(plan.code).toBe(0);
    const value = plan.json<{
      dryRun: boolean;
      changes: { dataType: string; current: number; restored: number; removed: number }[];
      restored: { newest: { id: string } };
    }>();
    expect(value.dryRun).toBe(true);
    expect(value.changes.find((c) => c.dataType === 'contexts')).toMatchObject({ current: 53, restored: 50, removed: 3 });
    expect(run('stats', '--json').json<{ contexts: number }>().contexts).toBe(53);
    const text = run('restore', path.join(dir, 'plain.db'), '--dry-run');
    expect(text.stdout).toMatch(/contexts\s+53\s+50\s+3\s+0\s+0/);
    expect(text.stdout).toMatch(/newest/);
  });

  it('after a bad import gives back the exact store: the export is byte-identical; the store before is kept', () => {
    const before = path.join(dir, 'before.json');
    expect(run('export', '--type', 'all', '--format', 'json', '--out', before).code).toBe(0);
    const backup = path.join(dir, 'good.db.gz.enc');
    const pass = path.join(dir, 'pass.txt');
    fs.writeFileSync(pass, 'correct horse battery staple\n');
    expect(run('backup', '--out', backup, '--compression', 'gzip', '--encrypt', '--passphrase-file', pass).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), contextLines(10, 'a', { title: 'MANGLED', content: '' }));
    expect(run('import', path.join(dir, 'bad.jsonl'), '--overwrite-existing', '--no-backup').code).toBe(0);

    const noSecret = run('restore', backup, '--yes');
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/passphrase/);

    const restored = run('restore', backup, '--yes', '--passphrase-file', pass, '--json');
    expect(restored.code).toBe(0);
    const safety = restored.json<{ safetyBackup: { path: string; summary: { counts: { contexts: number } } } }>().safetyBackup;
    expect(fs.existsSync(safety.path)).toBe(true);
    const after = path.join(dir, 'after.json');
    expect(run('export', '--type', 'all', '--format', 'json', '--out', after).code).toBe(0);
    expect(fs.readFileSync(after).equals(fs.readFileSync(before))).toBe(true);
  });

  it('refuses a backup whose checksum does not match', () => {
    const copy = path.join(dir, 'damaged.db');
    fs.copyFileSync(path.join(dir, 'plain.db'), copy);
    fs.copyFileSync(path.join(dir, 'plain.db.sha256'), `${copy}.sha256`);
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.from([0x55]), 0, 1, 5000);
    fs.closeSync(fd);
    const result = run('restore', copy, '--yes');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/checksum/);
  });

  it('rolls back a migration: an overwriting import takes a snapshot first, `restore --before OP` puts it back', () => {
    const before = path.join(dir, 'mig-before.json');
    expect(run('export', '--type', 'contexts', '--format', 'json', '--out', before).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'migration.jsonl'), contextLines(5, 'a', { title: 'MIGRATED' }) + contextLines(5, 'new'));
    const imported = run('import', path.join(dir, 'migration.jsonl'), '--overwrite-existing', '--json');
    expect(imported.code).toBe(0);
    const operationId = imported.json<{ operationId: string }>().operationId;
    const listed = run('restore', '--before', operationId, '--dry-run', '--json').json<{ restored: { counts: { contexts: number } } }>();
    expect(listed.restored.counts.contexts).toBe(JSON.parse(fs.readFileSync(before, 'utf8')).length);
    const rolledBack = run('restore', '--before', operationId, '--yes', '--json');
    expect(rolledBack.code).toBe(0);
    const after = path.join(dir, 'mig-after.json');
    expect(run('export', '--type', 'contexts', '--format', 'json', '--out', after).code).toBe(0);
    expect(fs.readFileSync(after).equals(fs.readFileSync(before))).toBe(true);
  });

  it('says clearly when an operation has no snapshot, and --no-backup takes none', () => {
    fs.writeFileSync(path.join(dir, 'small.jsonl'), contextLines(2, 'small'));
    const imported = run('import', path.join(dir, 'small.jsonl'), '--json');
    const result = run('restore', '--before', imported.json<{ operationId: string }>().operationId);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/No snapshot was taken before operation/);
  });
});
