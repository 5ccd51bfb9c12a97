/** The CLI as a contract: commands, flags, --json output and exit codes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { context, tempDir, writeFile } from '../helpers.ts';

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('context-store CLI', () => {
  it('imports, reports counts as one JSON object, and exits 0', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    const file = writeFile(dir, 'a.jsonl', jsonl([context('a'), context('b')]));
    const run = cli(['--db', db, 'import', file, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ status: 'completed', totalRecords: 2, successfulRecords: 2, failedRecords: 0 });
    const stats = cli(['--db', db, 'stats', '--json']);
    expect(stats.json()).toMatchObject({ contexts: 2, sessions: 0, templates: 0 });
  });

  it('exits 3 when some records were rejected (lenient), 1 when strict fails, and names record and field', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    const file = writeFile(dir, 'm.jsonl', jsonl([context('a'), { ...context('b'), createdAt: 'not a date' }]));
    const lenient = cli(['--db', db, 'import', file, '--on-error', 'lenient', '--json']);
    expect(lenient.code).toBe(3);
    expect(lenient.json()).toMatchObject({ status: 'completed_with_errors', failedRecords: 1, errors: [{ record: 2, field: 'createdAt' }] });

    const db2 = path.join(dir, 's2.db');
    const strict = cli(['--db', db2, 'import', file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/record 2/i);
    expect(strict.stderr).toMatch(/createdAt/);
    expect(strict.stdout + strict.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(cli(['--db', db2, 'stats', '--json']).json()).toMatchObject({ contexts: 0 });
  });

  it('exits 2 for bad arguments and unreadable input, with a readable message', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    const missing = cli(['--db', db, 'import', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not found/i);
    expect(cli(['--db', db, 'import', 'x.json', '--on-error', 'sometimes']).code).toBe(2);
    expect(cli(['--db', db, 'export', '--type', 'contexts', '--format', 'json']).code).toBe(2); // no --out
    expect(cli(['--db', db, 'frobnicate']).code).toBe(2);
    const undetected = cli(['--db', db, 'import', writeFile(dir, 'x.bin', '\u0000\u0001garbage'), '--json']);
    expect(undetected.code).toBe(2);
    expect(undetected.json<{ status: string; error: { code: string } }>().error.code).toBe('FORMAT_UNDETECTED');
  });

  it('dry run writes nothing; validate writes nothing', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    const file = writeFile(dir, 'd.json', JSON.stringify([context('a'), context('b')]));
    const dry = cli(['--db', db, 'import', file, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, successfulRecords: 2 });
    const validate = cli(['--db', db, 'validate', file, '--json']);
    expect(validate.code).toBe(0);
    expect(validate.json()).toMatchObject({ valid: true, totalRecords: 2 });
    expect(cli(['--db', db, 'stats', '--json']).json()).toMatchObject({ contexts: 0 });
  });

  it('exports with filters, --type auto, and CONTEXT_STORE_DB', () => {
    const dir = tempDir();
    const db = path.join(dir, 'env.db');
    const file = writeFile(
      dir,
      'f.jsonl',
      jsonl([context('w', { tags: ['work'], metadata: { importance: 'high' } }), context('h', { tags: ['home'], createdAt: '2023-01-01T00:00:00.000Z' })]),
    );
    expect(cli(['import', file, '--type', 'auto'], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const out = path.join(dir, 'out.json');
    const run = cli(
      ['export', '--type', 'contexts', '--format', 'json', '--out', out, '--tags', 'work', '--importance', 'high,critical', '--since', '2024-01-01', '--json'],
      {
        env: { CONTEXT_STORE_DB: db },
      },
    );
    expect(run.code).toBe(0);
    const result = run.json<{ recordCount: number; files: { path: string; bytes: number; sha256: string }[] }>();
    expect(result.recordCount).toBe(1);
    expect(result.files[0]).toMatchObject({ path: out, bytes: fs.statSync(out).size });
    expect(result.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).map((c: { id: string }) => c.id)).toEqual(['w']);
    const noMeta = path.join(dir, 'nometa.jsonl');
    cli(['export', '--type', 'contexts', '--format', 'jsonl', '--out', noMeta, '--no-metadata'], { env: { CONTEXT_STORE_DB: db } });
    expect(fs.readFileSync(noMeta, 'utf8')).not.toContain('metadata');
  });
});
