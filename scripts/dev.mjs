// `npm run dev`: electron-vite's dev server and hot reload. better-sqlite3's N-API prebuild loads in
// Electron as it does in Node, so nothing is rebuilt first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './run.mjs';

const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
const child = spawn(bin, ['dev', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
