/** The shell: navigation by keyboard, every page reachable, empty states written for a person, dark mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session } from './harness.ts';

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

