// Builds better-sqlite3 for Electron's ABI in .electron-native/ (a copy of the package), leaving
// node_modules/better-sqlite3 as the Node build the tests and the CLI use. `npm start` points the app at it
// with CONTEXT_STORE_NATIVE_BINDING; `npm run dist` ships it as resources/native/better_sqlite3.node.
// Tries a prebuilt binary first (prebuild-install --runtime electron), then compiles with node-gyp.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_DIR = path.join(ROOT, '.electron-native');
const require = createRequire(import.meta.url);

export function electronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json', { paths: [ROOT] }), 'utf8')).version;
}

function sqlitePackageDir() {
  return path.dirname(require.resolve('better-sqlite3/package.json', { paths: [ROOT] }));
}

/** Runs a command with a time limit; resolves { code, output } (never rejects, never hangs). */
export function run(command, args, { cwd = ROOT, timeoutMs = 300_000, env = process.env, echo = false } = {}) {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    } catch (error) {
      resolve({ code: -1, output: String(error) });
      return;
    }
    const collect = (chunk) => {
      output += chunk;
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n(stopped after ${Math.round(timeoutMs / 1000)} s)`;
      child.kill('SIGKILL');
    }, timeoutMs);
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

/** The Electron build of better_sqlite3.node, building it when missing or stale. Throws with a reason. */
export async function ensureElectronSqlite({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const version = electronVersion();
  const source = sqlitePackageDir();
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const target = path.join(NATIVE_DIR, 'better-sqlite3');
  const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = path.join(NATIVE_DIR, 'stamp.json');
  const stamp = JSON.stringify({ electron: version, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });
  if (fs.existsSync(binding) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return binding;

  log(`Building better-sqlite3 ${sqliteVersion} for Electron ${version} in .electron-native/ (once)...`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    const from = path.join(source, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const attempts = [];
  if (fs.existsSync(bin('prebuild-install'))) {
    const pre = await run(bin('prebuild-install'), ['--runtime', 'electron', '--target', version, '--arch', process.arch, '--platform', process.platform], {
      cwd: target,
      timeoutMs: 120_000,
    });
    attempts.push(`prebuild-install: ${pre.output.trim().split('\n').slice(-3).join(' ')}`);
  }
  if (!fs.existsSync(binding)) {
    const gyp = await run(
      process.execPath,
      [require.resolve('node-gyp/bin/node-gyp.js', { paths: [ROOT] }), 'rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: target, timeoutMs: 600_000, env: { ...process.env, npm_config_runtime: 'electron' } },
    );
    attempts.push(`node-gyp: ${gyp.output.trim().split('\n').slice(-4).join(' ')}`);
  }
  if (!fs.existsSync(binding)) {
    throw new Error(`could not build better-sqlite3 for Electron ${version} (no prebuilt binary could be fetched and compiling failed: ${attempts.join(' | ')})`);
  }
  fs.writeFileSync(stampFile, stamp);
  return binding;
}

// `node scripts/electron-native.mjs` (used by `npm run dist`): build it and print its path.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureElectronSqlite()
    .then((binding) => process.stdout.write(`${binding}\n`))
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
