/**
 * Packaging smoke test: `electron-builder --dir --linux` as `npm run dist` runs it, with `electronDist`
 * pointing at a stand-in Electron folder (the real binary cannot be downloaded here). Then the result is
 * read back: app.asar holds the main, preload, worker and renderer bundles and every package they import
 * (and none that only the CLI and REST host use); the better-sqlite3 prebuild for this platform is unpacked
 * beside it; nothing of the old .electron-native; the fuses are flipped as configured, read back from the
 * packaged executable with @electron/fuses; electron-builder accepts the icons for all three platforms.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { binScript, ROOT } from '../../scripts/run.mjs';
import { exclusionPattern, packagedDependencies, packageName } from '../../scripts/packaged-dependencies.mjs';
import { pngSize, readIcns, readIco } from '../../scripts/icon-containers.mjs';
import { makeElectronDistStandIn } from './electron-dist-stand-in.ts';

const builderConfig = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';

/** A fuse's byte in the wire: '0' off, '1' on (@electron/fuses' FuseState, which its index does not export). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;

let work: string;
let unpacked: string;
let files: string[];
let builderLog = '';

function run(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  builderLog += `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

describe.runIf(process.platform === 'linux')('electron-builder --dir --linux with a stand-in Electron', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-packaging-'));
    const electronDist = await makeElectronDistStandIn(path.join(work, 'electron-dist'), electronVersion);
    // What `npm run dist` runs: the app build, then electron-builder (here only the unpacked folder).
    run(binScript('electron-vite'), ['build']);
    run(binScript('electron-builder'), [
      '--dir',
      '--linux',
      `--${arch}`,
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${path.join(work, 'release')}`,
    ]);
    unpacked = path.join(work, 'release', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
    files = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false });
    // A full app build and electron-builder: minutes on a busy machine (the hook limit, not an assertion).
  }, 900_000);
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('names the executable context-store and publishes nothing', () => {
    expect(fs.existsSync(path.join(unpacked, 'context-store'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'app-update.yml'))).toBe(false);
  });

  it('app.asar holds the main, preload, worker and renderer bundles', () => {
    const has = (pattern: RegExp) => files.some((f) => pattern.test(f.split(path.sep).join('/')));
    expect(has(/^\/out\/main\/index\.js$/)).toBe(true);
    expect(has(/^\/out\/preload\/index\.cjs$/)).toBe(true);
    expect(has(/^\/out\/main\/chunks\/pipeline-[\w-]+\.js$/)).toBe(true);
    expect(has(/^\/out\/renderer\/index\.html$/)).toBe(true);
    expect(has(/^\/out\/renderer\/assets\/index-[\w-]+\.js$/)).toBe(true);
    expect(has(/^\/out\/renderer\/assets\/index-[\w-]+\.css$/)).toBe(true);
    expect(has(/^\/package\.json$/)).toBe(true);
    // The main bundle's worker is the one packaged (the path electron-vite wrote into it).
    const main = fs.readFileSync(path.join(ROOT, 'out/main/index.js'), 'utf8');
    const worker = main.match(/chunks\/(pipeline-[\w-]+\.js)/)?.[1];
    expect(worker && has(new RegExp(`/out/main/chunks/${worker.replace('.', '\\.')}$`))).toBe(true);
    // No source maps, no TypeScript, no CLI bundle.
    expect(files.filter((f) => /\.(map|ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(has(/^\/out\/cli\//)).toBe(false);
  });

  it('holds exactly the packages the bundles import (and theirs), none of the CLI- and server-only ones', () => {
    // A package is a folder right under a node_modules folder with its package.json (not a sub-folder's).
    const packaged = new Set(
      files
        .map(
          (f) =>
            f
              .split(path.sep)
              .join('/')
              .match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/)?.[1],
        )
        .filter((name): name is string => !!name),
    );
    const { needed, cliOnly } = packagedDependencies();
    const neededNames = new Set([...needed].map(packageName));
    expect(
      [...neededNames].filter((name) => !packaged.has(name)),
      'imported by out/main but missing from app.asar',
    ).toEqual([]);
    for (const name of ['fastify', '@fastify/static', '@fastify/multipart', 'commander', 'tsx', 'esbuild']) expect(packaged.has(name), name).toBe(false);
    expect(
      [...packaged].filter((name) => !neededNames.has(name)),
      'packaged but never loaded by the app',
    ).toEqual([]);
    // electron-builder.yml's exclusion is the one scripts/packaged-dependencies.mjs computes today.
    expect(builderConfig.files).toContain(exclusionPattern(cliOnly, needed));
  });

  it('unpacks the better-sqlite3 prebuild for this platform next to the archive; nothing is compiled or left over', () => {
    const prebuilds = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
    const binary = path.join(prebuilds, `linux-${arch}.node`);
    expect(fs.existsSync(binary)).toBe(true);
    // An ELF shared object, the same bytes as the npm package's prebuild.
    expect(fs.readFileSync(binary).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(fs.readFileSync(binary).equals(fs.readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/prebuilds', `linux-${arch}.node`)))).toBe(true);
    // Only Linux's prebuilds travel in a Linux package.
    expect(
      fs
        .readdirSync(prebuilds)
        .filter((f) => !f.startsWith('linux'))
        .sort(),
    ).toEqual([]);
    // The archive lists it as unpacked (Electron reads it from app.asar.unpacked), with its JavaScript inside.
    expect(files.some((f) => f.split(path.sep).join('/') === '/node_modules/better-sqlite3/lib/index.js')).toBe(true);
    const all = [...files, ...fs.readdirSync(path.join(unpacked, 'resources', 'app.asar.unpacked'), { recursive: true }).map(String)];
    expect(all.filter((f) => /\.electron-native|better-sqlite3[\\/](build|src|deps)[\\/]|binding\.gyp$/.test(f))).toEqual([]);
    expect(fs.existsSync(path.join(unpacked, 'resources', '.electron-native'))).toBe(false);
    expect(builderLog).not.toMatch(/node-gyp|prebuild-install|rebuilding native/i);
  });

  it('flips the fuses in the packaged executable as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'context-store'));
    const fuse = (option: FuseV1Options) => wire[option];
    expect(fuse(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    // Left as Electron ships it: no cookies to encrypt, and turning it on can raise keychain prompts.
    expect(fuse(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.DISABLE);
    // Re-signing ad hoc after the flip (macOS arm64 refuses a broken signature) is configured.
    expect(builderConfig.electronFuses.resetAdHocDarwinSignature).toBe(true);
    expect(builderConfig.electronFuses.enableCookieEncryption).toBeUndefined();
  });

  it('electron-builder accepts the icons for Linux, macOS and Windows (no default Electron icon)', async () => {
    const { convertIcon } = await import('app-builder-lib/out/util/iconConverter.js');
    const roots: string[] = [path.join(ROOT, 'build'), ROOT];
    const outDir = path.join(work, 'icons');
    for (const [platform, format, minimum] of [
      ['linux', 'set', 512],
      ['mac', 'icns', 0],
      ['win', 'ico', 256],
    ] as const) {
      const icon = builderConfig[platform].icon as string;
      expect(fs.existsSync(path.join(ROOT, icon)), icon).toBe(true);
      const result = await convertIcon({ sources: [icon], fallbackSources: [], roots, format, outDir });
      expect(result.isFallback, platform).toBe(false);
      expect(result.icons.at(-1)!.file).toBe(path.join(ROOT, icon));
      expect(result.icons.at(-1)!.size).toBeGreaterThanOrEqual(minimum);
    }
    expect(pngSize(fs.readFileSync(path.join(ROOT, 'build/icon.png')))).toEqual({ width: 512, height: 512 });
    expect(readIcns(fs.readFileSync(path.join(ROOT, 'build/icon.icns'))).map((e) => e.type)).toContain('ic09');
    expect(readIco(fs.readFileSync(path.join(ROOT, 'build/icon.ico'))).map((i) => i.width)).toContain(256);
  });
});
