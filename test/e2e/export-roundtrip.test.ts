/**
 * Export with filters (live count, the options read back as one sentence), encryption and split parts,
 * downloaded by the browser; then those files imported back into a fresh store: the passphrase prompt,
 * the dry run, the import, the same records in the store browser.
 *
 * Needs, besides this branch: encryption and split (envelope), and browser-host uploads that keep files
 * dropped together in one folder (a split export's manifest finds its parts beside it).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDownloads, dropFiles, filesFromDisk, openApp, seedContexts, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';
import { countOf, goTo } from './steps.ts';

const PASSPHRASE = 'correct horse battery staple';

describe('export with filters, encryption and split, then import back (Chromium)', () => {
  let source: Session;
  let target: Session;
  beforeAll(async () => {
    source = await openApp('export-source');
    target = await openApp('export-target');
    await seedContexts(source, nativeContexts(60));
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('exports the filtered records encrypted in parts and imports them back', async () => {
    const { page } = source;
    await goTo(page, 'Export');
    await page.getByTestId('live-count').filter({ hasText: '60 records' }).waitFor();

    await page.getByLabel('Tags (comma-separated)').fill('work');
    await page.getByRole('checkbox', { name: 'high' }).check();
    await page.getByRole('checkbox', { name: 'critical' }).check();
    await page.getByLabel('Created from').fill('2024-01-01');
    // Even records are tagged work; importance cycles low, medium, high, critical: 15 of 60 match.
    await page.getByTestId('live-count').filter({ hasText: '15 records' }).waitFor();
    const sentence = await page.getByTestId('export-sentence').textContent();
    expect(sentence).toContain('tagged work');
    expect(sentence).toContain('importance high or critical');
    expect(sentence).toContain('since 2024-01-01');
    await source.shot('filters', { doc: true });

    await page.getByRole('button', { name: 'Continue to format' }).click();
    await page.getByLabel('Format').selectOption('jsonl');
    await page.getByTestId('export-preview').filter({ hasText: '"tags":["work"' }).waitFor();
    await page.getByRole('checkbox', { name: /Encrypt with a passphrase/ }).check();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase again').fill('something else');
    await page.getByText('The two passphrases differ').waitFor();
    expect(await page.getByRole('button', { name: 'Continue to destination' }).isDisabled()).toBe(true);
    await page.getByLabel('Passphrase again').fill(PASSPHRASE);
    await page.getByRole('checkbox', { name: 'Split into parts' }).check();
    await page.getByLabel('Part size (MB)').fill('0.001');
    const full = await page.getByTestId('export-sentence').textContent();
    expect(full).toContain('as JSON Lines');
    expect(full).toContain('encrypted');
    expect(full).toContain('KB parts');
    await source.shot('format', { doc: true });

    await page.getByRole('button', { name: 'Continue to destination' }).click();
    await page.getByRole('heading', { name: 'Destination' }).waitFor();
    await source.shot('destination', { doc: true });
    const downloads = collectDownloads(page, path.join(source.dir, 'downloads'));
    await page.getByTestId('start-export').click();
    await page.getByRole('heading', { name: 'Export complete' }).waitFor({ timeout: 30_000 });
    const rows = page.getByTestId('export-files').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await rows.first().textContent()).toMatch(/[0-9a-f]{64}/);
    await source.shot('done', { doc: true });
    await page.waitForTimeout(500);
    const files = await downloads.settled();
    expect(files.length).toBeGreaterThan(1);

    // Into a fresh store: the files are encrypted, so the wizard asks for the passphrase.
    const t = target.page;
    await dropFiles(t, filesFromDisk(files));
    await t.getByLabel('Passphrase').waitFor();
    await target.shot('passphrase');
    await t.getByLabel('Passphrase').fill('wrong passphrase');
    await t.getByRole('button', { name: 'Unlock' }).click();
    await t
      .getByRole('alert')
      .filter({ hasText: /passphrase/i })
      .waitFor();
    await t.getByLabel('Passphrase').fill(PASSPHRASE);
    await t.getByRole('button', { name: 'Unlock' }).click();
    await t.getByTestId('detected-format').filter({ hasText: 'JSON Lines' }).waitFor();
    await t.getByRole('button', { name: 'Continue to mapping' }).click();
    await t.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await countOf(t, 'insert')).toBe(15);
    await t.getByTestId('run-import').click();
    await t.getByRole('heading', { name: 'Import complete' }).waitFor({ timeout: 30_000 });
    await goTo(t, 'Store');
    await t.getByTestId('contexts-total').filter({ hasText: '· 15' }).waitFor();
  });
});
