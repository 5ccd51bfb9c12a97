/**
 * The migration checklist in the UI (issue 17), as a person uses it:
 * - an overwriting import takes a snapshot first; its Done step says "Verified: 40 of 40"; the Operations page
 *   rolls it back in one click after a confirmation that shows what would change; the store is as before;
 * - the export result says "Verified: N of N"; "Only changes since the last export to …" exports, after two
 *   records changed, exactly those two.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDownloads, dropFiles, openApp, seedContexts, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';
import { goTo } from './steps.ts';

describe('verify, roll back, incremental export (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('migration-checklist');
    await seedContexts(s, nativeContexts(30));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('an overwriting import is verified, then rolled back to the snapshot taken before it', async () => {
    const { page, server } = s;
    const store = server.service.store;
    const before = [...store.contexts.iterate()].map((c) => JSON.stringify(c)).sort();
    // The same 30 with new titles, and 10 new ones.
    const incoming = nativeContexts(40).map((r) => ({ ...r, title: `${r.title} (migrated)` }));
    await dropFiles(page, [{ name: 'migration.json', content: JSON.stringify(incoming), mimeType: 'application/json' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    await page.getByLabel('When the store already has a record').selectOption('overwrite');
    await page.getByTestId('count-overwrite').filter({ hasText: '30' }).waitFor();
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Import complete/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('verified').filter({ hasText: 'Verified: 40 of 40' }).waitFor({ timeout: 30_000 });
    expect(store.contexts.get('ctx-00001')?.title).toBe('Meeting note 1 (migrated)');
    await s.shot('import-verified', { doc: true });

    await page.getByTestId('operation-link').click();
    await page.getByTestId('rollback-migration').click();
    const dialog = page.getByRole('dialog', { name: 'Roll back this migration?' });
    const plan = dialog.getByTestId('rollback-plan');
    await plan.waitFor();
    expect(await plan.textContent()).toMatch(/contexts: 40 now → 30 \(10 removed, 0 back, 30 changed\)/);
    await s.shot('rollback-plan', { doc: true });
    // The safe answer has the focus; the restore is a deliberate second button.
    expect(await dialog.getByRole('button', { name: 'Keep the store as it is' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await dialog.getByRole('button', { name: 'Restore the snapshot' }).click();
    await page
      .getByText(/The store is back as it was before this import/)
      .first()
      .waitFor({ timeout: 60_000 });
    const after = [...server.service.store.contexts.iterate()].map((c) => JSON.stringify(c)).sort();
    expect(after).toEqual(before);
  });

  it('the export result is verified, and "changes since the last export to nightly" exports only the two changed records', async () => {
    const { page, server } = s;
    const downloads = collectDownloads(page, path.join(s.dir, 'downloads'));
    const exportSinceLast = async () => {
      await goTo(page, 'Export');
      await page.getByRole('button', { name: 'Continue to format' }).click();
      await page.getByLabel('Format').selectOption('jsonl');
      await page.getByTestId('since-last').check();
      await page.getByLabel('Destination name').fill('nightly');
      await page.getByRole('button', { name: 'Continue to destination' }).click();
      await page.getByTestId('start-export').click();
      await page.getByRole('heading', { name: 'Export complete' }).waitFor({ timeout: 60_000 });
    };

    await exportSinceLast();
    await page.getByText(/^30 records in/).waitFor();
    await page.getByTestId('verified').filter({ hasText: 'Verified: 30 of 30' }).waitFor({ timeout: 30_000 });
    await s.shot('export-verified', { doc: true });

    const store = server.service.store;
    const now = new Date(Date.now() + 1000).toISOString();
    for (const id of ['ctx-00004', 'ctx-00017']) store.contexts.replace({ ...store.contexts.get(id)!, title: `changed ${id}`, updatedAt: now });
    await page.getByRole('button', { name: 'New export' }).click();
    await exportSinceLast();
    await page.getByText(/^2 records in/).waitFor();
    await page.getByTestId('verified').filter({ hasText: 'Verified: 2 of 2' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    const files = await downloads.settled();
    const second = fs
      .readFileSync(files.at(-1)!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string });
    expect(second.map((r) => [r.id, r.title])).toEqual([
      ['ctx-00004', 'changed ctx-00004'],
      ['ctx-00017', 'changed ctx-00017'],
    ]);
  });
});
