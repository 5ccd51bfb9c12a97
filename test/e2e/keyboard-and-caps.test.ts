/**
 * The mapping step's Dry run is one shortcut away (Ctrl+Enter) however many fields the file has, and the dry
 * run's chips count every record even when the table lists only the first 1,000 (OUTCOME_LIST_CAP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_LIST_CAP } from '../../shared/options.ts';
import { dropFiles, openApp, type Session } from './harness.ts';

const RECORDS = 1_500;
const columns = Array.from({ length: 30 }, (_, i) => `extra_${i + 1}`);
const CSV = [
  ['id', 'title', 'content', 'createdAt', ...columns].join(','),
  ...Array.from({ length: RECORDS }, (_, i) =>
    [`r${i + 1}`, `Note ${i + 1}`, `Body ${i + 1}`, '2024-01-01T00:00:00.000Z', ...columns.map((c) => `${c}-${i}`)].join(','),
  ),
].join('\n');

describe('keyboard reach and capped dry-run lists (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('keyboard-and-caps');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Ctrl+Enter on the mapping step runs the dry run; its chips say how many of all records they list', async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'wide.csv', content: CSV, mimeType: 'text/csv' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'CSV' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();
    // Focus the first field's target, far from the Dry run button, and ask for the dry run from there.
    await page.getByTestId('mapping-row-id').getByRole('combobox').first().focus();
    expect(await page.getByRole('button', { name: /^Dry run/ }).getAttribute('aria-keyshortcuts')).toContain('Control+Enter');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();

    const chips = page.getByRole('group', { name: 'Show records' }).getByRole('button');
    const cap = OUTCOME_LIST_CAP.toLocaleString('en-US');
    expect(await chips.first().textContent()).toContain(`All · 1,500 (first ${cap} listed)`);
    expect(await chips.filter({ hasText: 'Insert' }).textContent()).toContain(`Insert · 1,500 (${cap} listed)`);
    // The record's number and its title each have a header of their own.
    const headers = await page.getByTestId('dryrun-table').getByRole('columnheader').allTextContents();
    expect(headers.slice(0, 3)).toEqual(['#', 'Action', 'Title or name']);
    await s.shot('dry-run-capped-chips');
  });
});
