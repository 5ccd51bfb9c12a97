/** `ops list|show|cancel` and `undo` as a script would use them: --json output and exit codes. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationRecord, UndoResult } from '../../shared/operations.ts';
import { context, tempDir, writeJsonl } from './helpers.ts';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/context-store.mjs');

function cli(db: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ops and undo commands', { timeout: 300_000 }, () => {
  it('lists, shows and undoes an import; refuses a second undo; cancel of a finished operation says false', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const file = writeJsonl(path.join(dir, 'a.jsonl'), 200, 'c');
    const imported = cli(db, 'import', file, '--json', '--user', 'carol');
    expect(imported.status).toBe(0);
    const importId = (JSON.parse(imported.stdout) as { operationId: string }).operationId;

    const list = cli(db, 'ops', 'list', '--limit', '5', '--json');
    expect(list.status).toBe(0);
    const ops = JSON.parse(list.stdout) as OperationRecord[];
    expect(ops[0]).toMatchObject({ operationId: importId, type: 'import', status: 'completed', user: 'carol', undoable: true });
    expect(ops[0]!.counts.inserted).toBe(200);

    const show = cli(db, 'ops', 'show', importId);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain(importId);
    expect(show.stdout).toMatch(/sha256 [0-9a-f]{64}/);

    const undo = cli(db, 'undo', importId, '--json');
    expect(undo.status).toBe(0);
    expect(JSON.parse(undo.stdout) as UndoResult).toMatchObject({ status: 'completed', undoneOperationId: importId, removed: 200, restored: 0 });

    const again = cli(db, 'undo', importId, '--json');
    expect(again.status).toBe(1);
    expect((JSON.parse(again.stdout) as UndoResult).status).toBe('refused');

    const cancel = cli(db, 'ops', 'cancel', importId, '--json');
    expect(cancel.status).toBe(1);
    expect(JSON.parse(cancel.stdout)).toEqual({ operationId: importId, cancelled: false });

    const missing = cli(db, 'ops', 'show', 'op_missing_1', '--json');
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
  });

  it('names the records that block an undo', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const first = JSON.parse(cli(db, 'import', writeJsonl(path.join(dir, 'a.jsonl'), 20, 'c'), '--json').stdout) as { operationId: string };
    const edit = writeJsonl(path.join(dir, 'edit.jsonl'), 1, 'x', () => context('c-4', 'edited'));
    expect(cli(db, 'import', edit, '--overwrite-existing').status).toBe(0);
    const refused = cli(db, 'undo', first.operationId);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('c-4');
    expect(refused.stdout).toMatch(/refused/i);
  });
});
