// `npm run dev`: electron-vite's dev server and hot reload. better-sqlite3's N-API prebuild loads in
// Electron as it does in Node, so nothing is rebuilt first. electron-vite's bin script runs with this node
// (process.execPath, an argument array, no shell): paths with spaces work on Windows too.
import { spawn } from 'node:child_process';
import { ROOT, binScript, spawnSpec } from './run.mjs';

const spec = spawnSpec(binScript('electron-vite'), ['dev', ...process.argv.slice(2)]);
const child = spawn(spec.file, spec.args, { cwd: ROOT, stdio: 'inherit', shell: spec.shell });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
