/**
 * API dumps other programs saved (test/fixtures/real/api-dumps, SOURCES.md), the way a user scripts them: the
 * suggested mapping, then the import with it, through the real CLI. Each once failed whole (a strict import is
 * all or nothing): a tweet in extended mode had no text (`full_text` was no content), a Reddit listing's
 * `data.title` tied with its embedded video's `data.media.oembed.title` and neither was mapped, a GitHub issue's
 * `body: null` and a Hacker News story without `text` were "content is required", Reddit's `created` (shifted
 * by the server's zone) beat `created_utc`, and Discord's `attachments` stood in for the store's (its empty
 * lists, sampled first, hid the one holding a file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context } from '../../shared/model.ts';

const DUMPS = path.resolve(__dirname, '../fixtures/real/api-dumps');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** suggest-mapping, then import with what it printed; the stored contexts by their id in the file. */
function importSuggested(file: string, ...args: string[]): { run: ReturnType<typeof cli>; suggested: ReturnType<typeof cli>; contexts: Context[] } {
  const dir = tempDir();
  const env = { CONTEXT_STORE_DB: path.join(dir, 'store.db') };
  const suggested = cli(['suggest-mapping', path.join(DUMPS, file)], { env });
  expect(suggested.code, suggested.stderr).toBe(0);
  const mapping = path.join(dir, 'mapping.json');
  fs.writeFileSync(mapping, suggested.stdout);
  const run = cli(['import', path.join(DUMPS, file), '--mapping', mapping, ...args], { env });
  const store = Store.open(env.CONTEXT_STORE_DB);
  opened.push(store);
  return { run, suggested, contexts: store.contexts.list({}, 1000, 0) as Context[] };
}

describe('API dumps through the suggested mapping', () => {
  it('a tweet saved in extended mode (twitter v1.1, tweet_mode=extended): full_text is the content, created_at its date (with its zone)', () => {
    const { run, suggested, contexts } = importSuggested('twitter-extended-mode.json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(suggested.stdout).fieldMappings).toMatchObject({ full_text: 'content', created_at: 'createdAt' });
    expect(suggested.stderr).not.toMatch(/created_at -> createdAt .*carry no zone/);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.content).toMatch(/^has more details about these changes\./);
    expect(contexts[0]!.createdAt).toBe('2016-10-03T00:23:22.000Z');
  });

  it("a Reddit listing: the post's own title and selftext, not its embedded video's; created_utc; a link post imports with empty content", () => {
    const { run, suggested, contexts } = importSuggested('reddit-frontpage-listing.json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const mapping = JSON.parse(suggested.stdout) as { fieldMappings: Record<string, string>; transformations: { customFunction?: string }[] };
    expect(mapping.fieldMappings).toMatchObject({ 'data.title': 'title', 'data.selftext': 'content', 'data.created_utc': 'createdAt' });
    expect(Object.keys(mapping.fieldMappings)).not.toContain('data.created');
    // No stand-in from inside another object: an embed's HTML is not a post's text.
    expect(JSON.stringify(mapping.transformations)).not.toMatch(/media_embed/);
    expect(contexts).toHaveLength(4);
    const self = contexts.find((c) => c.title === 'TIFU by giving my girlfriends cat a chance to kill us.')!;
    expect(self.content).toMatch(/^Normally when I go to bed/);
    expect(self.createdAt).toBe('2016-10-20T15:02:59.000Z');
    const link = contexts.find((c) => c.title === 'Red Dead Redemption 2 Official Trailer')!;
    expect(link.content).toBe('');
  });

  it('GitHub issues whose body is null import with empty content and their labels as tags', () => {
    const { run, contexts } = importSuggested('github-issues-page1.json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(contexts.map((c) => c.title).sort()).toEqual(['Test issue 11', 'Test issue 12', 'Test issue 13']);
    expect(contexts.every((c) => c.content === '')).toBe(true);
  });

  it('Hacker News items: a story without text is imported, not the reason the whole file failed', () => {
    const { run, contexts } = importSuggested('hn-items.json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(contexts).toHaveLength(6);
    expect(contexts.find((c) => c.title === 'My YC app: Dropbox - Throw away your USB drive')).toMatchObject({ type: 'story', content: '' });
  });

  it("a Discord channel (DiscordChatExporter): its attachments go to metadata, its author's name is the author; a repeated id names the options", () => {
    const strict = importSuggested('discord-channel.json');
    expect(strict.run.code).not.toBe(0);
    expect(strict.run.stderr).toMatch(/repeats an earlier record of this import.*--skip-duplicates, --overwrite-existing or --merge on the command line/);
    const { run, suggested, contexts } = importSuggested('discord-channel.json', '--skip-duplicates');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(suggested.stdout).fieldMappings).toMatchObject({ attachments: 'metadata.attachments', 'author.name': 'metadata.author' });
    expect(contexts).toHaveLength(4);
    const withFile = contexts.find((c) => Array.isArray(c.metadata?.attachments) && (c.metadata!.attachments as unknown[]).length > 0)!;
    expect(withFile.metadata!.attachments).toEqual([expect.objectContaining({ fileName: 'unknown.png' })]);
  });
});
