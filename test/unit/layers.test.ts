/** Keeps the layers of ARCHITECTURE.md true: who may import whom. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts)$/.test(f))
    .map((f) => path.join(abs, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    specs.push(m[1] ?? m[2] ?? m[3]!);
  }
  return specs;
}

function resolvedInside(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.relative(root, path.resolve(path.dirname(file), spec));
}

describe('layers', () => {
  it('finds the source it checks', () => {
    expect(sourceFiles('electron/engine').length).toBeGreaterThan(10);
    expect(sourceFiles('shared').length).toBeGreaterThan(3);
  });

  it('shared/ imports nothing of ours outside shared/', () => {
    for (const file of sourceFiles('shared')) {
      for (const spec of importsOf(file)) {
        const target = resolvedInside(file, spec);
        if (target) expect(target.startsWith('shared'), `${path.relative(root, file)} imports ${spec}`).toBe(true);
        // The renderer imports shared/, so shared/ may use no Node module: only zod.
        else expect(spec, `${path.relative(root, file)} imports ${spec}`).toBe('zod');
      }
    }
  });

  it('the engine never imports electron, nor the adapters or the renderer', () => {
    for (const file of sourceFiles('electron/engine')) {
      for (const spec of importsOf(file)) {
        expect(spec === 'electron' || spec.startsWith('electron/'), `${path.relative(root, file)} imports ${spec}`).toBe(false);
        const target = resolvedInside(file, spec);
        if (target) {
          // package.json is data (the app's version), not a layer.
          const allowed = target.startsWith('electron/engine') || target.startsWith('shared') || target === 'package.json';
          expect(allowed, `${path.relative(root, file)} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it('the renderer imports only shared/ of ours, and never Node or Electron', () => {
    for (const file of sourceFiles('renderer')) {
      for (const spec of importsOf(file)) {
        expect(spec === 'electron' || spec.startsWith('node:') || spec === 'better-sqlite3', `${path.relative(root, file)} imports ${spec}`).toBe(false);
        const target = resolvedInside(file, spec);
        if (target) expect(target.startsWith('renderer') || target.startsWith('shared'), `${path.relative(root, file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the check itself catches a forbidden import', () => {
    expect(importsOf(__filename).includes('vitest')).toBe(true);
    expect(resolvedInside(path.join(root, 'electron/engine/x.ts'), '../main/index.ts')).toBe(path.join('electron', 'main', 'index.ts'));
  });
});
