/** The Detect step on files from elsewhere: records under a key, and a file that is not UTF-8 (Chromium). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';

const outbox = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/real/mastodon/outbox.json'));

describe('Detect step: where the records are and how the text is encoded (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('detect-encoding-root');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds the records of a Mastodon outbox under orderedItems, and lets the user name another root', async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'outbox.json', content: outbox, mimeType: 'application/json' }]);
    // The Mastodon preset reads an outbox; this step is about the plain JSON reader finding the records.
    await page.getByText('Mastodon archive').first().waitFor();
    await page.getByText('Parser options').click();
    await page.getByTestId('source-select').selectOption('none');
    await page.getByRole('button', { name: 'Read again' }).click();
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    await page.getByText('records at `orderedItems` (found in the document)').waitFor();
    await page.getByTestId('preview-table').getByText('Create').first().waitFor();
    expect(await page.getByTestId('root-input').getAttribute('placeholder')).toBe('orderedItems');
    await s.shot('detect-root');
  });

  it('reads a Latin-1 CSV, says which encoding it used, and offers the choice', async () => {
    await s.close();
    s = await openApp('detect-encoding');
    const { page } = s;
    const rows = Array.from({ length: 5 }, (_, i) => `r${i},Row ${i},plain text,2024-01-01T00:00:00Z`).join('\r\n');
    const csv = Buffer.from(`id,title,content,createdAt\r\n${rows}\r\nx1,Caf\u00e9 M\u00fcller,\u00bfQu\u00e9 tal?,2024-01-02T00:00:00Z\r\n`, 'latin1');
    await dropFiles(page, [{ name: 'latin1.csv', content: csv, mimeType: 'text/csv' }]);
    await page
      .getByTestId('detected-format')
      .filter({ hasText: 'CSV' })
      .waitFor({ timeout: 8000 })
      .catch(async (e) => {
        await page.screenshot({ path: '/tmp/detect-enc0.png', fullPage: true });
        throw e;
      });
    await page
      .getByText(/read as windows-1252/)
      .first()
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: '/tmp/detect-enc.png', fullPage: true });
        throw e;
      });
    await page
      .getByTestId('preview-table')
      .getByText('Café Müller')
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: '/tmp/detect-enc2.png', fullPage: true });
        throw e;
      });
    const select = page.getByTestId('encoding-select');
    await page
      .getByText('Parser options')
      .click()
      .catch(() => undefined);
    expect(await select.locator('option').allTextContents()).toEqual(expect.arrayContaining(['utf-8', 'windows-1252', 'utf-16le']));
    await s.shot('detect-encoding');
  });
});
