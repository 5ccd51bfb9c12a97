import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const ENEX = path.resolve(__dirname, '../fixtures/real/enex');
const contexts = (store: ReturnType<typeof tempStore>) => store.contexts.list({}, 1000, 0, { includeBinaryData: true } as never) as Context[];

describe('evernote source on real ENEX exports (obsidianmd/obsidian-importer test files)', () => {
  it('accepts the DOCTYPE every ENEX has, one note = one context, the notebook = a session', async () => {
    const store = tempStore();
    const result = await runImport(store, [path.join(ENEX, 'test-note-attributes.enex')], importOptions());
    expect(result.error).toBeUndefined();
    expect(result.inputs[0]!.source!.summary).toBe('Evernote export — 1 note, 1 notebook');
    const [note] = contexts(store);
    expect(note).toMatchObject({
      title: '\\\\Test//',
      content: 'Slartibartfast',
      tags: ['test', 'note-attributes'],
      createdAt: '2024-12-22T22:25:42.000Z',
      updatedAt: '2024-12-23T15:19:03.000Z',
    });
    expect(note!.metadata).toMatchObject({
      source: 'evernote',
      author: 'author@example.com',
      evernoteSource: 'github',
      sourceUrl: 'https://github.com/akosbalasko/yarle/tree/master/test/data/test-note-attributes.enex',
      latitude: 52.518654,
      placeName: 'Reichstag Building, Berlin',
      applicationData: { color: 'blue', priority: 'high', impact: 'medium' },
    });
    expect(store.sessions.get(note!.sessionId!)!.name).toBe('test-note-attributes');
  });

  it('checklists become - [ ] / - [x] lines, as Evernote shows them ticked', async () => {
    const store = tempStore();
    await runImport(store, [path.join(ENEX, 'test-task-lists.enex')], importOptions());
    const [note] = contexts(store);
    expect(note!.title).toBe('Task lists');
    expect(note!.content).toContain('- [ ] Open task\n- [x] Done task');
    expect(note!.content).toContain('1. [ ] Open task\n2. [x] Done task');
    expect(note!.content).toMatch(/-\s+\[x\] Done task/);
  });

  it('resources become attachments with their file name and mime type, linked from the content', async () => {
    const store = tempStore();
    await runImport(store, [path.join(ENEX, 'long-attachment-name.enex')], importOptions());
    const [listed] = contexts(store);
    const note = store.contexts.get(listed!.id, { includeBinaryData: true })!;
    expect(note.attachments).toHaveLength(1);
    expect(note.attachments![0]).toMatchObject({ name: 'Scan of the signed agreement with Contoso, June 2024 edition.png', mimeType: 'image/png', size: 69 });
    expect(note.attachments![0]!.data).toMatch(/^iVBORw0KGgo/);
    expect(note.content).toContain('![Scan of the signed agreement with Contoso, June 2024 edition.png](Scan%20of%20the%20signed');
    expect(JSON.stringify(note.metadata)).not.toContain('iVBORw0KGgo');
  });

  it('a folder of .enex files: every note, one session per notebook', async () => {
    const result = await runImport(tempStore(), [ENEX], importOptions({ dryRun: true }));
    expect(result.inputs[0]!.source!.counts).toMatchObject({ notes: 3, notebooks: 3, attachments: 1 });
  });

  it('a DOCTYPE with an internal subset (entities) is still refused', async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'bomb.enex',
      '<?xml version="1.0"?>\n<!DOCTYPE en-export [<!ENTITY lol "lol">]>\n<en-export><note><title>&lol;</title></note></en-export>',
    );
    const result = await runImport(tempStore(), [file], importOptions({ errorHandling: 'lenient' }));
    expect(result.successfulRecords).toBe(0);
    expect(JSON.stringify(result.errors)).toMatch(/DOCTYPE is not accepted when it has an internal subset/);
  });

  it('--source none reads an ENEX with the plain XML reader (its DOCTYPE accepted)', async () => {
    const result = await runImport(
      tempStore(),
      [path.join(ENEX, 'test-task-lists.enex')],
      importOptions({ source: 'none', dryRun: true, errorHandling: 'lenient', validateSchema: false }),
    );
    expect(result.inputs[0]!.format).toBe('xml');
    expect(result.totalRecords).toBe(1);
  });
});
