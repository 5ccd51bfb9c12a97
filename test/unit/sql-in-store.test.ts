/**
 * All SQL of the engine lives in electron/engine/store/: every other engine file goes through a repository or
 * a store helper (and one of the two transaction helpers of store/transaction.ts), never through the connection
 * itself. This reads the engine's source and fails on a file outside store/ that talks to SQLite directly, and
 * checks on small samples that each way of doing so is caught, so a check that stopped matching is noticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const engine = path.join(root, 'electron', 'engine');
const store = path.join(engine, 'store');

/**
 * Ways a file talks to SQLite itself, as patterns over its code once esbuild has stripped the comments and
 * types (a comment may well name `BEGIN IMMEDIATE`; a type-only import of better-sqlite3 names `Db`) and joined
 * each call onto one line.
 */
const DIRECT_SQL: { what: string; pattern: RegExp }[] = [
  // `db.prepare(`, `store.db.exec(`, `this.db.transaction(`, `copyDb.pragma(`: a connection's own methods.
  { what: 'a call on the connection', pattern: /\b\w*db\s*\.\s*(?:prepare|exec|transaction|pragma)\s*\(/gi },
  // Only a connection has pragmas, whatever the variable is called.
  { what: 'a pragma', pattern: /\.\s*pragma\s*\(/g },
  // Opening a connection of one's own.
  { what: 'better-sqlite3 itself', pattern: /(?:from\s*|require\(\s*|import\(\s*)["']better-sqlite3["']/g },
  // SQL text itself, in a string or template literal.
  {
    what: 'SQL text',
    pattern:
      /['"`]\s*(?:SELECT\s[^'"`]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(?:TABLE|INDEX|TRIGGER|VIRTUAL)\s|(?:ATTACH|DETACH)\s+DATABASE\s|VACUUM\b|BEGIN(?:\s+IMMEDIATE)?['"`;\s]|COMMIT['"`;]|ROLLBACK['"`;]|PRAGMA\s)/g,
  },
];

function directSql(source: string): string[] {
  const code = transformSync(source, { loader: 'ts', legalComments: 'none', format: 'esm', target: 'esnext' }).code;
  const found: string[] = [];
  for (const { what, pattern } of DIRECT_SQL) {
    for (const match of code.matchAll(pattern)) {
      const lineStart = code.lastIndexOf('\n', match.index) + 1;
      const lineEnd = code.indexOf('\n', match.index);
      found.push(
        `${what}: ${code
          .slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
          .trim()
          .slice(0, 160)}`,
      );
    }
  }
  return found;
}

function engineFilesOutsideStore(dir = engine): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== store) files.push(...engineFilesOutsideStore(full));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name)) files.push(full);
  }
  return files;
}

describe('SQL lives in store/', () => {
  it('no file of electron/ (engine, server, CLI, main, workers) outside store/ prepares, executes, pragmas or begins a transaction itself', () => {
    // The REST host's token table was the last SQL outside the engine's store (now store/api-tokens.ts).
    const files = engineFilesOutsideStore(path.join(root, 'electron'));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) => directSql(fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}: ${hit}`));
    expect(offenders).toEqual([]);
  });

  it('catches each way of talking to SQLite directly', () => {
    const samples = [
      "const rows = db.prepare('x').all();",
      "store.db.exec('DETACH x');",
      'this.db\n      .prepare(sql)\n      .get();',
      "const open = (file: string) => new (require('better-sqlite3'))(file);",
      'store.db.transaction(() => write())();',
      "copy.pragma('quick_check', { simple: true });",
      "import Database from 'better-sqlite3';\nexport const open = (file: string) => new Database(file);",
      "const sql = 'SELECT id, name FROM contexts WHERE id = ?';",
      'const sql = `INSERT INTO snapshots (id) VALUES (?)`;',
      "run('UPDATE operations SET undo_state = NULL');",
      "run('DELETE FROM snapshots WHERE id = ?');",
      'run(`ATTACH DATABASE ? AS x`);',
      "run('VACUUM INTO ?');",
      "run('BEGIN IMMEDIATE');",
      "run('COMMIT');",
      "run('ROLLBACK');",
    ];
    for (const sample of samples) expect(directSql(sample), sample).not.toEqual([]);
  });

  it('leaves alone what only looks like it', () => {
    const innocent = [
      'const m = FIELD_LINE.exec(text);',
      'const kept = this.rejects.prepare(options, id);',
      "import type { Statement } from 'better-sqlite3';\nexport let s: Statement;",
      '/** `VACUUM INTO` runs as one read transaction; BEGIN IMMEDIATE takes the lock up front. */\nexport const x = 1;',
      "// db.prepare('SELECT * FROM snapshots')\nexport const y = 2;",
      "import { inWriteTransaction } from '../store/transaction.ts';",
      'inWriteTransaction(store.db, () => store.templates.insert(template));',
      "throw new Error('Select a file from the list first.');",
      "const label = 'Delete from history';",
    ];
    for (const sample of innocent) expect(directSql(sample), sample).toEqual([]);
  });
});
