/**
 * The mapping step shows why each suggestion was made (issue 16), a proposed transformation that failed on a
 * sample unticked with that sample (issue 14), and forgets a remembered suggestion with its button.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';

const CSV = 'Headline,Body text,date\nOne,first,2024-01-31 10:00\nTwo,second,someday\nThree,third,01/02/2024\n';

describe('mapping step: reasons, failed checks, forget (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('suggestion-reasons');
    // One committed import with a mapping of Headline: the next visit remembers it.
    const file = path.join(s.dir, 'earlier.csv');
    fs.writeFileSync(file, 'Headline,Body text\nEarlier,text\n');
    const result = await s.server.service.call('importData', {
      files: [file],
      options: { dataType: 'contexts', mapping: { fieldMappings: { Headline: 'title', 'Body text': 'content' }, transformations: [] } },
    });
    if (!result.ok || result.value.status !== 'completed') throw new Error(`seeding failed: ${JSON.stringify(result)}`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('says why, shows the failing sample unticked, and forgets a remembered mapping', async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'notes.csv', content: CSV, mimeType: 'text/csv' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'CSV' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();

    await page.getByTestId('why-Headline').filter({ hasText: 'remembered from 1 import' }).waitFor();
    await page.getByTestId('why-Body text').filter({ hasText: 'remembered from 1 import' }).waitFor();
    const failed = page.getByTestId('failed-check-date');
    await failed.filter({ hasText: 'someday' }).waitFor();
    expect(await failed.textContent()).toMatch(/parseOldDateFormat\s+fails on/);
    expect(await failed.getByRole('checkbox').isChecked()).toBe(false);
    await s.shot('suggestion-reasons');

    await page.getByTestId('mapping-row-Headline').getByRole('button', { name: 'Forget' }).click();
    await page.getByTestId('why-Headline').filter({ hasText: 'alias: "headline" means title' }).waitFor();
    expect(await page.getByTestId('why-Body text').textContent()).toContain('remembered from 1 import');

    // Ticking the failed transformation adds it to the field's chain.
    await failed.getByRole('checkbox').click();
    await page.getByTestId('mapping-row-date').filter({ hasText: 'parseOldDateFormat' }).waitFor();
  });
});
