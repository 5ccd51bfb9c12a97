/**
 * A dry run checks every record whatever the policy (README, "One default policy"): strict only says that the real
 * import would stop at its first bad record and write nothing. The exit codes stay those of the real import.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { cli } from '../cli-helpers.ts';
import { context, importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A foreign CSV: none of the model's fields, as obsidian-importer's tests/csv/comprehensive-test.csv. */
function foreignCsv(dir: string): string {
  const rows = Array.from({ length: 10 }, (_, i) => `Note ${i + 1},Work,2024-01-${String(i + 10)},"Line one\nline two"`);
  return writeFile(dir, 'notes.csv', `Title,Category,Date,Content\n${rows.join('\n')}\n`);
}

describe('a strict dry run', () => {
  it('checks every record, and says where the real import would stop', async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'mixed.jsonl',
      jsonl([context('ok1'), { ...context('bad1'), createdAt: 'yesterday' }, context('ok2'), { ...context('bad2'), createdAt: 'soon' }]),
    );
    const result = await runImport(tempStore(dir), [file], importOptions({ dryRun: true, errorHandling: 'strict' }));
    expect(result.totalRecords).toBe(4);
    expect(result.failedRecords).toBe(2);
    expect(result.insertedRecords).toBe(2);
    expect(result.errors.map((e) => e.record)).toEqual([2, 4]);
    expect(result.outcomes!.map((o) => o.action)).toEqual(['insert', 'reject', 'insert', 'reject']);
    // Still a failure, as the real import would be: nothing would be written.
    expect(result.status).toBe('failed');
    expect(result.error?.record).toBe(2);
    expect(result.error?.message).toMatch(/a real import would stop at record 2 \(strict\)/);
  });

  it('on the CLI: every record read and rejected, exit 1 as for the real import, and a hint to map the fields', () => {
    const dir = tempDir();
    const csv = foreignCsv(dir);
    const db = path.join(dir, 'store.db');
    const strict = cli(['--db', db, 'import', csv, '--dry-run']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/10 read · 0 to insert .* 10 rejected/);
    expect(strict.stderr).toMatch(/a real import would stop at record 1 \(strict\)/);
    expect(strict.stderr).toMatch(/suggest-mapping/);
    expect(strict.stderr).toMatch(/--mapping/);
    const json = cli(['--db', db, 'import', csv, '--dry-run', '--json']).json<{ totalRecords: number; failedRecords: number; errors: unknown[] }>();
    expect(json).toMatchObject({ totalRecords: 10, failedRecords: 10 });
    expect(json.errors).toHaveLength(10);
    // Lenient keeps its exit code (3: completed with rejected records) and gets the same hint.
    const lenient = cli(['--db', db, 'import', csv, '--dry-run', '--on-error', 'lenient']);
    expect(lenient.code).toBe(3);
    expect(lenient.stdout + lenient.stderr).toMatch(/suggest-mapping/);
  });

  it('validate gives a foreign file the same hint to map its fields, and none once a mapping is given', () => {
    const dir = tempDir();
    const csv = foreignCsv(dir);
    const db = path.join(dir, 'store.db');
    const plain = cli(['--db', db, 'validate', csv]);
    expect(plain.code).toBe(3);
    expect(plain.stdout).toMatch(/10 invalid/);
    expect(plain.stdout + plain.stderr).toMatch(/suggest-mapping/);
    const mapping = writeFile(dir, 'm.json', JSON.stringify({ fieldMappings: { Title: 'title', Content: 'content', Date: 'createdAt' } }));
    const mapped = cli(['--db', db, 'validate', csv, '--mapping', mapping]);
    expect(mapped.stdout + mapped.stderr).not.toMatch(/suggest-mapping/);
  });

  it('a clean strict dry run still exits 0, and a real strict import still stops at the first bad record', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good.jsonl', jsonl([context('a'), context('b')]));
    expect(cli(['--db', path.join(dir, 's.db'), 'import', good, '--dry-run']).code).toBe(0);
    const real = await runImport(tempStore(dir), [foreignCsv(dir)], importOptions({ errorHandling: 'strict' }));
    expect(real.totalRecords).toBe(1);
    expect(real.status).toBe('failed');
  });

  it('a real strict import that stops says it stopped there, not that the file had one record', () => {
    const dir = tempDir();
    const run = cli(['--db', path.join(dir, 's.db'), 'import', foreignCsv(dir)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 read, then stopped at record 1 \(strict\) · 0 inserted/);
    expect(run.stdout).toMatch(/nothing was written.*--dry-run checks every record.*--on-error lenient/);
  });
});
