/**
 * One rule for tags (issue 14): a string becomes a list of tags in the mapping step, for every source field
 * that ends up in `tags`, whatever the column is called. Run through the CLI on CSV files, as a user would.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/context-store.mjs');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-tags-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(db: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', path.join(dir, db), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
/** title -> tags of every context in the store, read back through the CLI's own export. */
function tagsByTitle(db: string): Record<string, unknown> {
  const out = cli(db, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', '-');
  expect(out.code).toBe(0);
  const records = out.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { title: string; tags: unknown });
  return Object.fromEntries(records.map((r) => [r.title, r.tags]));
}

describe('tags: split in the mapping step, whatever the column is called', { timeout: 180_000 }, () => {
  it('a column named tags reaches splitAndTrim("|") whole', () => {
    const csv = file('piped.csv', 'title,content,tags\nA,body a,x|y|z\nB,body b,q | r\n');
    const mapping = file(
      'm.json',
      JSON.stringify({ fieldMappings: {}, transformations: [{ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim("|")' }] }),
    );
    const r = cli('a.db', 'import', csv, '--mapping', mapping, '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(tagsByTitle('a.db')).toEqual({ A: ['x', 'y', 'z'], B: ['q', 'r'] });
  });

  it('a column of another name mapped to tags is split with the separator its values use', () => {
    const csv = file('labels.csv', 'title,content,Labels\nA,body a,"red, blue"\nB,body b,green;amber\nC,body c,one|two\nD,body d,solo\n');
    const mapping = file('m.json', JSON.stringify({ fieldMappings: { Labels: 'tags' } }));
    const r = cli('b.db', 'import', csv, '--mapping', mapping, '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed', insertedRecords: 4, failedRecords: 0 });
    expect(tagsByTitle('b.db')).toEqual({ A: ['red', 'blue'], B: ['green', 'amber'], C: ['one', 'two'], D: ['solo'] });
  });

  it('a foreign CSV with a tags column and no mapping gets the same default rule', () => {
    const csv = file(
      'plain.csv',
      'id,title,content,tags,createdAt\nn1,A,body a,alpha;beta,2024-01-01T00:00:00Z\nn2,B,body b,"gamma, delta",2024-01-02T00:00:00Z\n',
    );
    const r = cli('c.db', 'import', csv, '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(tagsByTitle('c.db')).toEqual({ A: ['alpha', 'beta'], B: ['gamma', 'delta'] });
  });

  it("the app's own CSV export still reads back exactly (a tag may hold ; or |)", () => {
    const source = file(
      'own.jsonl',
      JSON.stringify({ id: 'o1', title: 'Own', content: 'c', tags: ['a;b', 'c|d', 'e'], createdAt: '2024-01-01T00:00:00.000Z' }) + '\n',
    );
    expect(cli('d.db', 'import', source, '--json').code).toBe(0);
    const exported = path.join(dir, 'own.csv');
    expect(cli('d.db', 'export', '--type', 'contexts', '--format', 'csv', '--out', exported).code).toBe(0);
    expect(cli('e.db', 'import', exported, '--json').code).toBe(0);
    expect(tagsByTitle('e.db')).toEqual({ Own: ['a;b', 'c|d', 'e'] });
  });
});
