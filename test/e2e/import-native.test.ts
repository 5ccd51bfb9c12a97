/**
 * Import of the app's own JSON: every field matches exactly, so the wizard skips the mapping and goes
 * straight to the dry run (the mapping step still reachable from the stepper); one invalid record is
 * rejected with its record number and field; the import writes the rest; the store browser shows them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';
import { goTo } from './steps.ts';

describe('import of a native JSON file (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('import-native');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('drops, skips the mapping, dry-runs, imports and shows the contexts', async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'notes.json', content: JSON.stringify(nativeContexts(40, { invalidAt: [7] })), mimeType: 'application/json' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    expect(await page.getByTestId('detected-type').textContent()).toBe('contexts');
    await page.getByTestId('preview-table').getByText('Meeting note 1', { exact: true }).waitFor();
    await s.shot('detect');

    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    // All fields matched exactly: straight to the dry run.
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await page.getByTestId('count-insert').locator('dd').textContent()).toBe('39');
    expect(await page.getByTestId('count-reject').locator('dd').textContent()).toBe('1');
    const rejected = page.getByTestId('dryrun-table').getByRole('row').filter({ hasText: 'Reject' });
    await rejected.first().waitFor();
    expect(await rejected.first().textContent()).toContain('createdAt');

    // One default on every surface: strict, as the CLI and REST. The policy is a named choice beside Run,
    // and the button says what it will do.
    const run = page.getByTestId('run-import');
    expect(await page.getByTestId('policy-invalid').inputValue()).toBe('strict');
    expect(await page.getByTestId('policy-duplicates').inputValue()).toBe('reject');
    expect(await run.textContent()).toBe('Import nothing · 1 invalid stop it');
    expect(await run.isDisabled()).toBe(true);
    await page.getByTestId('run-stops').waitFor();
    await page.getByTestId('policy-invalid').selectOption('lenient');
    await run.filter({ hasText: 'Import 39 · skip 1 invalid' }).waitFor();
    expect(await run.isEnabled()).toBe(true);
    await s.shot('dryrun', { doc: true });

    // The mapping step stays reachable from the stepper.
    await page
      .getByRole('navigation', { name: 'Import steps' })
      .getByRole('button', { name: /Mapping/ })
      .click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Import steps' })
      .getByRole('button', { name: /Dry run/ })
      .click();

    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Imported|Import complete/ }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-insert').locator('dd').textContent()).toBe('39');
    // The steps it went through are done, to the eye (✓) and to a screen reader; none is "not reached yet".
    const stepper = page.getByRole('navigation', { name: 'Import steps' });
    expect(await stepper.getByText('(done)').count()).toBeGreaterThanOrEqual(3);
    expect(await stepper.getByText('(not reached yet)').count()).toBe(0);
    await s.shot('import-done', { doc: true });

    // The operation's details list the rejected record, and its errors download as CSV.
    await page.getByTestId('operation-link').click();
    await page.getByTestId('errors-table').getByText('createdAt', { exact: true }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download errors as CSV' }).click();
    const csv = fs.readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('record,field,code,message,file');
    expect(csv).toContain('7,createdAt,');
    await s.shot('operation');

    await goTo(page, 'Store');
    await page.getByTestId('contexts-total').filter({ hasText: '39' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search contexts' }).fill('note 12');
    await page.getByTestId('contexts-total').filter({ hasText: /· 1$/ }).waitFor();
    await page.getByTestId('contexts-table').getByText('Meeting note 12', { exact: true }).waitFor();
    await s.shot('store', { doc: true });

    // The reader: click a context, read it, move with the arrow keys.
    await page.getByRole('searchbox', { name: 'Search contexts' }).fill('');
    await page.getByTestId('contexts-total').filter({ hasText: '39' }).waitFor();
    await page.getByTestId('contexts-table').getByRole('button').first().click();
    const reader = page.getByTestId('context-reader');
    await reader.getByText(/1 of 39/).waitFor();
    const first = await reader.getByRole('heading', { level: 3 }).textContent();
    await page.keyboard.press('ArrowDown');
    await reader.getByText(/2 of 39/).waitFor();
    expect(await reader.getByRole('heading', { level: 3 }).textContent()).not.toBe(first);
    expect(await reader.getByTestId('reader-content').textContent()).toMatch(/Discussed item \d+ with the team/);
    await s.shot('store-reader', { doc: true });
  });
});
