/**
 * Silent loss and stack overflows through the real CLI: `"metadata":{"a":{"__proto__":{...}}}` was stored as
 * `{"a":{}}`; a mapping's `fieldMappings: {"__proto__": ...}` vanished; a JSON Lines record nested 200,000 levels
 * ended in "Maximum call stack size exceeded".
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../server/helpers.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir('cs-sec-proto-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = { title: 'T', content: 'C', type: 'note', tags: [], createdAt: '2026-01-01T00:00:00.000Z' };

describe('__proto__ is never dropped silently', () => {
  it('a nested __proto__ in metadata is kept as data', () => {
    const db = path.join(dir, 'p.db');
    const file = path.join(dir, 'p.jsonl');
    fs.writeFileSync(
      file,
      `{"id":"p1","title":"T","content":"C","type":"note","tags":[],"createdAt":"2026-01-01T00:00:00.000Z","metadata":{"a":{"__proto__":{"x":1}}}}\n${JSON.stringify({ id: 'p2', ...base })}\n`,
    );
    const run = cli(['--db', db, 'import', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = path.join(dir, 'p-out.jsonl');
    expect(cli(['--db', db, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('"a":{"__proto__":{"x":1}}');
  });

  it('a mapping with fieldMappings.__proto__ is refused naming the field', () => {
    const db = path.join(dir, 'm.db');
    const file = path.join(dir, 'm.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: 'm1', ...base })}\n`);
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, '{"fieldMappings":{"__proto__":"title","id":"id"}}');
    const run = cli(['--db', db, 'import', file, '--mapping', mapping]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain('__proto__');
  });
});

describe('JSON nesting is capped', () => {
  for (const format of ['jsonl', 'json'] as const) {
    it(`a ${format} record nested 200,000 levels: a clear error naming record and depth, the others imported`, () => {
      const db = path.join(dir, `${format}.db`);
      const file = path.join(dir, `deep.${format}`);
      const deep = JSON.stringify({ id: 'd2', ...base }).replace('"tags":[]', `"tags":[],"metadata":{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
      const ok = JSON.stringify({ id: 'd1', ...base });
      fs.writeFileSync(file, format === 'jsonl' ? `${ok}\n${deep}\n` : `[${ok},\n${deep}]`);
      const strict = cli(['--db', db, 'import', file]);
      expect(strict.code).toBe(1);
      expect(strict.stdout + strict.stderr).toMatch(/Record 2 \(line 2\) nests deeper than 100 levels/);
      expect(strict.stdout + strict.stderr).not.toMatch(/call stack/);
      const lenient = cli(['--db', db, 'import', file, '--on-error', 'lenient', '--json']);
      expect(lenient.code).toBe(3);
      expect(lenient.json<{ insertedRecords: number }>().insertedRecords).toBe(1);
    });
  }
});
