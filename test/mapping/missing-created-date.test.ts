/**
 * A missing creation date is never silently the import time (issue 14): the record's warning says what was
 * used instead (its own updated date when it has one, else the import time). Through the CLI, as a user would.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/context-store.mjs');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-created-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'store.db'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
function stored(): Record<string, { createdAt: string; updatedAt?: string }> {
  const out = cli('export', '--type', 'contexts', '--format', 'jsonl', '--out', '-');
  const records: { title: string; createdAt: string; updatedAt?: string }[] = out.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  return Object.fromEntries(records.map((r) => [r.title, r]));
}

describe('a missing creation date', { timeout: 180_000 }, () => {
  it("a mapped import says, per record, what it used: the record's updated date, else the import time", () => {
    const csv = file('notes.csv', 'Name,Body,Edited\nWith edit,b1,2023-05-13T12:35:01Z\nNo dates,b2,\n');
    const mapping = file('m.json', JSON.stringify({ fieldMappings: { Name: 'title', Body: 'content', Edited: 'updatedAt' } }));
    const before = Date.now();
    const r = cli('import', csv, '--mapping', mapping, '--on-error', 'lenient', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const warnings: string[] = r.json().warnings;
    expect(warnings).toContainEqual(expect.stringMatching(/^record 1: no creation date \(createdAt\); used its updated date \(2023-05-13T12:35:01/));
    expect(warnings).toContainEqual(expect.stringMatching(/^record 2: no creation date \(createdAt\); used the import time \(/));
    const records = stored();
    expect(records['With edit']!.createdAt).toBe('2023-05-13T12:35:01.000Z');
    expect(Date.parse(records['No dates']!.createdAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('with validation off, the same warning (it used to be filled in without a word)', () => {
    const jsonl = file('bare.jsonl', JSON.stringify({ id: 'b1', title: 'Bare', content: 'x' }) + '\n');
    const r = cli('import', jsonl, '--no-validate', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json().warnings).toContainEqual(expect.stringMatching(/^record 1: no creation date \(createdAt\); used the import time/));
  });

  it('the dry run reports it too, so it is seen before anything is written', () => {
    const jsonl = file('bare.jsonl', JSON.stringify({ title: 'Bare', content: 'x' }) + '\n');
    const mapping = file('m.json', JSON.stringify({ fieldMappings: {} }));
    const r = cli('import', jsonl, '--mapping', mapping, '--dry-run', '--json');
    expect(r.json().warnings).toContainEqual(expect.stringMatching(/no creation date \(createdAt\); used the import time/));
  });
});
