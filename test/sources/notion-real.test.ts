/**
 * The Notion preset on a real "Markdown & CSV" export (obsidianmd/obsidian-importer's test export, trimmed to
 * its first 10 Habit Tracker rows: see test/fixtures/real/SOURCES.md), through the real CLI, compared with
 * what Notion shows: the pages and their bodies, the sub-pages under their parent, the database's rows with
 * their property columns, each once although both the database CSVs and the row pages are in the export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const EXPORT = path.resolve(__dirname, '../fixtures/real/notion');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function storeAt(db: string) {
  const store = Store.open(db);
  opened.push(store);
  return { contexts: store.contexts.list({}, 1000, 0) as Context[], sessions: store.sessions.list({}, 1000, 0) as Session[] };
}

const ROWS = [
  '@December 1, 2024',
  '@November 12, 2024',
  '@November 16, 2024',
  '@November 19, 2024',
  '@November 20, 2024',
  '@November 22, 2024',
  '@November 24, 2024',
  '@November 26, 2024',
  '@November 29, 2024',
  '@November 30, 2024',
];

describe('notion source, a real Notion "Markdown & CSV" export', () => {
  it('the pages, sub-pages and database rows Notion shows, each once', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', EXPORT], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: Notion export — 18 pages, 1 database');
    const { contexts, sessions } = storeAt(db);
    expect(contexts.map((c) => c.title).sort()).toEqual(
      [...ROWS, 'Example sub page', 'Getting Started on Mobile', 'Home', 'Home views', 'Journal', 'My tasks', 'Project Planner', 'Weekly To-do List'].sort(),
    );
    const journal = contexts.find((c) => c.title === 'Journal')!;
    expect(journal.content.startsWith('# October 4, 2024 — A Peaceful Forest Walk\n\nI decided to take advantage of the beautiful weather today')).toBe(true);
    const planner = contexts.find((c) => c.title === 'Project Planner')!;
    expect(planner.content).toContain('- [x]  Research publishing options (traditional, self-publishing)');
    expect(planner.content).toContain('- [ ]  Host the event and collect donations');
    const started = contexts.find((c) => c.title === 'Getting Started on Mobile')!;
    expect(started.content.startsWith('👋 Welcome to Notion!')).toBe(true);
    // A sub-page is in its parent page's session; a database row in its database's.
    const sub = contexts.find((c) => c.title === 'Example sub page')!;
    expect(sessions.find((s) => s.id === sub.sessionId)!.name).toBe('Getting Started on Mobile');
    const row = contexts.find((c) => c.title === '@December 1, 2024')!;
    expect(sessions.find((s) => s.id === row.sessionId)!.name).toBe('Habit Tracker');
    expect(row.metadata).toMatchObject({
      source: 'notion',
      properties: { 'Full date': 'December 4, 2024 8:45 AM', 'Ran today': 'No', Meditated: 'No', 'Practiced guitar': 'No' },
    });
    // No page says when it was created: said, not silently "now".
    expect(run.stdout).toMatch(/no Created property; used the file's modification time/);
  });

  it('the same export as the zip Notion downloads, and a second import with --match source changes nothing', () => {
    const dir = tempDir();
    const zip = path.join(dir, 'Export-d2b14fbf-86de-4508-a1b2-6515ff8d7aab-Part-1.zip');
    execFileSync('python3', ['-c', `import shutil; shutil.make_archive(${JSON.stringify(zip.replace(/\.zip$/, ''))}, 'zip', ${JSON.stringify(EXPORT)})`]);
    const db = path.join(dir, 'store.db');
    const first = cli(['import', zip, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(first.code).toBe(0);
    expect(first.json<{ insertedRecords: number }>().insertedRecords).toBe(22);
    const again = cli(['import', zip, '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ totalRecords: number; insertedRecords: number; unchangedRecords: number }>()).toMatchObject({
      totalRecords: 22,
      insertedRecords: 0,
      unchangedRecords: 22,
    });
  });
});
