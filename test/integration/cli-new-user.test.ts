/** What a new user hits in the CLI (issue 19): exit codes, `-` streams, --type, validate excerpts, dry-run table. */
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { context, tempDir, writeFile } from '../helpers.ts';

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('exit codes, one test each', () => {
  it('0: every record succeeded', () => {
    const dir = tempDir();
    expect(cli(['--db', path.join(dir, 's.db'), 'import', writeFile(dir, 'a.jsonl', jsonl([context('a')]))]).code).toBe(0);
  });
  it('1: strict import fails on a bad record, nothing written', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    expect(cli(['--db', db, 'import', writeFile(dir, 'a.jsonl', jsonl([context('a'), { id: 'b' }]))]).code).toBe(1);
    expect(cli(['--db', db, 'stats', '--json']).json()).toMatchObject({ contexts: 0 });
  });
  it('2: input that cannot be read as a whole (truncated JSON), as the README says', () => {
    const dir = tempDir();
    const run = cli(['--db', path.join(dir, 's.db'), 'import', writeFile(dir, 'cut.json', '[{"id":"a",')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/truncated|Invalid JSON/);
  });
  it('3: completed with rejected records', () => {
    const dir = tempDir();
    expect(cli(['--db', path.join(dir, 's.db'), 'import', writeFile(dir, 'a.jsonl', jsonl([context('a'), { id: 'b' }])), '--on-error', 'lenient']).code).toBe(
      3,
    );
  });
});

describe('- means the standard streams', () => {
  it('import - reads stdin; export --out - writes stdout (and the summary to stderr)', () => {
    const dir = tempDir();
    const db = path.join(dir, 's.db');
    const imported = cli(['--db', db, 'import', '-', '--json'], { input: jsonl([context('a'), context('b')]) });
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ insertedRecords: 2 });
    const out = cli(['--db', db, 'export', '--type', 'contexts', '--format', 'jsonl', '--out', '-'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(
      out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'b']);
    expect(out.stderr).toMatch(/Export completed: 2/);
    const gz = spawnSync(process.execPath, [
      path.resolve(__dirname, '../../bin/context-store.mjs'),
      '--db',
      db,
      'export',
      '--type',
      'contexts',
      '--format',
      'csv',
      '--compression',
      'gzip',
      '--out',
      '-',
    ]);
    expect(gunzipSync(gz.stdout).toString('utf8')).toMatch(/^id,title/);
  });
});

describe('--type', () => {
  it('accepts auto and auto-detect; help names one', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'a.jsonl', jsonl([context('a')]));
    expect(cli(['--db', path.join(dir, 's.db'), 'import', file, '--type', 'auto', '--dry-run']).code).toBe(0);
    expect(cli(['--db', path.join(dir, 's.db'), 'import', file, '--type', 'auto-detect', '--dry-run']).code).toBe(0);
    const help = cli(['import', '--help']).stdout;
    expect(help).toMatch(/default: auto\)/);
    expect(help).not.toMatch(/auto-detect/);
  });
});

describe('--source in help', () => {
  it('lists the presets however help is asked for (they load only then)', () => {
    for (const args of [
      ['import', '--help'],
      ['import', '-h'],
      ['help', 'import'],
      ['validate', '--help'],
      ['help', 'validate'],
    ]) {
      const help = cli(args).stdout.replace(/\s+/g, ' ');
      expect(help, args.join(' ')).toMatch(
        /read as this tool's export \(markdown-notes, evernote, [^)]*mem0, slack, standard-notes, bookmarks, whatsapp, mastodon, joplin, twitter, telegram, messenger\)/,
      );
    }
  });
});

describe('validate --json', () => {
  it('errors carry record, field, message and a short excerpt; whole records only with --include-records', () => {
    const dir = tempDir();
    const big = { id: 'x', title: 't', content: 'y'.repeat(50_000) };
    const file = writeFile(dir, 'v.jsonl', jsonl([big]));
    const slim = cli(['--db', path.join(dir, 's.db'), 'validate', file, '--json']);
    expect(slim.stdout.length).toBeLessThan(5_000);
    const error = slim.json<{ errors: Record<string, unknown>[] }>().errors[0]!;
    expect(error).toMatchObject({ record: 1, field: 'createdAt', message: expect.stringMatching(/createdAt/) });
    expect(String(error.excerpt).length).toBeLessThanOrEqual(120);
    expect(error.data).toBeUndefined();
    const full = cli(['--db', path.join(dir, 's.db'), 'validate', file, '--json', '--include-records']);
    expect(full.json<{ errors: { data: unknown }[] }>().errors[0]!.data).toEqual(big);
  });
});

describe('a dry run, record by record', () => {
  it('prints a table of the first N records (--limit), all of them with --json', () => {
    const dir = tempDir();
    const records = Array.from({ length: 30 }, (_, i) => context(`c${i}`));
    const file = writeFile(dir, 'a.jsonl', jsonl([...records, { id: 'bad' }]));
    const db = path.join(dir, 's.db');
    const table = cli(['--db', db, 'import', file, '--dry-run', '--on-error', 'lenient', '--limit', '5']);
    expect(table.stdout).toMatch(/record\s+action\s+id\s+reason/);
    expect(table.stdout).toMatch(/\n\s+1\s+insert\s+c0/);
    expect(table.stdout).not.toMatch(/\n\s+6\s+insert/);
    expect(table.stdout).toMatch(/26 more record/);
    const json = cli(['--db', db, 'import', file, '--dry-run', '--on-error', 'lenient', '--json']).json<{ outcomes: { action: string }[] }>();
    expect(json.outcomes).toHaveLength(31);
    expect(json.outcomes[30]!.action).toBe('reject');
  });
});
