/**
 * `npm run bench`: the speed bar of docs/performance.md, measured. Generates N contexts (default 200,000; set
 * BENCH_RECORDS), times the app's pipelines and the sqlite3 shell doing the same work on the same data in the
 * same run, and prints records/s, MB/s, peak RSS and the ratio. Figures, never assertions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { initial } from '../../electron/engine/store/migrations/001-initial.ts';
import { writeJsonl, writeReferenceCsv } from './generate.ts';

const N = Number(process.env.BENCH_RECORDS ?? 200_000);
const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));
const rows: string[][] = [];

function scenario(mode: 'import' | 'export', db: string, file: string, format: string) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.mjs'), path.join(root, 'test/bench/scenario.ts'), mode, db, file, format], { encoding: 'utf8' });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { records: number; seconds: number; status: string; maxRssMb: number; longestProgressGapMs: number };
  } catch {
    throw new Error(`scenario ${mode} ${format} failed: ${run.stderr || run.stdout}`);
  }
}

function timeShell(args: string[], input?: string): number | null {
  try {
    const started = performance.now();
    execFileSync('sqlite3', args, { input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    return (performance.now() - started) / 1000;
  } catch (error) {
    console.log(`  (sqlite3 shell unavailable: ${(error as Error).message.split('\n')[0]})`);
    return null;
  }
}

/**
 * The store's own schema and indexes, made importable by the shell: the implicit rowid, and the generated
 * importance column (which `.import` cannot skip) as the equivalent expression index. Same work per row.
 */
function referenceSchema(): string {
  const sql = typeof initial.up === 'string' ? initial.up : '';
  return sql
    .replace(/rowid INTEGER PRIMARY KEY,\s*/, '')
    .replace(/,\s*importance TEXT GENERATED ALWAYS AS \(json_extract\(metadata, '\$\.importance'\)\) VIRTUAL/, '')
    .replace('ON contexts (importance)', "ON contexts (json_extract(metadata, '$.importance'))");
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, digits = 2) => n.toFixed(digits);
function row(work: string, seconds: number, records: number, bytes: number, rss: number | null, reference: number | null, bar: number | null) {
  const ratio = reference ? seconds / reference : null;
  rows.push([
    work,
    `${fmt(seconds)} s`,
    `${Math.round(records / seconds).toLocaleString('en-US')} rec/s`,
    `${fmt(mb(bytes) / seconds, 1)} MB/s`,
    rss === null ? '' : `${Math.round(rss)} MB`,
    reference === null ? '' : `${fmt(reference)} s`,
    ratio === null ? '' : `${fmt(ratio)}x${bar ? (ratio <= bar ? ` (bar ${bar}x: met)` : ` (bar ${bar}x: MISSED)`) : ''}`,
  ]);
}

console.log(`Context Store bench: ${N.toLocaleString('en-US')} contexts, Node ${process.version}, ${os.cpus().length} cores, in ${work}`);
const jsonlFile = path.join(work, 'data.jsonl');
const csvRef = path.join(work, 'reference.csv');
const jsonlBytes = await writeJsonl(jsonlFile, N);
const csvRefBytes = await writeReferenceCsv(csvRef, N);
console.log(`generated ${fmt(mb(jsonlBytes), 1)} MB JSON Lines, ${fmt(mb(csvRefBytes), 1)} MB reference CSV`);

// Import: JSON Lines through the full pipeline vs the shell's CSV import into the same schema.
const refDb = path.join(work, 'reference.db');
execFileSync('sqlite3', [refDb], { input: referenceSchema() });
const shellImport = timeShell([refDb, '.import --csv --skip 1 ' + csvRef + ' contexts']);
const importDb = path.join(work, 'import-jsonl.db');
const imported = scenario('import', importDb, jsonlFile, 'jsonl');
row('import JSON Lines', imported.seconds, imported.records, jsonlBytes, imported.maxRssMb, shellImport, 1.25);
const progressGaps = [imported.longestProgressGapMs];

// Export: the store to JSON vs the shell running the same query (one JSON object per context).
const exportQuery =
  "select json_object('id', id, 'title', title, 'content', content, 'type', type, 'tags', json(tags), 'sessionId', session_id, 'createdAt', created_at, 'metadata', json(metadata)) from contexts order by created_at, id;";
const shellExport = timeShell(['-list', importDb, exportQuery]);
const jsonOut = path.join(work, 'export.json');
const exported = scenario('export', importDb, jsonOut, 'json');
row('export JSON', exported.seconds, exported.records, fs.statSync(jsonOut).size, exported.maxRssMb, shellExport, 1.5);
progressGaps.push(exported.longestProgressGapMs);
const shellJson = timeShell(['-json', importDb, 'select * from contexts;']);
if (shellJson !== null) console.log(`  (for scale: a bare \`sqlite3 -json\` of the table: ${fmt(shellJson)} s)`);

// CSV, once the format exists: export, then import that export, against the shell's CSV import/export.
if (FORMATS.some((c) => c.id === 'csv')) {
  const csvOut = path.join(work, 'export.csv');
  const csvExport = scenario('export', importDb, csvOut, 'csv');
  const shellCsvExport = timeShell(['-csv', importDb, 'select id, title, content, type, tags, session_id, created_at, updated_at, metadata from contexts order by created_at, id;']);
  row('export CSV', csvExport.seconds, csvExport.records, fs.statSync(csvOut).size, csvExport.maxRssMb, shellCsvExport, 1.5);
  const csvImport = scenario('import', path.join(work, 'import-csv.db'), csvOut, 'csv');
  row('import CSV', csvImport.seconds, csvImport.records, fs.statSync(csvOut).size, csvImport.maxRssMb, shellImport, 1.25);
  progressGaps.push(csvExport.longestProgressGapMs, csvImport.longestProgressGapMs);
}

const headers = ['work', 'time', 'records/s', 'throughput', 'peak RSS', 'sqlite3 shell', 'ratio'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log('\n' + line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(`\nlongest gap between progress reports: ${fmt(Math.max(...progressGaps), 0)} ms (bar: 250 ms)`);
const check = Store.open(importDb);
console.log(`store after import: ${check.contexts.count().toLocaleString('en-US')} contexts, integrity ${String(check.db.pragma('integrity_check', { simple: true }))}`);
check.close();

// Stages measured by their own modules, when they exist (envelope: MB/s; operations: main-thread stalls).
for (const [file, fn] of [
  ['envelope-bench.ts', 'runEnvelopeBench'],
  ['stall-bench.ts', 'runStallBench'],
  ['cli-bench.ts', 'runCliBench'],
] as const) {
  const full = path.join(import.meta.dirname, file);
  if (!fs.existsSync(full)) continue;
  const mod = (await import(full)) as Record<string, (options: { records: number; workDir: string; jsonlFile: string }) => Promise<void>>;
  await mod[fn]?.({ records: N, workDir: work, jsonlFile });
}

fs.rmSync(work, { recursive: true, force: true });
