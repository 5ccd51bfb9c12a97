/** The shell: navigation by keyboard, every page reachable, empty states written for a person, dark mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { nativeContexts } from './fixtures.ts';

describe('app shell (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('shell');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the import wizard first, with a real Choose file button', async () => {
    await s.page.getByRole('heading', { name: 'Import data' }).waitFor();
    const choose = s.page.getByRole('button', { name: 'Choose file…' });
    expect(await choose.getAttribute('type')).toBe('button');
    await s.shot('import-source', { doc: true });
  });

  it('reaches every section through the navigation, keyboard only', async () => {
    const { page } = s;
    for (const label of ['Export', 'Templates', 'Operations', 'Store']) {
      const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label });
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((l) => document.querySelector('a[aria-current="page"]')?.textContent?.includes(l), label);
    }
    // The empty store says what to do next rather than showing an empty table.
    await page.getByText('The store is empty').waitFor();
    await s.shot('store-empty');
  });
});

describe('dark theme and the draft guard (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('dark', { colorScheme: 'dark' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('follows the system dark theme, and Esc on a dirty wizard offers to keep the draft, with Keep focused', async () => {
    const { page } = s;
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(246, 247, 249)');
    await dropFiles(page, [{ name: 'notes.json', content: JSON.stringify(nativeContexts(5)) }]);
    await page.getByTestId('detected-format').waitFor();
    await s.shot('detect', { doc: true });
    await page.keyboard.press('Escape');
    const dialog = page.getByRole('dialog', { name: 'Discard this import draft?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep the draft');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('detected-format').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'Import data' }).waitFor();
  });
});

describe('a drop and its notice (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('drop-notice');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a drop on the drop zone ends the overlay, and the Reading notice closes once the file is read', async () => {
    const { page } = s;
    const content =
      nativeContexts(3)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n';
    await dropFiles(page, [{ name: 'three.jsonl', content }], '.dropzone');
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    // Finished work: the notice goes by itself (before its 6 s timer: reading finished).
    await page.waitForFunction(() => !document.querySelector('.toast')?.textContent?.includes('Reading'), undefined, { timeout: 5_000 });
  });
});
