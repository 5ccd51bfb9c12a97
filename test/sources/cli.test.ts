import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir, writeFile } from '../helpers.ts';

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
    expect(run.stdout).toContain('Attachments/out-of-control.jpg (not a format or source this app reads)');
  });

  it("a folder import names the files it did not read, before the records' warnings, which are cut at 10 and counted", () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    for (let i = 1; i <= 12; i++) writeFile(notes, `note${i}.md`, `# Note ${i}\n`); // no dates: a warning each
    writeFile(notes, 'blob.bin', Buffer.from([0, 1, 2, 3]));
    const run = cli(['import', notes, '--dry-run'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('  warning: '));
    expect(warnings[0]).toBe(`  warning: ${notes}: not a format or source this app reads, not read: blob.bin.`);
    expect(warnings).toHaveLength(10);
    expect(run.stdout).toContain('… and 3 more warnings (use --json for the full list)');
  });
});
