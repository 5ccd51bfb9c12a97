import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';

const REAL = path.resolve(__dirname, '../fixtures/real');

describe('the CLI says which source it detected, and --source forces or disables one', () => {
  it('import FOLDER --dry-run prints "Detected: …"', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'keep'), '--dry-run'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: Google Keep Takeout — 6 notes, 1 archived, 1 trashed note skipped (keep)');
  });

  it('--source NAME forces, --source-option sets an option, --json carries the source', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'keep'), '--source', 'keep', '--source-option', 'includeTrashed=true', '--dry-run', '--json'], {
      env: { CONTEXT_STORE_DB: db },
    });
    expect(run.code).toBe(0);
    const result = run.json<{ totalRecords: number; inputs: { source: { id: string; forced: boolean } }[] }>();
    expect(result.totalRecords).toBe(7);
    expect(result.inputs[0]!.source).toMatchObject({ id: 'keep', forced: true });
  });

  it('--source none reads the folder with the format readers (and says what it read and skipped)', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['validate', path.join(REAL, 'obsidian-vault'), '--source', 'none'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.stdout).toMatch(/obsidian-vault: \d+ file\(s\) read/);
    expect(run.stdout).toContain('Attachments/out-of-control.jpg (not a format this tool reads)');
  });
});
