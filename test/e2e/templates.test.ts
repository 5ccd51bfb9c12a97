/**
 * Templates: create one (mapping, transformations, a computed field evaluated live), save a new version,
 * see the history, duplicate and delete; then reuse it in the import wizard, where it maps a legacy file,
 * and save the wizard's mapping as a new template.
 *
 * Needs, besides this branch: mapping + computed fields (mapping) for the applied mapping and the live value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { countOf, goTo, targetOf } from './steps.ts';

const legacy = Array.from({ length: 8 }, (_, i) => ({
  legacy_id: `T-${i + 1}`,
  legacy_title: `  Template title ${i + 1} `,
  legacy_body: `Body ${i + 1}`,
  legacy_category: 'note',
  legacy_keywords: 'one, two',
}));

describe('templates: create, version, duplicate, delete, reuse (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp('templates');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates a template and reuses it in the import wizard', async () => {
    const { page } = s;
    await goTo(page, 'Templates');
    await page.getByText('No templates yet').waitFor();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Legacy notes');
    const pairs: [string, string][] = [
      ['legacy_id', 'id'],
      ['legacy_title', 'title'],
      ['legacy_body', 'content'],
      ['legacy_category', 'type'],
      ['legacy_keywords', 'tags'],
    ];
    for (const [i, [source, target]] of pairs.entries()) {
      await page.getByRole('button', { name: '+ Mapping' }).click();
      await page.getByLabel(`Mapping ${i + 1} source field`).fill(source);
      await page.getByLabel(`Mapping ${i + 1} target field`).fill(target);
    }
    await page.getByRole('button', { name: '+ Transformation' }).click();
    await page.getByLabel('Transformation 1 field').fill('title');
    await page.getByRole('button', { name: '+ Transformation' }).click();
    await page.getByLabel('Transformation 2 field').fill('tags');
    await page.getByLabel('Transformation 2 kind').selectOption('custom');
    await page.getByLabel('Transformation 2 function').fill('splitAndTrim');
    await page.getByRole('button', { name: '+ Computed field' }).click();
    await page.getByLabel('Computed field 1 name').fill('importedAt');
    await page.getByLabel('Computed field 1 type').selectOption('date');
    await page.getByLabel('Computed field 1 expression').fill('now()');
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByRole('heading', { name: 'Edit “Legacy notes” · v1' }).waitFor();
    await page.getByTestId('template-list').getByText('Legacy notes').waitFor();

    // A new version keeps the old one in the history.
    await page.getByLabel('Description').fill('Notes from the old tool');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByRole('heading', { name: 'Edit “Legacy notes” · v2' }).waitFor();
    await page.getByTestId('template-versions').getByRole('cell', { name: 'v1', exact: true }).waitFor();
    expect(await page.getByTestId('template-versions').locator('tbody tr').count()).toBe(2);

    // Duplicate, then delete the copy.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { name: 'Edit “Legacy notes (copy)” · v1' }).waitFor();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Choose a template to edit, or create one').waitFor();
    // The list is read again after the delete: wait for it rather than count the one still shown.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-list"] li').length === 1);
    expect(await page.getByTestId('template-list').locator('li').count()).toBe(1);

    // The computed field is evaluated live on the sample record.
    await page.getByTestId('template-list').getByText('Legacy notes').click();
    await page.getByTestId('computed-value-1').waitFor();
    await s.shot('editor', { doc: true });
    expect(await page.getByTestId('computed-value-1').textContent()).toMatch(/= \d{4}-\d{2}-\d{2}/);

    // Reuse: a legacy file, the template applied in the mapping step.
    await goTo(page, 'Import');
    await dropFiles(page, [{ name: 'legacy.json', content: JSON.stringify(legacy) }]);
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Map fields' }).waitFor();
    await page.getByLabel('Apply a template').selectOption({ label: 'Legacy notes (v2)' });
    await page.getByText('Applied template “Legacy notes” — 5/5 fields').waitFor();
    expect(await targetOf(page, 'legacy_title')).toBe('Title');
    expect(await targetOf(page, 'legacy_keywords')).toBe('Tags');
    await s.shot('applied');

    // The wizard's mapping can be saved as a template of its own.
    await page.getByRole('button', { name: 'Save as template…' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Legacy notes from the wizard');
    await page.getByRole('dialog').getByRole('button', { name: 'Save template' }).click();
    await page.getByTestId('live-region').filter({ hasText: 'Saved template “Legacy notes from the wizard”' }).waitFor();
    // The list offering templates has it at once, without choosing another file.
    await page.getByLabel('Apply a template').locator('option', { hasText: 'Legacy notes from the wizard' }).waitFor({ state: 'attached' });

    await page.getByRole('button', { name: /^Dry run/ }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await countOf(page, 'insert')).toBe(legacy.length);
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: 'Import complete' }).waitFor({ timeout: 30_000 });
    await goTo(page, 'Store');
    await page.getByTestId('contexts-table').getByText('Template title 1', { exact: true }).waitFor();

    await goTo(page, 'Templates');
    await page.getByTestId('template-list').getByText('Legacy notes from the wizard').waitFor();
  });
});
