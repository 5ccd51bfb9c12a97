/**
 * An X (Twitter) archive's files dropped on the window together (tweets.js, account.js, like.js, the photo):
 * the Detect step names the tool and what it found, says the likes are dated by the liked post, the first
 * records are posts, and the import puts every post and like in the account's session.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropFiles, filesFromDisk, openApp, type Session } from './harness.ts';
import { countOf, goTo } from './steps.ts';

const DATA = path.resolve(import.meta.dirname, '../fixtures/real/twitter/milahu/data');

describe('X (Twitter) archive', () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('files dropped together are one archive: detected, warned about undated likes, imported into the account', async () => {
    s = await openApp('twitter-archive');
    const { page } = s;
    await dropFiles(
      page,
      filesFromDisk(['tweets.js', 'account.js', 'like.js', 'tweets_media/2009609488027070672-G-ORHopX0AExj6w.png'].map((f) => path.join(DATA, f))),
    );
    await page.getByTestId('detected-format').filter({ hasText: 'X (Twitter) archive' }).waitFor();
    await page.getByText(/like\.js: 4 like\(s\) carry no date of the like/).waitFor();
    // The options the preset declares, rendered from the engine's list.
    const options = page.getByRole('group', { name: 'X (Twitter) archive options' });
    expect(await options.getByRole('combobox', { name: 'Likes (like.js)' }).inputValue()).toBe('keep');
    await page.getByTestId('preview-table').getByText('are you coming to bed? - no, someone is wrong on the internet. #dutycalls #xkcd').first().waitFor();
    await s.shot('detect-twitter');

    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('heading', { name: 'Dry run' }).waitFor();
    // The account, its post and four likes.
    expect(await countOf(page, 'insert')).toBe(6);
    // The dry run's notice covers none of the choices made on this step (it sat on "Existing ids" once), in a
    // window the size of a laptop's, scrolled so that the choices are at its bottom edge.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('group', { name: 'Policy' }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const toast = await page.locator('.toast').boundingBox();
    const policy = await page.getByRole('group', { name: 'Policy' }).boundingBox();
    const run = await page.getByTestId('run-import').boundingBox();
    for (const box of [policy, run]) {
      const apart =
        !toast || !box || toast.x + toast.width <= box.x || box.x + box.width <= toast.x || toast.y + toast.height <= box.y || box.y + box.height <= toast.y;
      expect(apart, JSON.stringify({ toast, box })).toBe(true);
    }
    await s.shot('dry-run-twitter');
    await page.getByTestId('run-import').click();
    await page.getByRole('heading', { name: /Imported|Import complete/ }).waitFor({ timeout: 30_000 });
    await goTo(page, 'Store');
    await page.getByText('are you coming to bed? - no, someone is wrong on the internet. #dutycalls #xkcd').first().waitFor();
    // The titles have the room (no empty Importance column), a long one ends in an ellipsis with the whole of it
    // on hover, and the table fits its card (the ID column was cut off).
    const table = page.getByTestId('contexts-table');
    expect(await table.getByRole('columnheader', { name: 'Importance' }).count()).toBe(0);
    const long = table.getByRole('button', { name: /^Optimum health/ });
    expect(await long.getAttribute('title')).toBe('Optimum health is often achieved by avoiding doctors as much as possible. 😉');
    expect(await long.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await s.shot('store-twitter');
    const sessions = await s.server.service.call('listSessions', {});
    expect(sessions.ok && sessions.value.items.map((x) => x.name)).toEqual(['Milan Hauth (@milahu104)']);
  }, 90_000);
});
