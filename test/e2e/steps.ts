/** Small, readable steps the e2e tests share (wizard controls found by role and label, like a person would). */
import type { Page } from 'playwright-core';

/** Chooses a mapping target through the searchable select, by keyboard. */
export async function setTarget(page: Page, source: string, label: string): Promise<void> {
  const combo = page.getByRole('combobox', { name: `Target for ${source}` });
  await combo.click();
  await combo.fill(label);
  await page
    .getByRole('option', { name: new RegExp(`^${label}\\b`) })
    .first()
    .waitFor();
  await combo.press('Enter');
  // A target used by another field asks to move it; answer Move.
  const move = page.getByRole('button', { name: 'Move it' });
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    if ((await combo.inputValue()) === label && !(await move.isVisible())) return;
    if (await move.isVisible()) await move.click();
    await page.waitForTimeout(50);
  }
  throw new Error(`The target of ${source} did not become ${label}`);
}

export async function targetOf(page: Page, source: string): Promise<string> {
  return page.getByRole('combobox', { name: `Target for ${source}` }).inputValue();
}

export async function addTransform(page: Page, source: string, kind: 'trim' | 'lowercase' | 'uppercase'): Promise<void> {
  await page.getByRole('combobox', { name: `Add a transformation to ${source}` }).selectOption(kind);
}

export async function addCustomFunction(page: Page, source: string, fn: string): Promise<void> {
  await page.getByRole('combobox', { name: `Add a transformation to ${source}` }).selectOption('custom');
  await page.getByRole('combobox', { name: `Custom function for ${source}` }).fill(fn);
  await page.getByTestId(`mapping-row-${source}`).getByRole('button', { name: 'Add' }).click();
}

/** Accepts every "please confirm" suggestion. */
export async function confirmAll(page: Page): Promise<number> {
  let n = 0;
  for (;;) {
    const button = page.getByRole('button', { name: 'Please confirm' }).first();
    if (!(await button.isVisible().catch(() => false))) return n;
    await button.click();
    n++;
  }
}

export async function countOf(page: Page, key: 'insert' | 'overwrite' | 'skip' | 'reject'): Promise<number> {
  const text = await page.getByTestId(`count-${key}`).locator('dd').textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

export async function goTo(page: Page, section: 'Import' | 'Export' | 'Templates' | 'Operations' | 'Store'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();
}
