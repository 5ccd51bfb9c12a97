/**
 * scripts/run.mjs, the spawn helper every npm script uses: node scripts run as process.execPath with an
 * argument array and no shell (so a node or project path with spaces stays one argument; on Linux this is
 * the same code path Windows takes), .cmd shims alone go through the shell, quoted, and a timeout kills the
 * whole tree, grandchildren included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { run, spawnSpec } from '../../scripts/run.mjs';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('spawnSpec', () => {
  it('runs node scripts with process.execPath, an argument array and no shell', () => {
    const spec = spawnSpec('C:\\Program Files\\My Project\\node_modules\\electron-vite\\bin\\electron-vite.js', ['build', 'a b'], 'win32');
    expect(spec).toEqual({
      file: process.execPath,
      args: ['C:\\Program Files\\My Project\\node_modules\\electron-vite\\bin\\electron-vite.js', 'build', 'a b'],
      shell: false,
    });
  });

  it('uses the shell only for a Windows .cmd shim, with every part quoted', () => {
    const spec = spawnSpec('C:\\Program Files\\nodejs\\npm.cmd', ['run', 'my script'], 'win32');
    expect(spec.shell).toBe(true);
    expect(spec.file).toBe('"C:\\Program Files\\nodejs\\npm.cmd" run "my script"');
    expect(spawnSpec('/usr/bin/electron', ['.'], 'linux')).toEqual({ file: '/usr/bin/electron', args: ['.'], shell: false });
  });
});

describe('run', () => {
  it('runs a script from a folder whose path has spaces, passing arguments with spaces intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs spawn with spaces '));
    dirs.push(dir);
    const script = path.join(dir, 'echo args.mjs');
    fs.writeFileSync(script, 'process.stdout.write(JSON.stringify(process.argv.slice(2)))');
    const result = await run(script, ['one two', 'three'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output)).toEqual(['one two', 'three']);
  });

  it.skipIf(process.platform !== 'linux')('kills the whole tree on timeout, not only the first process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs spawn tree '));
    dirs.push(dir);
    const pidFile = path.join(dir, 'grandchild.pid');
    const script = path.join(dir, 'parent.mjs');
    fs.writeFileSync(
      script,
      `import { spawn } from 'node:child_process'; import fs from 'node:fs';
       const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       fs.writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
       setInterval(() => {}, 1000);`,
    );
    const result = await run(script, [], { cwd: dir, timeoutMs: 1500 });
    expect(result.output).toMatch(/stopped after/);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    // Gone, or a zombie waiting for a reaper (killed all the same): /proc says which on Linux.
    const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    const alive = stat !== '' && !/^\d+ \(.*\) [ZX]/.test(stat);
    expect(alive).toBe(false);
  });
});
