/** The renderer's client imports only `shared/` and its own files (ARCHITECTURE.md: renderer -> shared only). */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const CLIENT_DIR = path.resolve(import.meta.dirname, '../../renderer/src/client');

it('renderer/src/client imports nothing from electron/ or node', () => {
  const files = fs.readdirSync(CLIENT_DIR).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) {
    const source = fs.readFileSync(path.join(CLIENT_DIR, file), 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)) {
      const specifier = match[1]!;
      expect(specifier.startsWith('./') || specifier.startsWith('../../../shared/'), `${file} imports ${specifier}`).toBe(true);
    }
  }
});
