/**
 * Issue 19: "Save as template" in the export wizard saved only the data type. It saves the filters, format,
 * compression, split and the field selection/renaming; after a reload, applying the template restores every
 * control, and the preview is shaped by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedContexts, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';
import { goTo } from './steps.ts';

describe('export wizard: save as template, reload, apply (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('export-template');
    await seedContexts(s, nativeContexts(30));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('saves every option and the field list, and applying the template restores them all', async () => {
    const { page } = s;
    await goTo(page, 'Export');
    await page.getByRole('heading', { name: 'What to export' }).waitFor();
    await page.getByLabel('Tags (comma-separated)').fill('work');
    await page.getByLabel('Created from').fill('2024-01-05');
    await page.getByRole('checkbox', { name: 'high' }).check();
    // Tagged work, importance high, since 2024-01-05: records 7, 11, 15, 19, 23 and 27 of the fixture.
    const count = '6 records';
    await page.getByTestId('live-count').filter({ hasText: count }).waitFor();
    await page.getByRole('button', { name: 'Continue to format' }).click();

    await page.getByRole('combobox', { name: /^Format/ }).selectOption('jsonl');
    await page.getByLabel('Compression').selectOption('gzip');
    await page.getByRole('checkbox', { name: 'Split into parts' }).check();
    await page.getByLabel('Part size (MB)').fill('2');
    await page.getByTestId('export-fields').locator('summary').click();
    await page.getByRole('checkbox', { name: 'Write type' }).uncheck();
    await page.getByRole('checkbox', { name: 'Write metadata' }).uncheck();
    await page.getByRole('checkbox', { name: 'Write sessionId' }).uncheck();
    await page.getByLabel('Name of title in the file').fill('Heading');
    // The preview follows the field list.
    await page.getByTestId('export-preview').filter({ hasText: '"Heading":"Meeting note' }).waitFor();
    expect(await page.getByTestId('export-preview').textContent()).not.toMatch(/"type"|"metadata"|"sessionId"/);
    await s.shot('export-fields', { doc: true });

    await page.getByRole('button', { name: 'Save as template…' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Weekly work');
    await page.getByRole('dialog').getByRole('button', { name: 'Save template' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved template “Weekly work”' }).waitFor();

    // A fresh page: nothing of the draft survives but the template.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await goTo(page, 'Export');
    await page.getByRole('heading', { name: 'What to export' }).waitFor();
    expect(await page.getByLabel('Tags (comma-separated)').inputValue()).toBe('');
    await page.getByLabel('Start from a template').selectOption({ label: 'Weekly work (v1)' });

    expect(await page.getByLabel('Tags (comma-separated)').inputValue()).toBe('work');
    expect(await page.getByLabel('Created from').inputValue()).toBe('2024-01-05');
    expect(await page.getByRole('checkbox', { name: 'high' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'low' }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'Contexts' }).isChecked()).toBe(true);
    await page.getByTestId('live-count').filter({ hasText: count }).waitFor();
    expect(await page.getByTestId('export-sentence').textContent()).toMatch(/tagged work.*importance high.*since 2024-01-05.*JSON Lines.*gzip.*in 2 MB parts/);
    await s.shot('export-what-from-template');

    await page.getByRole('button', { name: 'Continue to format' }).click();
    expect(await page.getByRole('combobox', { name: /^Format/ }).inputValue()).toBe('jsonl');
    expect(await page.getByLabel('Compression').inputValue()).toBe('gzip');
    expect(await page.getByRole('checkbox', { name: 'Split into parts' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Part size (MB)').inputValue()).toBe('2');
    expect(await page.getByRole('checkbox', { name: 'Write type' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Write metadata' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Write id' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Name of title in the file').inputValue()).toBe('Heading');
    await page.getByTestId('export-preview').filter({ hasText: '"Heading":"Meeting note' }).waitFor();
    expect(await page.getByTestId('export-preview').textContent()).not.toMatch(/"type"|"metadata"/);
    await s.shot('export-template-applied', { doc: true });
  });
});
