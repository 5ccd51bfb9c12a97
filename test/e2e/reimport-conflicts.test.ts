/**
 * Re-import with conflicts (issue 16), as a person does it: the store holds notes from an earlier import,
 * three were edited in the store, the source changed the same three and renamed a fourth. The dry run, set
 * to merge, lists the three conflicts with both values; "Keep local for all", then "Take source" for one
 * record; the import does exactly that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';

const notes = () => nativeContexts(5);

describe('re-import conflicts in the dry run (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('reimport-conflicts');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows each conflict with both values and imports the choice made per record and for all', async () => {
    const { page, server } = s;
    // The first import merged (into an empty store): it kept a baseline per record, what tells a local edit from a source change.
    const first = await server.service.call('importData', { files: [writeJson(s, 'v1.json', notes())], options: { dataType: 'contexts', merge: true } });
    expect(first.ok && first.value.insertedRecords).toBe(5);
    const store = server.service.store;
    for (const n of [1, 2, 3]) {
      const id = `ctx-0000${n}`;
      store.contexts.replace({ ...store.contexts.get(id)!, content: `Edited in the store ${n}` });
    }
    const v2 = notes().map((r, i) => (i < 3 ? { ...r, content: `Changed in the source ${i + 1}` } : i === 3 ? { ...r, title: 'Meeting note 4 (renamed)' } : r));

    await dropFiles(page, [{ name: 'notes.json', content: JSON.stringify(v2), mimeType: 'application/json' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();

    // Records already in the store: merge them field by field.
    await page.getByLabel('When the store already has a record').selectOption('merge');
    const conflicts = page.getByTestId('conflicts');
    await conflicts.getByRole('heading', { name: /Conflicts · 3 fields in 3 records/ }).waitFor();
    const second = page.getByTestId('conflict-ctx-00002');
    const row = second.getByRole('row', { name: /content/ });
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('Edited in the store 2');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Changed in the source 2');
    expect(await page.getByTestId('reimport-counts').textContent()).toMatch(/Unchanged 4 · updated 1 · skipped 0 · conflicts 3/);

    await conflicts.getByRole('button', { name: 'Keep local for all' }).click();
    await page.getByTestId('conflict-ctx-00001').getByTestId('conflict-resolution').filter({ hasText: 'keeps the store’s value' }).waitFor();
    // By keyboard: focus the record's "Take source" and choose it with Space, once the check that "Keep local
    // for all" started is over (the choices are disabled while it runs, and Space on one would do nothing).
    await page.waitForFunction(() => !document.querySelector('[data-testid="conflict-ctx-00002"] input[type="radio"]:disabled'));
    await second.getByRole('radio', { name: 'Take source' }).focus();
    await page.keyboard.press('Space');
    await second.getByTestId('conflict-resolution').filter({ hasText: 'takes the source’s value' }).waitFor();
    expect(await page.getByTestId('conflict-ctx-00003').getByTestId('conflict-resolution').textContent()).toBe('keeps the store’s value');
    await page
      .getByTestId('reimport-counts')
      .filter({ hasText: /updated 2/ })
      .waitFor();
    await s.shot('conflicts', { doc: true });

    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Import complete|Imported/ }).waitFor({ timeout: 30_000 });
    expect([1, 2, 3, 4].map((n) => store.contexts.get(`ctx-0000${n}`))).toMatchObject([
      { content: 'Edited in the store 1' },
      { content: 'Changed in the source 2' },
      { content: 'Edited in the store 3' },
      { title: 'Meeting note 4 (renamed)' },
    ]);
  });

  it('a template brings its merge settings into the wizard, and "Save as template" keeps them', async () => {
    const { page, server } = s;
    const created = await server.service.call('createDataTemplate', {
      name: 'Legacy notes monthly',
      transformation: {
        mapping: { fieldMappings: { note_id: 'id', note_title: 'title', body: 'content', created: 'createdAt' }, transformations: [] },
        computedFields: [],
      },
      reimport: { match: 'id', merge: true, onConflict: 'take-source' },
    });
    expect(created.ok).toBe(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Start a new import' }).click();
    const csv =
      'note_id,note_title,body,created\nctx-00001,Meeting note 1,From the legacy tool,2024-01-01T09:30:00Z\nL-2,Legacy 2,Body 2,2024-02-01T09:30:00Z\n';
    await dropFiles(page, [{ name: 'legacy.csv', content: csv, mimeType: 'text/csv' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'CSV' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();
    await page
      .getByText(/Applied template .Legacy notes monthly/)
      .first()
      .waitFor();
    // Its merge setting is the duplicate policy now.
    expect(await page.getByLabel('When an id already exists').inputValue()).toBe('merge');

    await page.getByRole('button', { name: 'Save as template…' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Saved from the wizard');
    await page.getByRole('dialog').getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const saved = await server.service.call('getDataTemplate', { id: 'Saved from the wizard' });
    expect(saved.ok && saved.value.reimport).toEqual({ match: 'id', merge: true, onConflict: 'take-source' });

    await page.getByRole('button', { name: /^Dry run/ }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await page.getByLabel('When the store already has a record').inputValue()).toBe('merge');
    expect(await page.getByLabel('Find it by').inputValue()).toBe('id');
  });
});

function writeJson(s: Session, name: string, records: unknown[]): string {
  const file = path.join(s.dir, name);
  fs.writeFileSync(file, JSON.stringify(records));
  return file;
}
