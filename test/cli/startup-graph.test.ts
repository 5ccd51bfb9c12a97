/**
 * What the CLI loads before it knows its command (docs/performance.md, "Start-up"): `--help` and every command's
 * setup import only commander and the CLI's own small files; the engine, zod, pino, Fastify and the source
 * presets come through import() when a command needs them. The service, once loaded, loads only what its
 * calls share (the store, the contract, history, snapshots): every format's reader and writer, the presets,
 * mapping suggestions, restore and verify come with the calls that use them, so a one-record import or export
 * does not load them in the CLI's thread as well as in its worker. Checked on the static import graph esbuild
 * sees, so a new top-level import that drags one of them back in fails here, not as a slower start nobody notices.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../electron/cli/output.ts';
import { workerKindFor } from '../../electron/cli/worker-command.ts';

const root = path.resolve(__dirname, '../..');

async function bundle(entry: string) {
  return build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
}

async function staticallyLoaded(entry: string): Promise<string[]> {
  const { metafile } = await bundle(entry);
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !metafile.inputs[file]) continue;
    seen.add(file);
    for (const i of metafile.inputs[file].imports) if (!i.external && i.kind !== 'dynamic-import') stack.push(i.path);
  }
  return [...seen];
}

describe('the CLI start', () => {
  it('loads neither the engine nor zod, pino, Fastify or the source presets before a command runs', async () => {
    const loaded = await staticallyLoaded('electron/cli/main.ts');
    expect(loaded).toContain('electron/cli/commands/import.ts');
    const heavy = loaded.filter((f) =>
      /node_modules\/(zod|pino|fastify|@mixmark-io|turndown|yaml|papaparse)\/|electron\/engine\/(service|sources\/registry|store\/store)\.ts|electron\/server\/index\.ts/.test(
        f,
      ),
    );
    expect(heavy).toEqual([]);
  });

  it('reads the command word in a module that imports nothing, and starts the worker from one that imports no engine', async () => {
    expect(await staticallyLoaded('electron/cli/worker-command.ts')).toEqual(['electron/cli/worker-command.ts']);
    const early = await staticallyLoaded('electron/cli/early-worker.ts');
    expect(early.filter((f) => !/^electron\/(cli\/early-worker|engine\/operations\/worker-launchers)\.ts$/.test(f))).toEqual([]);
  });

  it('reads the command word the way commander will: the worker it starts is the one the command takes', () => {
    const kind = (...args: string[]) => workerKindFor(['node', 'context-store', ...args]);
    expect(kind('import', 'a.jsonl')).toBe('import');
    expect(kind('--db', 'export', 'export', '--out', 'x')).toBe('export');
    expect(kind('--db=s.db', 'validate', 'a.csv')).toBe('validate');
    expect(kind('undo', 'op_1')).toBe('undo');
    expect(kind('--db', 'import', 'stats')).toBeUndefined();
    for (const none of [
      [],
      ['stats'],
      ['--help'],
      ['import', '--help'],
      ['import', '-h'],
      ['--log-level', 'debug', 'import', 'a'],
      ['--log-level=info', 'export'],
    ])
      expect(kind(...none), none.join(' ')).toBeUndefined();
    expect(kind('constructor')).toBeUndefined();
  });

  it('the service loads no format, preset, mapping suggester, restore or verify until a call needs it', async () => {
    const loaded = await staticallyLoaded('electron/engine/service.ts');
    expect(loaded).toContain('electron/engine/backup/snapshot.ts');
    const lazy = loaded.filter((f) =>
      /node_modules\/(yaml|fast-xml-parser|papaparse|yauzl|@mixmark-io|turndown)\/|electron\/engine\/(formats\/registry|sources\/registry|inputs\/expand|envelope\/(input|output)|pipeline\/(import|export|inspect|read-inputs|preview-mapping)|mapping\/(suggest|remembered)|backup\/restore|verify\/verify-(export|import)|store\/search)\.ts/.test(
        f,
      ),
    );
    expect(lazy).toEqual([]);
  });

  it('bundles the parts of zod the schemas use, not all of it (no locale but English)', async () => {
    const { metafile } = await bundle('shared/contract.ts');
    const output = Object.values(metafile.outputs)[0]!;
    const locales = Object.entries(output.inputs)
      .filter(([file, input]) => /node_modules\/zod\/.*\/locales\//.test(file) && input.bytesInOutput > 0)
      .map(([file]) => file.replace(/.*\/locales\//, ''));
    expect(locales).toEqual(['en.js']);
  });

  it('prints counts as toLocaleString does, without loading ICU for whole numbers', () => {
    for (const n of [0, 7, -7, 999, 1000, -1000, 1234567, -9876543210, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1.5, 1234.5678, -0, Number.NaN, Infinity])
      expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
  });
});
