// What the npm scripts share: the project root, how to spawn a tool safely on every platform, and a
// child-process runner with an optional time limit whose kill takes the whole process tree.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const quote = (s) => (/^[\w@%+=:,./\\-]+$/.test(s) ? s : `"${String(s).replace(/"/g, '""')}"`);

/**
 * How to spawn `command args`: node scripts run as process.execPath with an argument array and no shell
 * (a path with spaces, such as C:\Program Files\nodejs\node.exe, stays one argument); the shell is used only
 * for Windows .cmd/.bat shims, which cannot run without it, and then every part is quoted.
 */
export function spawnSpec(command, args = [], platform = process.platform) {
  if (/\.(c|m)?js$/i.test(command)) return { file: process.execPath, args: [command, ...args], shell: false };
  if (platform === 'win32' && /\.(cmd|bat)$/i.test(command)) {
    return { file: [command, ...args].map(quote).join(' '), args: [], shell: true };
  }
  return { file: command, args, shell: false };
}

/** The package's own bin script of a dependency (run with node, no .cmd shim, no shell). */
export function binScript(pkg, bin = pkg) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  const rel = typeof json.bin === 'string' ? json.bin : json.bin[bin];
  return path.join(ROOT, 'node_modules', pkg, rel);
}

/** Kills a child and everything it started (on Windows taskkill /T; elsewhere its process group). */
export function killTree(child, platform = process.platform) {
  if (!child.pid) return;
  if (platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Runs a command; resolves { code, output } (never rejects). timeoutMs 0 means no limit. */
export function run(command, args, { cwd = ROOT, timeoutMs = 300_000, env = process.env, echo = false, onOutput } = {}) {
  return new Promise((resolve) => {
    let output = '';
    let child;
    const spec = spawnSpec(command, args);
    try {
      // Its own process group (not on Windows), so a timeout kills the tree, not just the first process.
      child = spawn(spec.file, spec.args, {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: spec.shell,
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (error) {
      resolve({ code: -1, output: String(error) });
      return;
    }
    const collect = (chunk) => {
      output += chunk;
      if (echo) process.stderr.write(chunk);
      onOutput?.(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            output += `\n(stopped after ${Math.round(timeoutMs / 1000)} s)`;
            killTree(child);
          }, timeoutMs)
        : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: output + String(error) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
