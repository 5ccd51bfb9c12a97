/**
 * `npm run bench`: the speed bar (docs/performance.md), measured. Generates N contexts (default 200,000; set
 * BENCH_RECORDS), then imports and exports every format through the CLI as a user runs it (built JavaScript,
 * the pipeline worker included), next to the sqlite3 shell doing the same work on the same data and
 * sqlite-utils doing what a user would otherwise reach for, all in the same run. Each row: wall time, CPU time
 * (user + system: steadier than wall time on a shared machine), records/s, MB/s, peak RSS, and the ratios.
 * Figures, never assertions. BENCH_FORMATS=jsonl,csv limits the formats; BENCH_SKIP=stall,cli,envelope skips
 * the stage benches.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { initial } from '../../electron/engine/store/migrations/001-initial.ts';
import { contextSearch } from '../../electron/engine/store/migrations/004-context-search.ts';
import { deferredSearchIndex } from '../../electron/engine/store/migrations/012-deferred-search-index.ts';
import { writeJsonl, writeReferenceCsv } from './generate.ts';
import { haveSqliteUtils } from './cli-bench.ts';

const N = Number(process.env.BENCH_RECORDS ?? 200_000);
const ONLY = process.env.BENCH_FORMATS?.split(',').filter(Boolean);
const SKIP = new Set(process.env.BENCH_SKIP?.split(',') ?? []);
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'bin', 'context-store.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));

interface Timed {
  seconds: number;
  cpu: number;
  rssMb: number;
}

/** Runs a command under /usr/bin/time: wall clock, CPU (user + sys) and peak RSS of the whole process tree. */
function timed(command: string, args: string[], options: { stdoutTo?: string; input?: string } = {}): Timed | null {
  const stdout = options.stdoutTo ? fs.openSync(options.stdoutTo, 'w') : 'ignore';
  try {
    const run = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', command, ...args], {
      input: options.input,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', stdout, 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const line = run.stderr
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('TIMED '));
    if (!line || (run.status !== 0 && run.status !== 3)) {
      console.log(`  (${path.basename(command)} ${args.slice(0, 3).join(' ')} failed: ${run.stderr.split('\n').slice(-4).join(' ').slice(0, 300)})`);
      return null;
    }
    const [wall, user, sys, rssKb] = line.split(' ').slice(1).map(Number) as [number, number, number, number];
    return { seconds: wall, cpu: user + sys, rssMb: rssKb / 1024 };
  } finally {
    if (typeof stdout === 'number') fs.closeSync(stdout);
  }
}

/** The store's schema as the shell can import into it: the same indexes and the same full-text index and triggers. */
function referenceSchema(): string {
  const tables = (typeof initial.up === 'string' ? initial.up : '')
    .replace(/rowid INTEGER PRIMARY KEY,\s*/, '')
    // `.import` cannot skip a generated column: the same index, on the expression instead.
    .replace(/,\s*importance TEXT GENERATED ALWAYS AS \(json_extract\(metadata, '\$\.importance'\)\) VIRTUAL/, '')
    .replace('ON contexts (importance)', "ON contexts (json_extract(metadata, '$.importance'))");
  const search = [contextSearch, deferredSearchIndex].map((m) => (typeof m.up === 'string' ? m.up : '')).join('\n');
  return `PRAGMA journal_mode = WAL;\n${tables}\n${search}`;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
/** "2.10x faster" or "1.30x slower": how our time compares with theirs, the ratio always at least 1. */
const versus = (ours: Timed, theirs: Timed) =>
  theirs.seconds >= ours.seconds ? `${fmt(theirs.seconds / ours.seconds)}x faster` : `${fmt(ours.seconds / theirs.seconds)}x slower`;
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const rows: string[][] = [];
function row(
  label: string,
  ours: Timed | null,
  records: number,
  bytes: number,
  reference: { label: string; t: Timed | null; bar: number } | null,
  utils: Timed | null,
) {
  if (!ours) return void rows.push([label, 'failed', '', '', '', '', '', '', '']);
  const ratio = reference?.t ? ours.seconds / reference.t.seconds : null;
  const cpuRatio = reference?.t ? ours.cpu / reference.t.cpu : null;
  const verdict = (r: number | null) => (r === null ? '' : `${fmt(r)}x${reference ? (r <= reference.bar ? ' met' : ' MISSED') : ''}`);
  rows.push([
    label,
    `${fmt(ours.seconds)} s`,
    `${fmt(ours.cpu)} s`,
    `${Math.round(records / ours.seconds).toLocaleString('en-US')}/s`,
    `${fmt(mb(bytes) / ours.seconds, 1)} MB/s`,
    `${Math.round(ours.rssMb)} MB${ours.rssMb <= 250 ? '' : ' (bar 250: MISSED)'}`,
    reference?.t ? `${reference.label} ${fmt(reference.t.seconds)} s / cpu ${fmt(reference.t.cpu)} s` : '',
    reference?.t ? `${verdict(ratio)} (cpu ${verdict(cpuRatio)}; bar ${reference.bar}x)` : '',
    utils ? `${fmt(utils.seconds)} s (we are ${versus(ours, utils)})` : '',
  ]);
}

const storeArgs = (db: string) => ['--db', db];
const ourImport = (db: string, file: string, format: string) => timed(process.execPath, [cli, ...storeArgs(db), 'import', file, '--format', format, '--json']);
const ourExport = (db: string, out: string, format: string) =>
  timed(process.execPath, [cli, ...storeArgs(db), 'export', '--type', 'contexts', '--format', format, '--out', out, '--json']);

console.log(
  `Context Store bench: ${N.toLocaleString('en-US')} contexts, Node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, in ${work}`,
);
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'ignore' });
const jsonlFile = path.join(work, 'data.jsonl');
const csvRef = path.join(work, 'reference.csv');
const jsonlBytes = await writeJsonl(jsonlFile, N);
const csvRefBytes = await writeReferenceCsv(csvRef, N);
console.log(`generated ${fmt(mb(jsonlBytes), 1)} MB JSON Lines, ${fmt(mb(csvRefBytes), 1)} MB reference CSV`);
const utils = haveSqliteUtils();
const wanted = (id: string) => !ONLY || ONLY.includes(id);

// The shell's .import into the same schema (indexes and full-text index included): the import reference.
const refDb = path.join(work, 'reference.db');
execFileSync('sqlite3', [refDb], { input: referenceSchema() });
const shellImport = timed('sqlite3', [refDb, `.import --csv --skip 1 ${csvRef} contexts`]);
const bareDb = path.join(work, 'bare.db');
execFileSync('sqlite3', [bareDb], { input: 'CREATE TABLE contexts (id, title, content, type, tags, session_id, created_at, updated_at, metadata);' });
const shellBare = timed('sqlite3', [bareDb, `.import --csv --skip 1 ${csvRef} contexts`]);
// sqlite-utils' own rows (the column beside ours) go into a bare table with a primary key only; into the same
// schema as the shell's, for a like-for-like figure:
const utilsSameDb = path.join(work, 'utils-same.db');
if (utils) execFileSync('sqlite3', [utilsSameDb], { input: referenceSchema() });
const utilsSame = utils ? timed('sqlite-utils', ['insert', utilsSameDb, 'contexts', csvRef, '--csv']) : null;

// The source store of every export: JSON Lines through the full pipeline (journal for undo included).
const storeDb = path.join(work, 'store.db');
const imported = ourImport(storeDb, jsonlFile, 'jsonl');
const utilsJsonl = utils ? timed('sqlite-utils', ['insert', path.join(work, 'utils-jsonl.db'), 'contexts', jsonlFile, '--nl', '--pk', 'id']) : null;
row('import JSON Lines', imported, N, jsonlBytes, { label: 'shell', t: shellImport, bar: 1.25 }, utilsJsonl);
const importRef = imported;

const columns = 'id, title, content, type, tags, session_id, created_at, updated_at, metadata';
const jsonObject =
  "json_object('id', id, 'title', title, 'content', content, 'type', type, 'tags', json(tags), 'sessionId', session_id, 'createdAt', created_at, 'metadata', json(metadata))";
const shellQueries: Record<string, string[]> = {
  jsonl: ['-list', storeDb, `select ${jsonObject} from contexts order by created_at, id;`],
  // One object a line is the same work as the array's elements (the brackets and commas cost nothing).
  json: ['-list', storeDb, `select ${jsonObject} from contexts order by created_at, id;`],
  csv: ['-csv', '-header', storeDb, `select ${columns} from contexts order by created_at, id;`],
};
const utilsExports: Record<string, string[]> = {
  jsonl: ['rows', storeDb, 'contexts', '--nl'],
  json: ['rows', storeDb, 'contexts'],
  csv: ['rows', storeDb, 'contexts', '--csv'],
};
const formats: string[] = FORMATS.map((f) => f.id).filter(wanted);
let exportJson: Timed | null = null;
const exported: { id: string; file: string }[] = [];
// Export every format; JSON first, since XML, YAML and Markdown are judged against it.
for (const id of ['json', ...formats.filter((f) => f !== 'json')].filter((f) => formats.includes(f))) {
  const out = path.join(work, `export.${id}`);
  const ours = ourExport(storeDb, out, id);
  if (!fs.existsSync(out)) continue;
  exported.push({ id, file: out });
  const shell = shellQueries[id] ? timed('sqlite3', shellQueries[id]!, { stdoutTo: path.join(work, `shell.${id}`) }) : null;
  const theirs = utils && utilsExports[id] ? timed('sqlite-utils', utilsExports[id]!, { stdoutTo: path.join(work, `utils.${id}`) }) : null;
  if (id === 'json') exportJson = ours;
  const reference = shellQueries[id] ? { label: 'shell', t: shell, bar: 1.5 } : { label: 'export JSON', t: exportJson, bar: 2 };
  row(`export ${FORMATS.find((f) => f.id === id)!.label}`, ours, N, fs.statSync(out).size, reference, theirs);
}
// Import what was exported, into a fresh store each.
for (const { id, file } of exported) {
  if (id === 'jsonl') continue;
  const ours = ourImport(path.join(work, `import-${id}.db`), file, id);
  const theirs = utils && id === 'csv' ? timed('sqlite-utils', ['insert', path.join(work, 'utils-csv.db'), 'contexts', file, '--csv', '--pk', 'id']) : null;
  const reference = id === 'csv' ? { label: 'shell', t: shellImport, bar: 1.25 } : { label: 'import JSON Lines', t: importRef, bar: 2 };
  row(`import ${FORMATS.find((f) => f.id === id)!.label}`, ours, N, fs.statSync(file).size, reference, theirs);
}

const headers = [
  'work',
  'wall',
  'cpu',
  'records',
  'throughput',
  'peak RSS',
  'reference (same run)',
  'ratio to reference',
  `sqlite-utils${utils ? '' : ' (not installed)'}`,
];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log('\n' + line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (shellImport)
  console.log(
    `\nshell .import into the same schema: ${fmt(shellImport.seconds)} s (cpu ${fmt(shellImport.cpu)} s); into a bare table without indexes: ${shellBare ? `${fmt(shellBare.seconds)} s (cpu ${fmt(shellBare.cpu)} s)` : 'n/a'}`,
  );
if (utilsSame)
  console.log(
    `sqlite-utils insert of the same CSV into the same schema: ${fmt(utilsSame.seconds)} s (cpu ${fmt(utilsSame.cpu)} s)${importRef ? `; our import JSON Lines is ${versus(importRef, utilsSame)}` : ''}`,
  );
const check = Store.open(storeDb);
console.log(
  `store after import: ${check.contexts.count().toLocaleString('en-US')} contexts, integrity ${String(check.db.pragma('integrity_check', { simple: true }))}, load now ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
check.close();

// Stages measured by their own modules (envelope: MB/s; operations: main-thread stalls and progress; CLI start-up).
for (const [key, file, fn] of [
  ['envelope', 'envelope-bench.ts', 'runEnvelopeBench'],
  ['stall', 'stall-bench.ts', 'runStallBench'],
  ['cli', 'cli-bench.ts', 'runCliBench'],
] as const) {
  if (SKIP.has(key)) continue;
  const mod = (await import(path.join(import.meta.dirname, file))) as Record<
    string,
    (options: { records: number; workDir: string; jsonlFile: string }) => Promise<void>
  >;
  await mod[fn]?.({ records: Number(process.env.BENCH_STALL_RECORDS ?? N), workDir: work, jsonlFile });
}

fs.rmSync(work, { recursive: true, force: true });
