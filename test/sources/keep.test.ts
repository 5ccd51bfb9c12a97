import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const KEEP = path.resolve(__dirname, '../fixtures/real/keep');
const contexts = (store: ReturnType<typeof tempStore>) => store.contexts.list({}, 1000, 0) as Context[];
const byTitle = (list: Context[], title: string) => list.find((c) => c.title === title)!;

describe('keep source on a real Takeout folder (obsidianmd/obsidian-importer test notes)', () => {
  it('imports the notes Keep shows, skips the trashed one and counts it', async () => {
    const store = tempStore();
    const result = await runImport(store, [KEEP], importOptions());
    expect(result.status).toBe('completed');
    expect(result.inputs[0]!.source!.summary).toBe('Google Keep Takeout — 6 notes, 1 archived, 1 trashed note skipped');
    const notes = contexts(store);
    expect(notes.map((n) => n.title).sort()).toEqual([
      'Archived note',
      'Background colour note',
      'Checklist note',
      'Image, label, and body text note',
      'Labelled note',
      'Pinned text note',
    ]);
    const checklist = byTitle(notes, 'Checklist note');
    expect(checklist.content).toBe(
      '- [ ] First item\n- [ ] Second item and #hashtag\n- [ ] First sub-item\n- [ ] Second sub-item and #labelWith!\'@:$"Symbols\n- [ ] Third item',
    );
    expect(checklist.tags).toEqual(['labelWith!\'@:$"Symbols']);
    expect(checklist.createdAt).toBe(new Date(1690372692755).toISOString());
    expect(checklist.updatedAt).toBe(new Date(1690866308447).toISOString());
    expect(byTitle(notes, 'Pinned text note').metadata).toMatchObject({ source: 'keep', sourceId: 'Takeout/Keep/Pinned text note.json', isPinned: true });
    expect(byTitle(notes, 'Archived note').metadata).toMatchObject({ isArchived: true });
    expect(byTitle(notes, 'Background colour note').metadata).toMatchObject({ color: 'RED' });
    expect(byTitle(notes, 'Labelled note').tags).toHaveLength(6);
    // The image is not in this export: said, not silently dropped.
    expect(result.warnings.some((w) => /1690514572032\.76900194\.png is not in the export/.test(w))).toBe(true);
    expect(byTitle(notes, 'Image, label, and body text note').metadata).toMatchObject({ missingAttachments: ['1690514572032.76900194.png'] });
  });

  it('includes trashed notes when asked', async () => {
    const result = await runImport(tempStore(), [KEEP], importOptions({ dryRun: true, sourceOptions: { includeTrashed: true } }));
    expect(result.totalRecords).toBe(7);
  });

  it('the same export as a Takeout zip, with an attachment present beside the note', async () => {
    const dir = tempDir();
    const keep = path.join(dir, 'Takeout', 'Keep');
    fs.mkdirSync(keep, { recursive: true });
    fs.copyFileSync(path.join(KEEP, 'Takeout/Keep/Image, label, and body text note.json'), path.join(keep, 'Image, label, and body text note.json'));
    fs.writeFileSync(path.join(keep, '1690514572032.76900194.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const zip = path.join(dir, 'takeout.zip');
    execFileSync('python3', [
      '-c',
      `import shutil; shutil.make_archive(${JSON.stringify(zip.replace(/\.zip$/, ''))}, 'zip', ${JSON.stringify(dir)}, 'Takeout')`,
    ]);
    const store = tempStore();
    const result = await runImport(store, [zip], importOptions());
    expect(result.inputs[0]!.source!.id).toBe('keep');
    const listed = contexts(store)[0]!;
    const note = store.contexts.get(listed.id, { includeBinaryData: true })!;
    expect(note.attachments).toEqual([expect.objectContaining({ name: '1690514572032.76900194.png', mimeType: 'image/png', size: 8 })]);
    expect(note.tags).toEqual(['label']);
  });
});

describe('keep source keeps every field of a note it does not map', () => {
  // Hand-written in the shape of a newer Takeout note (streetwriters/notesnook-importer's keep fixture, GPL: not copied).
  const KEEP_HTML = path.resolve(__dirname, '../fixtures/real/keep-html');

  it('a newer note: textContentHtml (the formatted text) goes to metadata under its Keep name', async () => {
    const store = tempStore();
    const result = await runImport(store, [KEEP_HTML], importOptions());
    expect(result.status).toBe('completed');
    const note = contexts(store)[0]!;
    expect(note.content).toBe('first line\nsecond line');
    expect(note.metadata).toMatchObject({
      source: 'keep',
      textContentHtml: expect.stringContaining('<span style="font-weight:700;">first line</span>'),
    });
  });

  it("fields it does not know, and a checklist item's textHtml, are kept as Keep wrote them", async () => {
    const dir = tempDir();
    const note = {
      title: 'list',
      createdTimestampUsec: 1700000000000000,
      userEditedTimestampUsec: 1700000000000000,
      listContent: [
        { textHtml: '<p><b>milk</b></p>', text: 'milk', isChecked: false },
        { textHtml: '<p>eggs</p>', text: 'eggs', isChecked: true },
      ],
      textContent: 'left over text',
      isTrashed: false,
      futureField: { nested: [1, 2] },
    };
    fs.writeFileSync(path.join(dir, 'list.json'), JSON.stringify(note));
    const store = tempStore();
    await runImport(store, [dir], importOptions());
    const imported = contexts(store)[0]!;
    expect(imported.content).toBe('- [ ] milk\n- [x] eggs');
    expect(imported.metadata).toMatchObject({
      listContent: note.listContent,
      textContent: 'left over text',
      futureField: { nested: [1, 2] },
    });
    // What the record already holds is not repeated in metadata.
    expect(imported.metadata).not.toHaveProperty('title');
    expect(imported.metadata).not.toHaveProperty('createdTimestampUsec');
  });
});
