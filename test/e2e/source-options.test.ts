/**
 * The Detect step offers the options the detected preset declares (getSources): a real ChatGPT export imported
 * as one transcript per conversation, and an option toggled by keyboard changing the counts (Chromium).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type Session } from './harness.ts';
import { countOf } from './steps.ts';

const chatgpt = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/real/chatgpt/pkuppens/conversations.json'));
/** A real Keep Takeout as the zip Google hands out (Takeout/Keep/*.json), made with Python's zipfile. */
function keepTakeoutZip(dir: string): Buffer {
  const zip = path.join(dir, 'takeout.zip');
  const keep = path.resolve(import.meta.dirname, '../fixtures/real/keep');
  execFileSync('python3', ['-c', 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], "Takeout")', zip.replace(/\.zip$/, ''), keep]);
  return fs.readFileSync(zip);
}

const titles = ['Improve Website Recommendations.', 'CORS uitleg.', 'Agile Embraces Constant Change.', 'Logo design for Pieterkuppens.net.'];

describe('Detect step: the preset options (Chromium)', () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('imports a ChatGPT export as one transcript per conversation', async () => {
    s = await openApp('source-options-transcript');
    const { page } = s;
    await dropFiles(page, [{ name: 'conversations.json', content: chatgpt, mimeType: 'application/json' }]);
    const detected = page.getByTestId('detected-source');
    await detected.filter({ hasText: 'ChatGPT export — 4 conversations, 25 messages' }).waitFor();
    // The format a preset reads is named by the tool, not by the preset's id.
    expect(await page.getByTestId('detected-format').textContent()).toBe('ChatGPT export');

    // The options ChatGPT declares, each with its default and its help text.
    const options = page.getByRole('group', { name: 'ChatGPT export options' });
    const importAs = options.getByRole('combobox', { name: 'Import as' });
    const branches = options.getByRole('combobox', { name: 'Other branches' });
    expect(await importAs.inputValue()).toBe('messages');
    expect(await importAs.locator('option').allTextContents()).toEqual(['messages', 'one transcript per conversation']);
    expect(await branches.inputValue()).toBe('drop');
    expect(await importAs.getAttribute('aria-describedby')).toBeTruthy();
    await options.getByText(/one context per conversation holding a Markdown transcript/).waitFor();

    await importAs.selectOption({ label: 'one transcript per conversation' });
    await detected.filter({ hasText: 'ChatGPT export — 4 conversations, 4 transcripts' }).waitFor();
    await page.getByTestId('preview-table').getByText('transcript', { exact: true }).first().waitFor();
    await s.shot('detect-transcript');

    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    // Four sessions and four transcripts, not 25 messages.
    expect(await countOf(page, 'insert')).toBe(8);
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Imported|Import complete/ }).waitFor({ timeout: 30_000 });
    expect(await countOf(page, 'insert')).toBe(8);

    const listed = await s.server.service.call('listContexts', { filters: {}, limit: 100 });
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    const contexts = listed.value.items;
    expect(contexts).toHaveLength(4);
    expect(contexts.every((c) => c.type === 'transcript')).toBe(true);
    for (const title of titles) {
      const context = contexts.find((c) => c.content.startsWith(`# ${title}\n`));
      expect(context, title).toBeDefined();
      expect(context!.content).toMatch(/\n## (User|You)\b/);
      expect(context!.content).toMatch(/\n## (Assistant|ChatGPT)\b/);
    }
  }, 90_000);

  it('keeps the other branches when asked, by keyboard, and the counts follow', async () => {
    s = await openApp('source-options-branches');
    const { page } = s;
    await dropFiles(page, [{ name: 'conversations.json', content: chatgpt, mimeType: 'application/json' }]);
    const detected = page.getByTestId('detected-source');
    await detected.filter({ hasText: '25 messages' }).waitFor();
    expect(await detected.textContent()).toContain('1 message on other branches dropped');

    const branches = page.getByRole('group', { name: 'ChatGPT export options' }).getByRole('combobox', { name: 'Other branches' });
    await branches.focus();
    await branches.press('ArrowDown');
    await detected.filter({ hasText: '26 messages' }).waitFor();
    expect(await branches.inputValue()).toBe('keep');
    expect(await detected.textContent()).not.toContain('dropped');

    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    expect(await countOf(page, 'insert')).toBe(30);
  }, 90_000);

  it("includes Keep's trashed notes when the checkbox is ticked with the keyboard", async () => {
    s = await openApp('source-options-keep');
    const { page } = s;
    await dropFiles(page, [{ name: 'takeout.zip', content: keepTakeoutZip(s.dir), mimeType: 'application/zip' }]);
    const detected = page.getByTestId('detected-source');
    await detected.filter({ hasText: 'Google Keep Takeout — 6 notes' }).waitFor();
    expect(await detected.textContent()).toContain('1 trashed note skipped');
    // A zip is no uncompressed file; a preset's export holds sessions and contexts, which 'all' did not say.
    expect(await page.getByTestId('detected-compression').textContent()).toBe('Zip archive');
    expect(await page.getByTestId('detected-type').textContent()).toBe('sessions and contexts');

    const trashed = page.getByRole('group', { name: 'Google Keep Takeout options' }).getByRole('checkbox', { name: 'Include trashed notes' });
    expect(await trashed.isChecked()).toBe(false);
    await trashed.focus();
    await page.keyboard.press('Space');
    await detected.filter({ hasText: 'Google Keep Takeout — 7 notes' }).waitFor();
    expect(await trashed.isChecked()).toBe(true);
    expect(await detected.textContent()).not.toContain('trashed note skipped');
    await s.shot('detect-keep-trashed');
  }, 90_000);
});
