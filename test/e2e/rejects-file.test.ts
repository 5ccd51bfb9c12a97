/**
 * "Save rejected records" in the import wizard (issue 16), in the browser host: a CSV with 5 bad rows; after
 * the dry run and again after the import, the button downloads those rows as a CSV with the original columns
 * and an `_error` column; fixed and dropped again, exactly those 5 are imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';

const rows = Array.from({ length: 20 }, (_, i) => ({
  id: `r${i}`,
  title: `Row ${i}`,
  content: `Body ${i}`,
  createdAt: i % 4 === 1 ? 'someday' : '2024-05-01T00:00:00Z',
}));

describe('rejected records as a file (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('rejects-file');
  });
  afterAll(async () => {
    await s?.close();
  });

  async function toDryRun(name: string, csv: string) {
    await dropFiles(s.page, [{ name, content: csv, mimeType: 'text/csv' }]);
    await s.page.getByTestId('detected-format').filter({ hasText: 'CSV' }).waitFor();
    await s.page.getByRole('button', { name: 'Continue to mapping' }).click();
    await s.page.getByRole('heading', { name: /Dry run|Map fields/ }).waitFor();
    if (await s.page.getByRole('heading', { name: 'Map fields' }).isVisible()) await s.page.getByRole('button', { name: /^Dry run/ }).click();
    await s.page.getByRole('heading', { name: 'Dry run' }).waitFor();
  }

  async function saveRejects(): Promise<{ name: string; rows: Record<string, string>[]; fields: string[] }> {
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /Save rejected records \(5 records, CSV\)/ }).click();
    const file = await download;
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync((await file.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    return { name: file.suggestedFilename(), rows: parsed.data, fields: parsed.meta.fields ?? [] };
  }

  it('saves the rejected rows after the dry run and after the import; fixed, they import', async () => {
    const { page } = s;
    await toDryRun('rows.csv', Papa.unparse(rows));
    expect(await page.getByTestId('count-reject').locator('dd').textContent()).toBe('5');
    const afterDry = await saveRejects();
    expect(afterDry.name).toBe('rows.rejected.csv');
    expect(afterDry.fields).toEqual(['id', 'title', 'content', 'createdAt', '_error']);
    expect(afterDry.rows.map((r) => r.id)).toEqual(['r1', 'r5', 'r9', 'r13', 'r17']);
    expect(afterDry.rows[0]!._error).toMatch(/createdAt/);
    await s.shot('dryrun-rejects');

    // Strict is the default everywhere: importing the good rows is a choice made beside Run.
    await page.getByTestId('policy-invalid').selectOption('lenient');
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Imported|Import complete/ }).waitFor({ timeout: 30_000 });
    const afterRun = await saveRejects();
    expect(afterRun.rows.map((r) => r.id)).toEqual(['r1', 'r5', 'r9', 'r13', 'r17']);

    // Fixed in a spreadsheet (the _error column may stay), dropped again: a new wizard, those 5 only.
    const fixed = Papa.unparse(afterRun.rows.map((r) => ({ ...r, createdAt: '2024-05-02T00:00:00Z' })));
    await toDryRun(path.basename(afterRun.name), fixed);
    expect(await page.getByTestId('count-insert').locator('dd').textContent()).toBe('5');
    expect(await page.getByTestId('count-reject').locator('dd').textContent()).toBe('0');
    expect(await page.getByTestId('save-rejects').count()).toBe(0);
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Import complete/ }).waitFor({ timeout: 30_000 });
    expect(s.server.service.store.contexts.count({})).toBe(20);
  });
});
