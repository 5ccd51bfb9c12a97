/**
 * The Mastodon preset on real archives (test/fixtures/real/mastodon, SOURCES.md), through the real CLI: posts
 * become contexts typed `post` with Markdown content, hashtags as tags and mentions in metadata (not `Create`
 * contexts with HTML and `@name` tags, as the plain JSON reader gave); boosts hold the boosted URL instead of
 * being empty; likes are contexts holding their URL, never one record whose content is the `@context` URL.
 * A written archive zip covers what the real ones lack: media files in the archive, bookmarks, unlisted posts,
 * the keep/skip options, activities that are no posts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { closeStores, storeOf } from './stored.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/mastodon');
afterEach(closeStores);

function zipWith(dir: string, name: string, entries: Record<string, string>): string {
  const file = path.join(dir, name);
  const script = `import zipfile,json,sys,base64\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor k,v in json.loads(sys.stdin.read()).items(): z.writestr(k,base64.b64decode(v) if k.startswith('media_attachments/') else v)\nz.close()`;
  execFileSync('python3', ['-c', script, file], { input: JSON.stringify(entries) });
  return file;
}

const AS = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS}#Public`;
const ME = 'https://example.social/users/ana';
const outbox = (items: unknown[]) =>
  JSON.stringify({ '@context': AS, id: 'outbox.json', type: 'OrderedCollection', totalItems: items.length, orderedItems: items });
const create = (n: number, object: Record<string, unknown>, to = [PUBLIC], cc = [`${ME}/followers`]) => ({
  id: `${ME}/statuses/${n}/activity`,
  type: 'Create',
  actor: ME,
  published: `2024-05-0${n}T10:00:00Z`,
  to,
  cc,
  object: {
    id: `${ME}/statuses/${n}`,
    type: 'Note',
    published: `2024-05-0${n}T10:00:00Z`,
    url: `https://example.social/@ana/${n}`,
    to,
    cc,
    tag: [],
    attachment: [],
    ...object,
  },
});

describe('Mastodon archives (real)', () => {
  it('the archive folder: posts as Markdown with hashtags as tags and mentions in metadata, boosts hold their URL, likes their URL, all in the account', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'archive')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Mastodon archive — 22 posts, 1 account, 16 media files not in the archive, 5 boosts, 1,115 likes');
    expect(run.stdout).toMatch(/likes\.json: 1,115 like\(s\) carry no date; each was given the file's modification time/);
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: '@dealingwith@indieweb.social', description: 'ennui. far too much more info at link below' })]);
    expect(contexts).toHaveLength(22 + 5 + 1115);
    expect(new Set(contexts.map((c) => c.sessionId))).toEqual(new Set([sessions[0]!.id]));
    expect(new Set(contexts.map((c) => c.type))).toEqual(new Set(['post', 'boost', 'like']));
    // Nothing empty, nothing HTML, no record made of the @context.
    for (const c of contexts) {
      expect(c.content.trim(), c.title).not.toBe('');
      expect(c.content).not.toMatch(/<(p|span|a)\b/);
      expect(c.content).not.toBe(AS);
    }
    const cat = contexts.find((c) => c.content.includes('is serious business on Mastodon'))!;
    expect(cat).toMatchObject({
      type: 'post',
      title: '"#caterday is serious business on Mastodon. Send me a photo of Harley."',
      tags: ['caterday'],
      createdAt: '2022-11-13T01:13:27.000Z',
    });
    expect(cat.metadata).toMatchObject({ source: 'mastodon', visibility: 'public', sensitive: false, mediaCount: 1 });
    expect((cat.metadata!.media as { description: string }[])[0]!.description).toBe('Picture of a white cat laying on a white couch');
    const mention = contexts.find((c) => c.content.startsWith("@obsolete29 I'm reminded"))!;
    expect(mention.content).toBe("@obsolete29 I'm reminded of this classic https://www.ftrain.com/wwic by @ftrain");
    expect(mention).toMatchObject({ tags: [], metadata: { mentions: ['@obsolete29', '@ftrain@tilde.zone'] } });
    const cw = contexts.find((c) => c.title === 'Personal website updates...')!;
    expect(cw.content).toBe("@willd I'd be interested in details of your experience running Hugo on Cloudflare");
    expect(cw.metadata).toMatchObject({
      contentWarning: 'Personal website updates...',
      sensitive: true,
      inReplyTo: expect.stringContaining('/willd/statuses/'),
    });
    expect(contexts.find((c) => c.content.includes('SharePoint assist'))!.metadata!.visibility).toBe('direct');
    expect(contexts.find((c) => c.content.startsWith('@s0mmer IANAL'))!.metadata!.visibility).toBe('followers');
    const boost = contexts.find((c) => c.type === 'boost' && c.content.includes('b0rk'))!;
    expect(boost).toMatchObject({ content: 'https://mastodon.social/users/b0rk/statuses/109541125577367957', createdAt: expect.stringMatching(/^2022-12-/) });
    const like = contexts.find((c) => c.type === 'like')!;
    expect(like.content).toMatch(/^https:\/\/\S+$/);
    expect(like.metadata).toMatchObject({ url: like.content, sourceId: `like:${like.content}` });
  });

  it('outbox.json alone (pretty-printed, another server): detected; the session is the account the activities name; a second import finds the same posts', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const run = cli(['import', path.join(REAL, 'outbox.json')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Mastodon archive — 4 posts, 1 account');
    const { contexts, sessions } = storeOf(db);
    expect(sessions.map((s) => s.name)).toEqual(['@purplerain@o3o.ca']);
    const first = contexts.find((c) => c.metadata?.sourceId === 'https://o3o.ca/users/purplerain/statuses/105965176447809959')!;
    expect(first).toMatchObject({ type: 'post', createdAt: '2021-03-28T02:57:55.000Z', tags: [] });
    expect(first.content).toMatch(/^第一次见沙尘暴/);
    const again = cli(['import', path.join(REAL, 'outbox.json'), '--skip-duplicates', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number; unchangedRecords: number }>()).toMatchObject({ insertedRecords: 0, unchangedRecords: 5 });
  });
});

describe('Mastodon archive files given side by side', () => {
  it('outbox.json, actor.json and likes.json named together (dropped together) are one input: the account from actor.json is their session', () => {
    const db = path.join(tempDir(), 'store.db');
    const dir = path.join(REAL, 'archive');
    const run = cli(['import', path.join(dir, 'outbox.json'), path.join(dir, 'actor.json'), path.join(dir, 'likes.json'), '--json'], {
      env: { CONTEXT_STORE_DB: db },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ inputs: { source: { summary: string } }[]; warnings: string[] }>();
    expect(result.inputs).toHaveLength(1);
    expect(result.inputs[0]!.source.summary).toMatch(/^Mastodon archive — 22 posts, 1 account, .*1,115 likes/);
    expect(result.warnings.join('\n')).not.toMatch(/found nothing/);
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: '@dealingwith@indieweb.social', description: 'ennui. far too much more info at link below' })]);
    expect(new Set(contexts.map((c) => c.sessionId))).toEqual(new Set([sessions[0]!.id]));
  });

  it('files in different folders stay inputs of their own', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'outbox.json'), path.join(REAL, 'archive', 'outbox.json'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ inputs: unknown[] }>().inputs).toHaveLength(2);
  });
});

describe('Mastodon archives (written for what the real ones lack)', () => {
  const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
  function archive(dir: string) {
    return zipWith(dir, 'archive-20240601.zip', {
      'outbox.json': outbox([
        create(1, {
          content: '<p>Look <a href="https://example.social/tags/Cats" class="mention hashtag" rel="tag">#<span>Cats</span></a><br>second line</p>',
          tag: [{ type: 'Hashtag', name: '#Cats', href: 'https://example.social/tags/cats' }],
          attachment: [
            { type: 'Document', mediaType: 'image/png', url: '/example/media_attachments/files/1/original/cat.png', name: 'a cat' },
            { type: 'Document', mediaType: 'image/png', url: 'https://files.example.social/media_attachments/files/2/original/gone.png', name: null },
          ],
        }),
        create(2, { content: '<p>quiet one</p>' }, [`${ME}/followers`], [PUBLIC]),
        {
          id: `${ME}/statuses/3/activity`,
          type: 'Announce',
          actor: ME,
          published: '2024-05-03T10:00:00Z',
          to: [PUBLIC],
          cc: [],
          object: 'https://other.social/users/bo/statuses/9',
        },
        { id: `${ME}/statuses/4/delete`, type: 'Delete', actor: ME, object: `${ME}/statuses/0` },
      ]),
      'actor.json': JSON.stringify({
        '@context': [AS],
        id: ME,
        type: 'Person',
        preferredUsername: 'ana',
        name: 'Ana B',
        outbox: 'outbox.json',
        published: '2020-01-01T00:00:00Z',
      }),
      'bookmarks.json': JSON.stringify({
        '@context': AS,
        id: 'bookmarks.json',
        type: 'OrderedCollection',
        orderedItems: ['https://other.social/users/bo/statuses/7'],
      }),
      'likes.json': JSON.stringify({ '@context': AS, id: 'likes.json', type: 'OrderedCollection', orderedItems: ['https://other.social/users/bo/statuses/8'] }),
      'media_attachments/files/1/original/cat.png': png.toString('base64'),
      'avatar.png': 'x',
    });
  }

  it('the archive zip: a media file in the archive is an attachment, one that is not is named with a count; unlisted; bookmarks; other activities counted', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const run = cli(['import', archive(dir), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ inputs: { source: { summary: string } }[]; warnings: string[] }>();
    expect(result.inputs[0]!.source.summary).toBe(
      'Mastodon archive — 2 posts, 1 attachment, 1 media file not in the archive, 1 account, 1 boost, 1 bookmark, 1 like, 1 other activity skipped',
    );
    expect(result.warnings.join('\n')).toMatch(/1 activity not imported \(no posts or boosts\): Delete 1/);
    expect(result.warnings.join('\n')).toMatch(/avatar\.png/);
    const { contexts, sessions, store } = storeOf(db);
    expect(sessions.map((s) => s.name)).toEqual(['Ana B (@ana@example.social)']);
    const post = contexts.find((c) => c.metadata?.sourceId === `${ME}/statuses/1`)!;
    expect(post).toMatchObject({ title: 'Look #Cats', content: 'Look #Cats\nsecond line', tags: ['Cats'], type: 'post' });
    expect(post.metadata).toMatchObject({
      mediaCount: 2,
      media: [{ description: 'a cat', file: 'media_attachments/files/1/original/cat.png' }, { url: expect.stringContaining('gone.png') }],
    });
    const full = store.contexts.get(post.id, { includeBinaryData: true })!;
    expect(full.attachments).toEqual([expect.objectContaining({ name: 'cat.png', mimeType: 'image/png', size: png.length })]);
    expect(contexts.find((c) => c.content === 'quiet one')!.metadata!.visibility).toBe('unlisted');
    expect(contexts.find((c) => c.type === 'bookmark')).toMatchObject({ content: 'https://other.social/users/bo/statuses/7' });
  });

  it('boosts, likes and bookmarks can be skipped, and are counted', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const args = ['import', archive(dir), '--json', '--source-option', 'boosts=skip', '--source-option', 'likes=skip', '--source-option', 'bookmarks=skip'];
    const run = cli(args, { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ inputs: { source: { summary: string } }[]; warnings: string[] }>();
    expect(result.inputs[0]!.source.summary).toMatch(/2 posts, .*1 boost skipped/);
    expect(result.warnings.join('\n')).toMatch(/likes\.json: likes not imported \(the option likes=skip\)/);
    expect(result.warnings.join('\n')).toMatch(/bookmarks\.json: bookmarks not imported/);
    expect(new Set(storeOf(db).contexts.map((c) => c.type))).toEqual(new Set(['post']));
    expect(fs.existsSync(db)).toBe(true);
  });
});
