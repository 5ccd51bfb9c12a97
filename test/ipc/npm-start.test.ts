/**
 * `npm start` where Electron cannot start: one paragraph saying why and pointing to the browser host, a
 * non-zero exit, and no hang. ELECTRON_OVERRIDE_DIST_PATH stands in for "binary missing" / "binary present".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function runStart(env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  return spawnSync(process.execPath, ['scripts/start.mjs', '--skip-build'], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(process.platform === 'win32')('npm start without a usable Electron', () => {
  it('explains a missing Electron binary in one paragraph and exits non-zero', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-no-electron-'));
    dirs.push(empty);
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    const paragraphs = result.stderr.split(/\n\s*\n/).filter((p) => p.includes('Context Store cannot open'));
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toMatch(/Electron binary/);
    expect(paragraphs[0]).toContain('npm run serve');
    expect(paragraphs[0]).toContain('http://127.0.0.1:3000/');
    expect(paragraphs[0]).not.toMatch(/\n\s+at /);
  });

  it.skipIf(process.platform === 'darwin')('explains a missing display when the binary is there', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fake-electron-'));
    dirs.push(fake);
    fs.writeFileSync(path.join(fake, 'electron'), '#!/bin/sh\necho should-not-run\nexit 0\n', { mode: 0o755 });
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: fake, DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('should-not-run');
    expect(result.stderr).toMatch(/no graphical display/);
    expect(result.stderr).toContain('npm run serve');
  });

  it.skipIf(process.platform === 'darwin')('explains a display Electron cannot open, after Electron says so', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fake-electron-'));
    dirs.push(fake);
    fs.writeFileSync(path.join(fake, 'electron'), '#!/bin/sh\necho "[123:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: fake, DISPLAY: ':99' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Missing X server');
    expect(result.stderr).toMatch(/could not open the display/);
    expect(result.stderr).toContain('npm run serve');
  });

  it.skipIf(process.platform === 'darwin')('explains the SUID sandbox abort (Ubuntu >= 23.10) and how to fix it', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fake-electron-'));
    dirs.push(fake);
    fs.writeFileSync(
      path.join(fake, 'electron'),
      '#!/bin/sh\necho "[1:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I\'m aborting now." >&2\nexit 133\n',
      { mode: 0o755 },
    );
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: fake, DISPLAY: ':99' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/sandbox cannot start/);
    expect(result.stderr).toContain('chmod 4755');
    expect(result.stderr).toContain('npm run serve');
  });
});
