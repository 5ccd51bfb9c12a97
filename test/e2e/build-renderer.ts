/**
 * Builds the renderer once for the end-to-end tests (a renderer-only vite build, a few seconds), into a
 * folder of its own so a developer's `out/` is left alone. Parallel test files share one build: the first
 * takes a lock directory, the others wait for its stamp.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_RENDERER_DIR = path.join(root, '.tmp', 'e2e-renderer');
const STAMP = path.join(E2E_RENDERER_DIR, '.stamp');
const LOCK = path.join(root, '.tmp', 'e2e-renderer.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  try {
    const built = Number(fs.readFileSync(STAMP, 'utf8'));
    return built >= Math.max(newestSource(path.join(root, 'renderer')), newestSource(path.join(root, 'shared')));
  } catch {
    return false;
  }
}

export async function ensureRendererBuilt(): Promise<string> {
  if (upToDate()) return E2E_RENDERER_DIR;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is a crashed build.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      if (upToDate()) return E2E_RENDERER_DIR;
    }
  }
  try {
    if (upToDate()) return E2E_RENDERER_DIR;
    const started = Date.now();
    const { build } = await import('vite');
    const react = (await import('@vitejs/plugin-react')).default;
    await build({
      root: path.join(root, 'renderer'),
      base: './',
      logLevel: 'warn',
      configFile: false,
      plugins: [react()],
      build: { outDir: E2E_RENDERER_DIR, emptyOutDir: true, sourcemap: false, minify: false, reportCompressedSize: false },
    });
    fs.writeFileSync(STAMP, String(started));
    return E2E_RENDERER_DIR;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
