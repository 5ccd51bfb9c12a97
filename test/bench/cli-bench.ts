/**
 * Through the CLI, as a user runs it: start-up (`--help`, a one-record import and export, the worker
 * included), next to sqlite-utils doing the same in the same run (Debian's
 * `sqlite-utils` package, installed here when missing). Medians of a few runs; figures, never assertions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'context-store.mjs');

function seconds(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
  const took = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 3) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return took;
}

function median(times: number, run: () => number): number {
  const all = Array.from({ length: times }, run).sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)]!;
}

/** sqlite-utils on PATH, installed from Debian's package when missing and we may (root). */
export function haveSqliteUtils(): boolean {
  const found = () => spawnSync('sqlite-utils', ['--version'], { stdio: 'ignore' }).status === 0;
  if (found()) return true;
  if (process.getuid?.() === 0)
    spawnSync('sh', [
      '-c',
      'apt-get install -y -qq sqlite-utils >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq sqlite-utils >/dev/null 2>&1)',
    ]);
  return found();
}

export async function runCliBench({ workDir }: { records: number; workDir: string; jsonlFile: string }): Promise<void> {
  // The build the CLI runs; `npm install` made it, this makes sure it is current.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'ignore' });
  const one = path.join(workDir, 'one.jsonl');
  fs.writeFileSync(one, `${JSON.stringify({ id: 'one', title: 'One', content: 'x', createdAt: '2024-01-01T00:00:00Z' })}\n`);
  const db = path.join(workDir, 'cli.db');
  const node = process.execPath;
  seconds(node, [bin, '--db', db, 'stats']); // creates the store and warms the compile cache
  const rows: [string, number, number | null][] = [];
  const utils = haveSqliteUtils();
  const utilsDb = path.join(workDir, 'utils.db');
  rows.push(['--help', median(5, () => seconds(node, [bin, '--help'])), utils ? median(5, () => seconds('sqlite-utils', ['--help'])) : null]);
  rows.push([
    'import 1 record',
    median(5, () => seconds(node, [bin, '--db', db, 'import', one, '--overwrite-existing'])),
    utils ? median(5, () => seconds('sqlite-utils', ['insert', utilsDb, 'contexts', one, '--nl', '--pk', 'id', '--replace'])) : null,
  ]);
  rows.push([
    'export 1 record',
    median(5, () => seconds(node, [bin, '--db', db, 'export', '--type', 'contexts', '--format', 'json', '--out', path.join(workDir, 'one-out.json')])),
    null,
  ]);
  console.log('\nthrough the CLI (wall clock, from the shell prompt back to it)');
  console.log(`${'work'.padEnd(26)}${'Context Store'.padEnd(16)}${'sqlite-utils'.padEnd(16)}ratio`);
  for (const [work, ours, theirs] of rows) {
    const ratio = theirs ? `${(theirs / ours).toFixed(2)}x ${theirs >= ours ? 'faster' : 'slower'}` : '';
    console.log(
      `${work.padEnd(26)}${`${ours.toFixed(3)} s`.padEnd(16)}${theirs === null ? (utils ? '–' : 'not installed') : `${theirs.toFixed(3)} s`}`.padEnd(58) +
        ratio,
    );
  }
  console.log('bars: --help <= 0.150 s; one-record import/export <= 0.300 s');
}
