#!/usr/bin/env node
// The CLI. It runs the built JavaScript in out/cli/ (`npm install` builds it; `npm run build:cli` again),
// and falls back to the TypeScript sources through tsx when that build is missing or older than a source
// file, so a change is never run stale and a source checkout works without a build step.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// better-sqlite3 13 and this build need Node >= 22.12: an older Node crashes inside the driver (a segmentation
// fault, no message), so the launcher says so first and stops as a failure that wrote nothing (exit 1).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `error: context-store needs Node 22.12 or newer (Node 24 recommended); this is Node ${process.versions.node} (${process.execPath}). ` +
      'Install Node 24 (nodejs.org or your package manager), or in this repository run `source .ci/node.sh` first. [NODE_TOO_OLD]\n',
  );
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'cli', 'main.mjs');

function buildIsCurrent() {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, 'out', 'cli', 'inputs.json'), 'utf8'));
    for (const input of stamp.inputs) {
      const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
      if (!stat || stat.mtimeMs > stamp.builtAt) return false;
    }
    return fs.existsSync(built);
  } catch {
    return false;
  }
}

let main;
// V8 keeps the compiled bundle on disk between runs (Node >= 22.1): most of a start is otherwise parsing.
module.enableCompileCache?.();
if (process.env.CONTEXT_STORE_FROM_SOURCE !== '1' && buildIsCurrent()) {
  // An import, export, validate or undo starts its pipeline worker now, so the thread boots while the CLI loads.
  const { workerKindFor } = await import(pathToFileURL(path.join(root, 'out', 'cli', 'worker-command.mjs')).href);
  const kind = workerKindFor(process.argv);
  if (kind) (await import(pathToFileURL(path.join(root, 'out', 'cli', 'early-worker.mjs')).href)).startWorkerEarly(kind);
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli/main.ts'));
}
// `context-store ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
