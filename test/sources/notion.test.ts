/**
 * Notion "Markdown & CSV": no real export with a licence that could be recorded was found in the public
 * repositories searched, so these files are written here in the shape Notion writes (page title heading,
 * property lines, 32-hex ids in names, a database CSV and its `_all` twin). See test/fixtures/real/SOURCES.md.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { notionDate } from '../../electron/engine/sources/notion/index.ts';
import { importOptions, tempDir, tempStore } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const ID1 = '36f137e4c6408027b770ca10b258c84e';
const ID2 = '1f241143617480b288d5f6b9c2c64c77';

function exportFolder(): string {
  const dir = tempDir();
  const root = path.join(dir, 'Export-1234');
  fs.mkdirSync(path.join(root, `Tasks ${ID2}`), { recursive: true });
  fs.writeFileSync(
    path.join(root, `Query keys ${ID1}.md`),
    '# Query keys\n\nStatus: ✅ Valid\nImportance: 3\nTags: api, cache\nLast edited time: June 11, 2026 3:52 PM\nCreated time: May 29, 2026 11:35 AM\n\n> **Rule:** nest keys.\n\n# How\n\nAlways nest.\n',
  );
  const csv = '\uFEFFName,Due,Tags,Created\nWrite docs,@December 1 2024,docs,"December 1, 2024 10:00 AM"\nShip it,,release,"@December 2, 2024"\n';
  fs.writeFileSync(path.join(root, `Tasks ${ID2}.csv`), csv.split('\n').slice(0, 2).join('\n') + '\n');
  fs.writeFileSync(path.join(root, `Tasks ${ID2}_all.csv`), csv);
  fs.writeFileSync(
    path.join(root, `Tasks ${ID2}`, `Write docs ${ID1}.md`),
    '# Write docs\n\nTags: docs\nCreated: December 1, 2024 10:00 AM\n\nThe docs page body.\n',
  );
  return root;
}

describe('notion source', () => {
  it('parses Notion dates', () => {
    expect(notionDate('@December 1, 2024')).toBe('2024-12-01T00:00:00.000Z');
    expect(notionDate('December 1, 2024 10:00 AM')).toBe('2024-12-01T10:00:00.000Z');
    expect(notionDate('May 29, 2026 11:35 PM')).toBe('2026-05-29T23:35:00.000Z');
    expect(notionDate('December 1, 2024 → December 3, 2024')).toBe('2024-12-01T00:00:00.000Z');
    expect(notionDate('someday')).toBeUndefined();
  });

  it('pages and database rows become contexts with their properties; a row with a page is read once', async () => {
    const store = tempStore();
    const result = await runImport(store, [exportFolder()], importOptions());
    expect(result.status).toBe('completed');
    expect(result.inputs[0]!.source!.summary).toBe('Notion export — 2 pages, 1 database, 1 database row');
    const contexts = store.contexts.list({}, 100, 0) as Context[];
    expect(contexts.map((c) => c.title).sort()).toEqual(['Query keys', 'Ship it', 'Write docs']);
    const page = contexts.find((c) => c.title === 'Query keys')!;
    expect(page).toMatchObject({ tags: ['api', 'cache'], createdAt: '2026-05-29T11:35:00.000Z', updatedAt: '2026-06-11T15:52:00.000Z' });
    expect(page.content).toBe('> **Rule:** nest keys.\n\n# How\n\nAlways nest.\n');
    expect(page.metadata).toMatchObject({ source: 'notion', properties: { Status: '✅ Valid', Importance: '3' } });
    const row = contexts.find((c) => c.title === 'Ship it')!;
    expect(row).toMatchObject({ type: 'database-row', tags: ['release'], createdAt: '2024-12-02T00:00:00.000Z' });
    expect(store.sessions.get(row.sessionId!)!.name).toBe('Tasks');
    expect(contexts.find((c) => c.title === 'Write docs')!.content).toBe('The docs page body.\n');
  });
});
