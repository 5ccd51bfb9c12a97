/**
 * The layers are rules in .dependency-cruiser.cjs (npm run lint runs them too): this runs them over the
 * source, and over a small tree that breaks each of them, so a rule that stopped matching is noticed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const config = path.join(root, '.dependency-cruiser.cjs');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, dirs: string[]): { modules: number; violations: Violation[] } {
  const run = spawnSync(depcruise, [...dirs, '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { modules: unknown[]; summary: { violations: Violation[] } };
  return { modules: result.modules.length, violations: result.summary.violations };
}

describe('layers', () => {
  it('the source keeps every layer rule, with no cycles', () => {
    const { modules, violations } = cruise(root, ['shared', 'electron', 'renderer/src']);
    expect(modules).toBeGreaterThan(200);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('the rules catch each forbidden import', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('shared/s.ts', "import { x } from '../electron/engine/store/a.ts';\nexport const s = x;\n");
    write('electron/engine/store/a.ts', "import { p } from '../pipeline/p.ts';\nexport const x = p;\n");
    write('electron/engine/pipeline/p.ts', "import { b } from '../../server/b.ts';\nexport const p = b;\n");
    write('electron/engine/mapping/m.ts', "import { o } from '../operations/o.ts';\nexport const m = o;\n");
    write('electron/engine/operations/o.ts', "import { m } from '../mapping/m.ts';\nexport const o = m;\n");
    write('electron/server/b.ts', 'export const b = 1;\n');
    write('renderer/r.ts', "import { p } from '../electron/engine/pipeline/p.ts';\nimport fs from 'node:fs';\nexport const r = [p, fs];\n");
    try {
      const names = new Set(cruise(dir, ['shared', 'electron', 'renderer']).violations.map((v) => v.rule.name));
      for (const rule of [
        'shared-imports-nothing-of-ours',
        'store-below-the-rest',
        'engine-no-adapters',
        'mapping-below-pipeline',
        'no-cycles',
        'renderer-imports-only-shared',
        'renderer-no-node-or-electron',
      ]) {
        expect(names, rule).toContain(rule);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
