/**
 * Cancel a long import: the progress bar (role=progressbar, records/s), Cancel → "Cancelling…", and the
 * store left exactly as before; the operation shows as cancelled in the history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session } from './harness.ts';
import { goTo } from './steps.ts';

const RECORDS = 150_000;

describe('cancel a long import (Chromium)', () => {
  let s: Session;
  let file: string;
  beforeAll(async () => {
    s = await openApp('cancel');
    file = path.join(s.dir, 'big.jsonl');
    const out = fs.openSync(file, 'w');
    let chunk = '';
    for (let i = 1; i <= RECORDS; i++) {
      chunk += `{"id":"big-${i}","title":"Record ${i}","content":"Some content for record ${i}","type":"note","tags":["bulk"],"createdAt":"2024-02-01T10:00:00.000Z"}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(out, chunk);
        chunk = '';
      }
    }
    fs.writeSync(out, chunk);
    fs.closeSync(out);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows progress, cancels, and leaves the store unchanged', async () => {
    const { page } = s;
    // The "Choose file…" button opens this input; setting its files is what choosing does.
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('detected-format').filter({ hasText: 'JSON Lines' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('run-import').click();

    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[role="progressbar"][aria-label="Import progress"]')?.getAttribute('aria-valuenow') ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page
      .getByText(/rec\/s/)
      .first()
      .waitFor();
    await s.shot('running', { doc: true });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('heading', { name: 'Import cancelled — nothing was written' }).waitFor({ timeout: 60_000 });
    await s.shot('cancelled');

    await goTo(page, 'Store');
    await page.getByText('The store is empty').waitFor();
    expect((await s.server.service.call('getStats', {})).ok).toBe(true);
    const stats = await s.server.service.call('getStats', {});
    expect(stats.ok && stats.value.contexts).toBe(0);

    await goTo(page, 'Operations');
    const history = page.getByTestId('history-table');
    await history.getByText('Cancelled').first().waitFor();
    await s.shot('operations', { doc: true });
  });
});
