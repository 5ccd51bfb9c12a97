// Builds the CLI (with the HTTP host it starts) and its pipeline worker into out/cli/ as plain JavaScript,
// so `context-store` starts without compiling TypeScript on every run (tsx: ~0.6 s in the main thread and
// again in each worker). Everything but the native SQLite driver is bundled: resolving and loading a few
// hundred small modules cost more than parsing one file. `npm install` runs this (the `prepare` script);
// bin/context-store.mjs falls back to the TypeScript sources when the build is missing or older than them.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './run.mjs';

export const OUT_DIR = path.join(ROOT, 'out', 'cli');
export const STAMP = path.join(OUT_DIR, 'inputs.json');

export async function buildCli() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'electron/cli/main.ts', 'pipeline-worker': 'electron/workers/pipeline.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // One file per entry (no shared chunks): code that finds files relative to import.meta.url (the worker
    // beside the CLI, the renderer two folders up) then means the same in the bundle as in the sources.
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: ['better-sqlite3'],
    // Bundled CommonJS packages call require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
    define: { __CS_BUNDLED__: 'true' },
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
  // The project's own inputs: the launcher compares their times with the build's to spot a stale one.
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules') && !f.startsWith('<'));
  fs.writeFileSync(STAMP, JSON.stringify({ builtAt: Date.now(), inputs: [...inputs, 'package-lock.json'] }));
  return inputs.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const started = Date.now();
  const count = await buildCli();
  process.stderr.write(`Built the CLI into out/cli/ (${count} sources, ${Date.now() - started} ms).\n`);
}
