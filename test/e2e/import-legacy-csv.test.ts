/**
 * The seed's legacy migration, through the UI: drop a CSV with foreign headers, accept and edit the
 * suggested mapping (live before → after), see the dry run, import, find the contexts in the store
 * browser, then undo the import after seeing what undo would remove.
 *
 * Needs, besides this branch: CSV (formats), mapping suggestions + previewMapping + custom functions
 * (mapping) and undoImport (operations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { legacyCsv } from './fixtures.ts';
import { addCustomFunction, addTransform, confirmAll, countOf, goTo, setTarget, targetOf } from './steps.ts';

const N = 12;

describe('legacy CSV import with mapping, then undo (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('legacy-csv');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('maps legacy headers, imports, shows the contexts and undoes the import', async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'legacy-notes.csv', content: legacyCsv(N), mimeType: 'text/csv' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'CSV' }).waitFor();
    await page.getByTestId('preview-table').getByText('legacy_keywords').waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();

    // The suggestions: foreign names mapped by similarity, each with its reason shown.
    await page.waitForFunction(() => (document.querySelector('[aria-label="Target for legacy_title"]') as HTMLInputElement | null)?.value === 'Title');
    expect(await targetOf(page, 'legacy_body')).toBe('Content');
    expect(await targetOf(page, 'legacy_keywords')).toBe('Tags');
    await s.shot('mapping-suggested', { doc: true });
    await confirmAll(page);

    // Clear all, then undo: the suggestions come back (mapping edits are undoable).
    await page.getByRole('button', { name: 'Clear all suggestions' }).click();
    expect(await targetOf(page, 'legacy_title')).toBe('');
    await page.getByRole('button', { name: '↶ Undo' }).click();
    expect(await targetOf(page, 'legacy_title')).toBe('Title');

    // Edit: the id column, the category as the type, a trim on the title, tags split from the keyword list.
    if ((await targetOf(page, 'legacy_id')) !== 'ID') await setTarget(page, 'legacy_id', 'ID');
    if ((await targetOf(page, 'legacy_category')) !== 'Type') await setTarget(page, 'legacy_category', 'Type');
    await addTransform(page, 'legacy_title', 'trim');
    const keywordChain = await page.getByTestId('mapping-row-legacy_keywords').textContent();
    if (!keywordChain?.includes('splitAndTrim')) await addCustomFunction(page, 'legacy_keywords', 'splitAndTrim');
    // The live preview runs the import's own mapping code: the keyword list becomes a trimmed array.
    await page.getByTestId('after-legacy_keywords').filter({ hasText: '"gamma1"' }).waitFor();
    expect(await page.getByTestId('after-legacy_keywords').textContent()).toContain('"beta"');
    await s.shot('mapping-edited', { doc: true });

    await page.getByRole('button', { name: /^Dry run/ }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await countOf(page, 'insert')).toBe(N);
    expect(await countOf(page, 'reject')).toBe(0);
    await s.shot('dryrun');

    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: 'Import complete' }).waitFor({ timeout: 30_000 });
    expect(await countOf(page, 'insert')).toBe(N);
    await s.shot('done');

    await goTo(page, 'Store');
    await page
      .getByTestId('contexts-total')
      .filter({ hasText: `· ${N}` })
      .waitFor();
    await page.getByRole('searchbox', { name: 'Search contexts' }).fill('Legacy title 3');
    await page.getByTestId('contexts-table').getByText('Legacy title 3', { exact: true }).waitFor();
    await page.getByTestId('contexts-table').getByText('gamma3', { exact: true }).waitFor();
    await s.shot('store');

    // Undo: first what it would remove, then the real thing.
    await goTo(page, 'Import');
    await page.getByRole('button', { name: 'Undo this import…' }).click();
    await page
      .getByTestId('undo-plan')
      .filter({ hasText: `remove ${N} records` })
      .waitFor();
    await s.shot('undo-plan', { doc: true });
    await page.getByRole('button', { name: 'Undo import' }).click();
    await page.getByRole('heading', { name: 'Import undone' }).waitFor({ timeout: 30_000 });
    await goTo(page, 'Store');
    await page.getByText('The store is empty').waitFor();
  });
});
