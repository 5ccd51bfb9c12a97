/**
 * The README's CLI quick start, pasted as a user would: every command of the marked block runs, in order, in a
 * fresh folder holding a copy of examples/, with `context-store` on PATH (what `npm install -g .` gives).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const root = path.resolve(__dirname, '../..');

function quickStartCommands(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /<!-- quick-start:[^\n]*-->\s*```sh\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no quick-start block');
  return block[1]!
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('README quick start', () => {
  // Each command starts node and tsx: a room of minutes, not a timed assertion.
  it('every command runs as written and exits 0', { timeout: 300_000 }, () => {
    const dir = tempDir('cs-readme-');
    fs.cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'context-store'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'bin/context-store.mjs')}" "$@"\n`, {
      mode: 0o755,
    });
    const commands = quickStartCommands();
    expect(commands.length).toBeGreaterThan(10);
    // The try-out store goes into this test's folder, not /tmp's shared name.
    const script = commands.map((c) => c.replace('/tmp/context-store-try.db', path.join(dir, 'try.db'))).join('\n');
    const run = spawnSync('bash', ['-e', '-o', 'pipefail', '-x', '-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH}`, CONTEXT_STORE_DB: undefined },
      timeout: 300_000,
    });
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
    expect(run.stdout).toMatch(/3 read · 3 to insert/);
    // The Obsidian-style folder: two notes, each with its folder as a session.
    expect(run.stdout).toMatch(/Import completed: vault/);
    expect(run.stdout).toMatch(/4 read · 4 inserted/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'work.json'), 'utf8'))).toEqual(expect.anything());
    expect(fs.existsSync(path.join(dir, 'all.jsonl.manifest.json'))).toBe(true);
  });
});
