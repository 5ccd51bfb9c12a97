/**
 * The built CLI (out/cli, one esbuild bundle split into chunks) reads the real exports of other tools exactly as
 * the TypeScript sources do. A library loaded on demand can resolve differently in a bundle (a CommonJS
 * package's named export, say), and a preset that catches the failure would then import something plausible
 * but wrong: Evernote notes as raw ENML instead of Markdown did, once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';

const realExports = path.resolve(__dirname, '../fixtures/real');
const folders = fs
  .readdirSync(realExports, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Imports a folder into a fresh store and exports it all as JSON Lines, without the import's own timestamps. */
function importAndExport(folder: string, fromSource: boolean): { code: number; records: unknown[]; warnings: string[] } {
  const dir = tempDir();
  const env = { CONTEXT_STORE_FROM_SOURCE: fromSource ? '1' : '0' };
  const db = path.join(dir, 's.db');
  const imported = cli(['--db', db, 'import', path.join(realExports, folder), '--json'], { env });
  const out = path.join(dir, 'all.jsonl');
  cli(['--db', db, 'export', '--type', 'all', '--format', 'jsonl', '--out', out], { env });
  const records = fs.existsSync(out)
    ? fs
        .readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line.replace(/"importedAt":"[^"]*"/g, '"importedAt":""')) as unknown)
    : [];
  const warnings = imported.stdout ? ((JSON.parse(imported.stdout) as { warnings?: string[] }).warnings ?? []) : [];
  return { code: imported.code, records, warnings };
}

describe('the built CLI on real exports', () => {
  // The bundle as of these sources: the bin would run the sources instead of a stale one.
  beforeAll(() => {
    execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build-cli.mjs')], { stdio: 'ignore' });
  }, 120_000);

  it.each(folders)(
    '%s: the bundle imports what the sources import',
    (folder) => {
      const built = importAndExport(folder, false);
      const source = importAndExport(folder, true);
      expect(built.code).toBe(source.code);
      expect(built.warnings).toEqual(source.warnings);
      expect(built.records).toEqual(source.records);
    },
    120_000,
  );

  it('Evernote notes arrive as Markdown through the bundle', () => {
    const { records } = importAndExport('enex', false);
    const contents = records.map((r) => (r as { record: { content?: string } }).record.content ?? '');
    expect(contents.some((c) => c.includes('- [x] Done task'))).toBe(true);
    expect(contents.some((c) => c.includes('<en-note>'))).toBe(false);
  }, 120_000);
});
