/**
 * `npm ci` compiles nothing: better-sqlite3 13 ships N-API prebuilds for every platform in its tarball. npm
 * still runs its implicit `node-gyp rebuild` on `npm ci`, because the lockfile drops the package's
 * `gypfile: false` (with a plain `npm install` it is honoured); that needs Python and a C toolchain (Visual
 * Studio on Windows) just to generate a no-op build/ folder. The project's `allowScripts` denies it.
 *
 * The clean install is real: a fresh folder with the project's own lockfile entries for better-sqlite3 and
 * its one dependency, and the project's allowScripts policy, installed by `npm ci` on the Node running here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { ROOT } from '../../scripts/run.mjs';

const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const prebuild = `${process.platform}-${process.arch}.node`;

/** Which better-sqlite3 binary a fresh Node process loads from `dir`, and whether it answers a query. */
function loadIn(dir: string): { binary: string; version: string } {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(':memory:');
    const version = db.prepare('select sqlite_version() as v').get().v;
    // Linux lists every mapped file; elsewhere the check is the query alone.
    const maps = require('fs').existsSync('/proc/self/maps') ? require('fs').readFileSync('/proc/self/maps', 'utf8') : '';
    const binary = maps.split('\\n').map((l) => l.split(/\\s+/).slice(5).join(' ')).find((f) => /better.sqlite3|better_sqlite3/.test(f)) ?? '';
    console.log(JSON.stringify({ binary, version }));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm ci compiles nothing (better-sqlite3 prebuilds)', { timeout: 300_000 }, () => {
  it('runs on Node 24', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('the project denies better-sqlite3 its implicit node-gyp install script', () => {
    expect(project.allowScripts['better-sqlite3']).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8'));
    expect(pkg.scripts?.install).toBeUndefined();
    expect(fs.existsSync(path.join(ROOT, 'node_modules/better-sqlite3/prebuilds', prebuild))).toBe(true);
  });

  it('a clean npm ci with the project’s lockfile entries leaves no build/ folder and loads the prebuild', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-npm-ci-'));
    dirs.push(dir);
    const entries = ['node_modules/better-sqlite3', 'node_modules/node-addon-api'];
    for (const entry of entries) expect(lock.packages[entry], entry).toBeDefined();
    const manifest = {
      name: 'cs-npm-ci-check',
      version: '1.0.0',
      private: true,
      dependencies: { 'better-sqlite3': project.dependencies['better-sqlite3'] },
      allowScripts: { 'better-sqlite3': project.allowScripts['better-sqlite3'] },
    };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    const packages: Record<string, unknown> = { '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies } };
    for (const entry of entries) packages[entry] = lock.packages[entry];
    fs.writeFileSync(
      path.join(dir, 'package-lock.json'),
      JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }, null, 2),
    );

    const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--foreground-scripts'], {
      cwd: dir,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    expect(install.status, install.stderr).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/node-gyp|gyp info/);
    const installed = path.join(dir, 'node_modules/better-sqlite3');
    expect(fs.existsSync(path.join(installed, 'build'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'prebuilds', prebuild))).toBe(true);

    const loaded = loadIn(dir);
    expect(loaded.version).toMatch(/^3\.\d+\.\d+$/);
    if (process.platform === 'linux') expect(fs.realpathSync(loaded.binary)).toBe(fs.realpathSync(path.join(installed, 'prebuilds', prebuild)));
  });

  it('the project’s own install loads better-sqlite3 from prebuilds/', () => {
    const loaded = loadIn(ROOT);
    expect(loaded.version).toMatch(/^3\./);
    if (process.platform === 'linux')
      expect(fs.realpathSync(loaded.binary)).toBe(fs.realpathSync(path.join(ROOT, 'node_modules/better-sqlite3/prebuilds', prebuild)));
  });
});
