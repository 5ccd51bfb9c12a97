/**
 * Issue 19: one Claude conversation made the mapping page 143,099 px tall. Samples are shown as a few lines
 * with "show more" in the Detect preview, the mapping editor and the dry-run table: the page stays short, and
 * "show more" (by mouse or keyboard) reveals the whole value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { dropFiles, openApp, type Session } from './harness.ts';

/** A conversation the size of a long Claude chat: ~100 KB of alternating turns. */
function conversation(bytes: number): string {
  const turns: string[] = [];
  for (let i = 1; turns.join('\n\n').length < bytes; i++) {
    turns.push(
      i % 2
        ? `Human: Turn ${i}. Could you look at the import wizard again? The preview of my export grows without end when a message is long, and I lose the Run button below it.`
        : `Assistant: Turn ${i}. Yes. Long values should be cut to a few lines with a way to open them, so the page keeps its size. Here is what I would change, step by step, with the reasons for each change.`,
    );
  }
  return turns.join('\n\n');
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Opens a clamped value by keyboard (Tab to its button, Enter) and returns the text it then shows. */
async function openByKeyboard(page: Page, where: Locator): Promise<string> {
  const button = where.getByRole('button', { name: 'show more' }).first();
  await button.focus();
  await page.keyboard.press('Enter');
  const opened = where.locator('.clamp-open').first();
  await opened.waitFor();
  expect(await where.getByRole('button', { name: 'show less' }).first().getAttribute('aria-expanded')).toBe('true');
  return (await opened.textContent()) ?? '';
}

describe('long values are truncated with "show more" (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('long-values');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Detect preview, mapping editor and dry-run table stay short; show more reveals the whole value', async () => {
    const { page } = s;
    const chat = conversation(100 * 1024);
    const longTitle = `Conversation about the import wizard — ${'a long title that goes on and on '.repeat(60)}`;
    const records = [
      { id: 'chat-1', title: longTitle, content: chat, type: 'conversation', tags: ['claude'], sessionId: null, createdAt: '2024-05-01T10:00:00.000Z' },
      { id: 'chat-2', title: 'A short one', content: 'Hello', type: 'conversation', tags: [], sessionId: null, createdAt: '2024-05-02T10:00:00.000Z' },
    ];
    await dropFiles(page, [{ name: 'claude.json', content: JSON.stringify(records), mimeType: 'application/json' }]);

    // Detect: the preview's content cell is two lines and a button.
    const preview = page.getByTestId('preview-table');
    await preview.getByRole('button', { name: 'show more' }).first().waitFor();
    expect(await pageHeight(page)).toBeLessThan(2500);
    const contentCell = preview.getByRole('row').nth(1).getByRole('cell').nth(3);
    expect(((await contentCell.textContent()) ?? '').length).toBeLessThan(1000);
    expect(await openByKeyboard(page, contentCell)).toBe(chat);
    expect(await pageHeight(page)).toBeLessThan(3000);
    await s.shot('detect-long-value');
    await contentCell.getByRole('button', { name: 'show less' }).click();
    await contentCell.getByRole('button', { name: 'show more' }).waitFor();

    // Every field matches: the dry run comes next; its table truncates the long title.
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await pageHeight(page)).toBeLessThan(2500);
    const dryRow = page.getByTestId('dryrun-table').getByRole('row').filter({ hasText: 'Conversation about the import wizard' });
    await dryRow.getByRole('button', { name: 'show more' }).first().waitFor();
    await dryRow.getByRole('button', { name: 'show more' }).first().click();
    expect(await dryRow.locator('.clamp-open').first().textContent()).toBe(longTitle);
    await s.shot('dryrun-long-value');

    // The mapping editor (reachable from the stepper): samples and before → after are clamped too.
    await page
      .getByRole('navigation', { name: 'Import steps' })
      .getByRole('button', { name: /Mapping/ })
      .click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();
    const row = page.getByTestId('mapping-row-content');
    await row.getByRole('button', { name: 'show more' }).first().waitFor();
    const height = await pageHeight(page);
    expect(height).toBeLessThan(6000);
    expect(((await row.textContent()) ?? '').length).toBeLessThan(6000);
    expect(await openByKeyboard(page, row.getByTestId('after-content'))).toBe(chat);
    await s.shot('show-more', { doc: true });
  });
});
