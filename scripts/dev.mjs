// `npm run dev`: electron-vite's dev server and hot reload, with better-sqlite3's Electron build (the same
// .electron-native/ build `npm start` uses), so the store opens under Electron's ABI here too.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureElectronSqlite } from './electron-native.mjs';

let binding;
try {
  binding = await ensureElectronSqlite();
} catch (error) {
  process.stderr.write(`Cannot start the dev app: ${error.message}. Use \`npx context-store serve\` and \`npx electron-vite build\` for the browser host instead.\n`);
  process.exit(1);
}
const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
const child = spawn(bin, ['dev', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CONTEXT_STORE_NATIVE_BINDING: binding }, shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
