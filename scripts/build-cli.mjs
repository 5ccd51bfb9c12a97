// Builds the CLI (with the HTTP host it starts) and its pipeline worker into out/cli/ as plain JavaScript,
// so `context-store` starts without compiling TypeScript on every run (tsx: ~0.6 s in the main thread and
// again in each worker). Everything but the native SQLite driver is bundled: resolving and loading a few
// hundred small modules cost more than parsing a few files. `npm install` runs this (the `prepare` script);
// bin/context-store.mjs falls back to the TypeScript sources when the build is missing or older than them.
//
// Split into chunks (docs/performance.md, "Start-up"): what the CLI imports with import() (the engine, the
// HTTP host, the source presets) is a chunk of its own that a run loads only when it gets there, so `--help`
// reads ~0.4 MB instead of 4.6 MB; the worker shares the engine's chunks with the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './run.mjs';

export const OUT_DIR = path.join(ROOT, 'out', 'cli');
export const STAMP = path.join(OUT_DIR, 'inputs.json');

export async function buildCli() {
  const result = await build({
    absWorkingDir: ROOT,
    // The worker's entry turns the compile cache on in its thread before it loads the pipeline worker. The bin
    // asks worker-command which worker the command line needs and starts it through early-worker before it
    // loads main; main.mjs shares early-worker's chunk, so both see the one worker.
    entryPoints: {
      main: 'electron/cli/main.ts',
      'pipeline-worker': 'electron/cli/worker-entry.ts',
      'worker-command': 'electron/cli/worker-command.ts',
      'early-worker': 'electron/cli/early-worker.ts',
    },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    splitting: true,
    // Chunks sit beside the entries, in out/cli/ itself: code that finds files relative to import.meta.url
    // (the worker beside the CLI, the renderer two folders up) means the same in any chunk as in the sources.
    chunkNames: '[name]-[hash]',
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
  // Chunks of an earlier build have other hashes: nothing imports them any more.
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.basename(f)));
  for (const file of fs.readdirSync(OUT_DIR)) {
    if (/\.mjs(\.map)?$/.test(file) && !written.has(file)) fs.rmSync(path.join(OUT_DIR, file));
  }
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
