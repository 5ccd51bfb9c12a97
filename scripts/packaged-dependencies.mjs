// Which installed packages the packaged desktop app needs: the bare imports of its built main-process
// bundles (out/main), and everything those depend on. The rest of the production dependencies serve only the
// CLI and the REST host (fastify, commander, tsx, esbuild…): `npm install -g .` needs them, the app does not,
// so electron-builder.yml leaves them out. `node scripts/packaged-dependencies.mjs` prints the exclusion
// pattern for electron-builder.yml after `electron-vite build`; the packaging test checks it still fits.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { ROOT } from './run.mjs';

function manifest(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

function dependencyNames(dir) {
  const json = manifest(dir);
  return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.optionalDependencies ?? {})];
}

/** Where Node would find `name` from `from` (node_modules folders up the tree), or null if not installed. */
function locate(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Every installed package reachable from `names`, as paths relative to the project (node_modules/…). */
export function installedClosure(names, root = ROOT) {
  const seen = new Set();
  const stack = names.map((name) => [name, root]);
  while (stack.length) {
    const [name, from] = stack.pop();
    const dir = locate(name, from);
    if (!dir) continue; // an optional dependency for another platform
    const relative = path.relative(root, dir).split(path.sep).join('/');
    if (seen.has(relative)) continue;
    seen.add(relative);
    for (const dependency of dependencyNames(dir)) stack.push([dependency, dir]);
  }
  return seen;
}

const BUILTINS = new Set([...builtinModules, 'electron']);

/** The package names the built main-process bundles import (static and dynamic). */
export function bundleImports(outMain = path.join(ROOT, 'out', 'main')) {
  const names = new Set();
  const files = fs.readdirSync(outMain, { recursive: true }).filter((f) => /\.(c|m)?js$/.test(f));
  for (const file of files) {
    const code = fs.readFileSync(path.join(outMain, file), 'utf8');
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

/** The installed packages the app loads, and the production packages it never loads. */
export function packagedDependencies(root = ROOT) {
  const all = installedClosure(dependencyNames(root), root);
  const needed = installedClosure(bundleImports(path.join(root, 'out', 'main')), root);
  return { needed, cliOnly: [...all].filter((p) => !needed.has(p)).sort() };
}

/** A package's name from its installed path: what follows the last node_modules/. */
export function packageName(installedPath) {
  return installedPath.split('node_modules/').pop();
}

/**
 * The electron-builder `files` pattern that leaves them out. electron-builder hoists nested packages to the
 * top of the app's node_modules, so every name is listed (unless the app needs a package of that name), and a
 * whole scope when the app needs none of it (so @esbuild's per-platform binary is covered on every OS).
 */
export function exclusionPattern(cliOnly, needed) {
  const neededNames = new Set([...needed].map(packageName));
  const neededScopes = new Set([...neededNames].filter((n) => n.startsWith('@')).map((n) => n.split('/')[0]));
  const names = new Set(
    cliOnly
      .map(packageName)
      .filter((name) => !neededNames.has(name))
      .map((name) => (name.startsWith('@') && !neededScopes.has(name.split('/')[0]) ? name.split('/')[0] : name)),
  );
  return `!node_modules/{${[...names].sort().join(',')}}/**`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { needed, cliOnly } = packagedDependencies();
  console.log(exclusionPattern(cliOnly, needed));
}
