/**
 * Merge settings in templates (issue 16): match, merge, merge rules and the conflict choice are saved with a
 * template and used by an import that applies it — through the service and through the real CLI's
 * `--template` — while the import's own options still win.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { cli } from '../cli-helpers.ts';
import { context, tempDir, writeFile } from '../helpers.ts';

afterAll(() => shutdownWorkerPool());

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const note = (n: number, extra: Record<string, unknown> = {}) => context(`note-${n}`, { title: `Note ${n}`, content: `Body ${n}`, tags: ['a'], ...extra });
const template = {
  name: 'Notes re-import',
  schema: { type: 'contexts', fields: [] },
  transformation: {
    mapping: { fieldMappings: { id: 'id', title: 'title', content: 'content', tags: 'tags', createdAt: 'createdAt' }, transformations: [] },
    computedFields: [],
  },
  reimport: { match: 'id', merge: true, mergeRules: { tags: 'source' }, onConflict: 'take-source' },
};

describe('a template carries its re-import settings', () => {
  it('keeps them through create, get and an update that does not name them, and refuses a bad rule', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const created = await service.call('createDataTemplate', template);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.reimport).toEqual(template.reimport);
    const updated = await service.call('updateDataTemplate', { id: created.value.id, template: { description: 'monthly' } });
    expect(updated.ok && updated.value.reimport).toEqual(template.reimport);
    const got = await service.call('getDataTemplate', { id: 'Notes re-import' });
    expect(got.ok && got.value).toMatchObject({ version: 2, reimport: template.reimport });
    const bad = await service.call('createDataTemplate', { ...template, name: 'bad', reimport: { merge: true, mergeRules: { tags: 'append' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', field: 'tags' } });
    await service.close();
  });

  it('an import applying the template merges by its rules and conflict choice; the import’s own options win', async () => {
    const dir = tempDir();
    const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    await service.call('createDataTemplate', template);
    const first = await service.call('importData', {
      files: [writeFile(dir, 'v1.jsonl', jsonl([note(1), note(2)]))],
      options: { template: 'Notes re-import' },
    });
    expect(first.ok && first.value.insertedRecords).toBe(2);
    service.store.contexts.replace({ ...service.store.contexts.get('note-1')!, content: 'edited in the store', tags: ['a', 'mine'] });
    const v2 = writeFile(dir, 'v2.jsonl', jsonl([note(1, { content: 'changed in the source', tags: ['b'] }), note(2)]));

    // No merge option at all: the template's merge, its take-source for the conflict, its tags=source.
    const applied = await service.call('importData', { files: [v2], options: { template: 'Notes re-import', dryRun: true } });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value).toMatchObject({ mergedRecords: 1, unchangedRecords: 1, conflictCount: 2 });
    expect(applied.value.conflicts.map((c) => [c.field, c.resolution])).toEqual([
      ['content', 'took-source'],
      ['tags', 'took-source'],
    ]);
    // The import's own choice wins over the template's.
    const own = await service.call('importData', { files: [v2], options: { template: 'Notes re-import', onConflict: 'keep-local' } });
    expect(own.ok && own.value).toMatchObject({ status: 'completed', unchangedRecords: 2, conflictCount: 2 });
    expect(service.store.contexts.get('note-1')).toMatchObject({ content: 'edited in the store', tags: ['a', 'mine'] });
    await service.close();
  });

  it('the CLI: templates create with re-import settings, then import --template uses them', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const tpl = writeFile(dir, 'template.json', JSON.stringify(template));
    expect(cli(['--db', db, 'templates', 'create', tpl]).code).toBe(0);
    const shown = cli(['--db', db, 'templates', 'show', 'Notes re-import', '--json']);
    expect(shown.json<{ reimport: unknown }>().reimport).toEqual(template.reimport);

    expect(cli(['--db', db, 'import', writeFile(dir, 'v1.jsonl', jsonl([note(1), note(2)])), '--template', 'Notes re-import']).code).toBe(0);
    const store = Store.open(db);
    store.contexts.replace({ ...store.contexts.get('note-1')!, content: 'edited in the store' });
    store.close();
    const v2 = writeFile(dir, 'v2.jsonl', jsonl([note(1, { content: 'changed in the source' }), note(2, { title: 'Note 2 renamed' })]));
    // Strict by default, yet no conflict fails: the template answers take-source.
    const run = cli(['--db', db, 'import', v2, '--template', 'Notes re-import', '--no-backup', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ status: 'completed', mergedRecords: 2, conflictCount: 1 });
    const after = Store.open(db);
    expect([after.contexts.get('note-1')?.content, after.contexts.get('note-2')?.title]).toEqual(['changed in the source', 'Note 2 renamed']);
    after.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
