// `npm start`: builds the app with electron-vite, makes sure Electron is there
// (better-sqlite3's N-API prebuild serves Node and Electron alike), then starts the desktop app. Where Electron cannot start (its binary is missing and cannot be
// fetched, or there is no display) it says why in one paragraph, points to the browser host, and exits 1.
// Every step has a time limit: this script never hangs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, binScript, run } from './run.mjs';

const EXIT_CANNOT_START = 1;

function cannotStart(reason) {
  const paragraph =
    `Context Store cannot open its desktop window here: ${reason}. ` +
    'The same app runs in a web browser instead: start the local server with `npm run serve` (or `context-store serve` after `npm install -g .`) ' +
    '(options: --port 3000, --host 127.0.0.1, --db FILE), then open the URL it prints ' +
    '(http://127.0.0.1:3000/ by default) in a browser on this machine; it shows the same screens and uses the ' +
    'same store as the desktop app, and `npm start` will work once Electron can run here.';
  process.stderr.write(`\n${paragraph}\n`);
  process.exit(EXIT_CANNOT_START);
}

// Ubuntu >= 23.10 restricts unprivileged user namespaces (AppArmor), and Electron's fallback SUID helper in
// node_modules is not root-owned: Electron aborts with this message.
const SUID_SANDBOX = /SUID sandbox helper binary was found, but is not configured correctly/;
const SANDBOX_EXPLANATION =
  'Electron\'s sandbox cannot start ("The SUID sandbox helper binary was found, but is not configured correctly"; ' +
  'Ubuntu 23.10 and later restrict the unprivileged user namespaces Chromium uses). Fix it once with ' +
  '`sudo chown root:root node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 node_modules/electron/dist/chrome-sandbox`, ' +
  'or give Electron an AppArmor profile that allows user namespaces; do not turn the sandbox off';

function electronDir() {
  return path.join(ROOT, 'node_modules', 'electron');
}

/** The Electron executable, or undefined when it is not installed. */
function findElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const names = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, names[process.platform] ?? 'electron');
    return fs.existsSync(candidate) ? candidate : undefined;
  }
  const pathFile = path.join(electronDir(), 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const executable = path.join(electronDir(), 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(executable) ? executable : undefined;
}

async function ensureElectron() {
  let executable = findElectron();
  if (executable) return executable;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    cannotStart(
      `the Electron binary is missing: ELECTRON_OVERRIDE_DIST_PATH points to ${process.env.ELECTRON_OVERRIDE_DIST_PATH}, which holds no Electron executable`,
    );
  }
  if (!fs.existsSync(path.join(electronDir(), 'install.js'))) {
    cannotStart('the `electron` package is not installed (run `npm install` first)');
  }
  // About 100 MB on first start: no time limit (a slow line still gets there), and a line of progress.
  process.stderr.write('The Electron binary is missing; downloading it (about 100 MB, once)...\n');
  const started = Date.now();
  const ticker = setInterval(() => process.stderr.write(`  still downloading Electron (${Math.round((Date.now() - started) / 1000)} s)...\n`), 15_000);
  const result = await run(path.join(electronDir(), 'install.js'), [], { cwd: electronDir(), timeoutMs: 0, echo: true });
  clearInterval(ticker);
  executable = findElectron();
  if (!executable) {
    const lines = result.output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('at '));
    const why = lines.find((l) => /error|fail|ENOTFOUND|EAI_AGAIN|ECONN|timed out|stopped after/i.test(l)) ?? lines.at(-1) ?? 'no answer';
    cannotStart(`the Electron binary is not installed and could not be downloaded (${why.slice(0, 200)})`);
  }
  return executable;
}

function checkDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    cannotStart('there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set, as on a headless server or over plain SSH)');
  }
}

async function build() {
  process.stderr.write('Building the app (electron-vite build)...\n');
  const result = await run(binScript('electron-vite'), ['build'], { timeoutMs: 600_000 });
  if (result.code !== 0) {
    process.stderr.write(`${result.output.trim().split('\n').slice(-25).join('\n')}\n\nThe build failed (see above); nothing was started.\n`);
    process.exit(1);
  }
}

async function main() {
  // Built first either way: the browser host serves the same out/renderer. `--skip-build` reuses out/.
  if (!process.argv.includes('--skip-build')) await build();
  const electron = await ensureElectron();
  checkDisplay();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, ['.'], { cwd: ROOT, env, stdio: ['inherit', 'inherit', 'pipe'] });
  // Electron's stderr passes through; a display it cannot open is recognised and explained like above.
  let displayProblem = false;
  let sandboxProblem = false;
  child.stderr.on('data', (chunk) => {
    const text = chunk.toString();
    if (SUID_SANDBOX.test(text)) sandboxProblem = true;
    if (/Missing X server|cannot open display|Failed to connect to Wayland|ozone_platform.*(failed|error)/i.test(text)) displayProblem = true;
    process.stderr.write(chunk);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => cannotStart(`Electron failed to launch (${error.message})`));
  child.on('exit', (code, signal) => {
    if (code !== 0 && sandboxProblem) cannotStart(SANDBOX_EXPLANATION);
    if (code !== 0 && displayProblem)
      cannotStart('Electron could not open the display it was given (DISPLAY or WAYLAND_DISPLAY is set, but no usable display answers)');
    process.exit(code ?? (signal ? 1 : 0));
  });
}

await main();
