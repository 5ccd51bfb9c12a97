/**
 * TextBundle notes: Bear's backups (`.bear2bk`, a zip of `Name.textbundle/{text.md, info.json, assets/}`), real
 * files from obsidianmd/obsidian-importer's tests (test/fixtures/real/SOURCES.md). A bundle is one note named
 * after the bundle, in the folder that holds it; info.json gives its dates and state (kept whole in metadata),
 * a trashed note is skipped and counted as Keep's are, an encrypted one is said; Bear's `#tags with spaces#`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { inlineTags } from '../../electron/engine/sources/markdown-notes/index.ts';
import { importOptions, tempStore } from '../helpers.ts';
import type { Context, Session } from '../../shared/model.ts';

const BEAR = path.resolve(__dirname, '../fixtures/real/bear');

async function imported(file: string, sourceOptions: Record<string, string | boolean> = {}) {
  const store = tempStore();
  const result = await runImport(store, [path.join(BEAR, file)], importOptions({ sourceOptions }));
  const contexts = store.contexts.list({}, 100, 0) as Context[];
  const sessions = store.sessions.list({}, 100, 0) as Session[];
  return { result, contexts, sessions, byTitle: (t: string) => contexts.find((c) => c.title === t)! };
}

describe('a Bear backup (.bear2bk): TextBundle notes', () => {
  it('each bundle is one note, titled by its heading or else its bundle, dated by info.json, in one session', async () => {
    const { result, contexts, sessions, byTitle } = await imported('backup.bear2bk');
    expect(result.status).toBe('completed');
    expect(contexts.map((c) => c.title).sort()).toEqual([
      '2023-10-11T081102Z',
      'Archived File',
      'Encrypted File',
      'File with asset, content, and a tag',
      'File with heading only, no content',
    ]);
    expect(sessions.map((s) => s.name)).toEqual(['Bear Notes 2023-10-11 at 10.12.bear2bk']);
    const asset = byTitle('File with asset, content, and a tag');
    expect(asset).toMatchObject({ createdAt: '2023-10-11T05:43:33.000Z', updatedAt: '2023-10-11T08:09:57.000Z', tags: ['Test-Tag'] });
    expect(asset.attachments?.map((a) => a.name)).toEqual(['acorn.jpeg']);
    expect((asset.metadata.textbundle as Record<string, Record<string, unknown>>)['net.shinyfrog.bear']!.uniqueIdentifier).toBeTypeOf('string');
    // info.json has the dates: no note falls back to the zip entry's time.
    expect(result.warnings.join('\n')).not.toMatch(/no creation date/);
    expect(result.warnings.join('\n')).not.toMatch(/info\.json/);
  });

  it('a trashed note is skipped and counted (includeTrashed imports it, marked); an encrypted one is said and kept', async () => {
    const { result, byTitle } = await imported('backup.bear2bk');
    expect(result.inputs[0]!.source!.summary).toMatch(/1 trashed note skipped/);
    expect(result.inputs[0]!.source!.summary).toMatch(/1 encrypted note/);
    const encrypted = byTitle('Encrypted File');
    expect(encrypted.metadata).toMatchObject({ encrypted: true });
    expect((encrypted.metadata.textbundle as Record<string, Record<string, unknown>>)['net.shinyfrog.bear']!.encryptedData).toMatch(/^AAEB/);
    expect(result.warnings.find((w) => w.includes('Encrypted File'))).toMatch(/encrypted .*not in the file/);
    const all = await imported('backup.bear2bk', { includeTrashed: true });
    expect(all.byTitle('Trashed file').metadata).toMatchObject({ trashed: true });
    expect(all.byTitle('Trashed file').createdAt).toBe('2023-10-11T08:10:15.000Z');
  });

  it("Bear's tags with spaces, closed by a hash, are whole tags; other scripts and nested tags as before", async () => {
    const { contexts } = await imported('tags.bear2bk');
    const tags = contexts.flatMap((c) => c.tags);
    expect(tags).toEqual(expect.arrayContaining(['two words', '项目 计划', '中文', '标签/子标签', '仕事', '일정', 'Ελλάδα', 'русский']));
    expect(tags).not.toContain('two');
    // Outside a Bear bundle the closing hash means nothing: `#two` is the tag, as in Obsidian.
    expect(inlineTags('#two words# here')).toEqual(['two']);
    expect(inlineTags('#two words# here', true)).toEqual(['two words']);
  });
});
