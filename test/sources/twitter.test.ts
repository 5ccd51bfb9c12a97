/**
 * The X (Twitter) preset on real archives (test/fixtures/real/twitter, SOURCES.md), through the real CLI. Before
 * it, `tweets.js` was FORMAT_UNDETECTED (JavaScript, not JSON), and a tweets dump's `created_at` no date.
 * Now posts are contexts with their links expanded and entities unescaped, a long post whole from note-tweet.js,
 * hashtags as tags, the account as the session; likes and recently deleted posts are contexts of their own.
 * A written archive covers what the real ones lack: parts, edits, the options, a malformed post, a lone like.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { closeStores, storeOf } from './stored.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/twitter');
afterEach(closeStores);

function zipWith(dir: string, name: string, entries: Record<string, string>): string {
  const file = path.join(dir, name);
  const script = `import zipfile,json,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor k,v in json.loads(sys.stdin.read()).items(): z.writestr(k,v)\nz.close()`;
  execFileSync('python3', ['-c', script, file], { input: JSON.stringify(entries) });
  return file;
}

interface Result {
  inputs: { source: { summary: string } }[];
  warnings: string[];
  insertedRecords: number;
}

describe('X (Twitter) archives (real)', () => {
  it('alrocar/x: posts with links expanded and entities unescaped, long posts whole, a retweet, the account as the session', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'alrocar'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.summary).toBe(
      'X (Twitter) archive — 6 posts, 1 account, 2 long posts made whole, 1 retweet, 6 media files not in the archive, 1 long post whose post is missing',
    );
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([
      expect.objectContaining({ name: 'alrocar 🥘 (@alrocar)', description: 'Data Engineer @tinybirdco', createdAt: '2009-06-30T07:52:16.000Z' }),
    ]);
    expect(contexts).toHaveLength(8);
    expect(new Set(contexts.map((c) => c.sessionId))).toEqual(new Set([sessions[0]!.id]));

    // A long post: tweets.js cuts it at "-…" and writes "&gt;&gt;"; note-tweet.js has it whole.
    const long = contexts.find((c) => c.metadata?.sourceId === '1752243867426926637')!;
    expect(long).toMatchObject({ type: 'tweet', title: '2/100 #100DaysOfCode 👨‍💻', tags: ['100DaysOfCode'], createdAt: '2024-01-30T08:14:27.000Z' });
    expect(long.content).toContain('- Revisar PRs: trabajo (casi) terminado >> trabajo WIP\n- Programar un rato\n- Repetir\n\n¿Cuál es la vuestra?');
    expect(long.metadata).toMatchObject({
      url: 'https://x.com/alrocar/status/1752243867426926637',
      longPost: true,
      likeCount: 7,
      lang: 'es',
      client: 'Twitter Web App',
    });
    // A long reply: its title is its words, not the people it answers.
    const reply = contexts.find((c) => c.metadata?.sourceId === '1760611342728208575')!;
    expect(reply.title).toMatch(/^A tope con lo declarativo/);
    expect(reply.content).toMatch(/cuando tenga un rato lo explico un poco mejor 🙏$/);
    expect(reply.metadata).toMatchObject({ inReplyTo: 'https://x.com/borlanco/status/1760607147736416726', mentions: ['@borlanco', '@Longor'] });
    // Links: t.co replaced by where it leads; the link to the post's own photos left out (they are media).
    const links = contexts.find((c) => c.metadata?.sourceId === '1764216599848866267')!;
    expect(links.content).toContain('https://github.com/planetfederal/gxp/pull/117');
    expect(links.content).not.toContain('t.co/');
    const gif = contexts.find((c) => c.metadata?.sourceId === '1838277097510297609')!;
    expect(gif.content).toBe(
      'Mañana hay una sesión explicando cómo funcionan las vistas materializadas en Tinybird => http://tbrd.co/master-mvs\n\nSi trabajas con datos yo me apuntaría (aunque no uses Tinybird)',
    );
    expect(gif.metadata).toMatchObject({ mediaCount: 1, media: [{ type: 'animated_gif', video: 'https://video.twimg.com/tweet_video/GYLfI0PX0AACZtr.mp4' }] });
    const photos = contexts.find((c) => c.metadata?.sourceId === '1731262316761469136')!;
    expect(photos.content).toBe(
      '• Saturn-60 black aluminum + brass handle\n• PCB Titan-60\n• Everglide EG jade black lubbed\n• Durock v2 stabs\n• NP PBT blank keycaps',
    );
    expect(photos.metadata!.mediaCount).toBe(4);
    expect(contexts.find((c) => c.type === 'retweet')).toMatchObject({ title: 'RT @notasintel: #DANA', tags: ['DANA'] });
    // The long post whose cut post is not in this (shortened) tweets.js: a context of its own, said.
    const alone = contexts.find((c) => c.metadata?.sourceId === 'note:1712845355925082112')!;
    expect(alone).toMatchObject({ type: 'tweet', createdAt: '2023-10-13T14:58:50.000Z' });
    expect(alone.content).toMatch(/^Data engineers, say goodbye to manual tests!/);
    expect(result.warnings.join('\n')).toMatch(/1712845355925082112: a long post \(note-tweet\.js\) whose post is not in the archive's tweets/);
    // Nothing escaped, nothing shortened by t.co in any post's text.
    for (const c of contexts) expect(c.content, c.title).not.toMatch(/&(gt|lt|amp);|https:\/\/t\.co\//);
  });

  it('milahu: a post with its photo from tweets_media, likes dated by the liked post, a recently deleted post, files not read named', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'milahu'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.summary).toBe('X (Twitter) archive — 1 post, 1 attachment, 1 account, 1 deleted post, 4 likes');
    expect(result.warnings.join('\n')).toMatch(
      /like\.js: 4 like\(s\) carry no date of the like; each is dated by when the liked post was written \(from its id\)/,
    );
    expect(result.warnings.join('\n')).toMatch(/not read: data\/verified\.js\./);
    const { contexts, sessions, store } = storeOf(db);
    expect(sessions.map((s) => s.name)).toEqual(['Milan Hauth (@milahu104)']);
    const post = contexts.find((c) => c.metadata?.sourceId === '2009609488027070672')!;
    expect(post).toMatchObject({
      type: 'tweet',
      title: 'are you coming to bed? - no, someone is wrong on the internet. #dutycalls #xkcd',
      tags: ['dutycalls', 'xkcd'],
    });
    expect(post.content).toBe('@DudespostingWs are you coming to bed? - no, someone is wrong on the internet. #dutycalls #xkcd');
    const full = store.contexts.get(post.id, { includeBinaryData: true })!;
    expect(full.attachments).toEqual([expect.objectContaining({ name: '2009609488027070672-G-ORHopX0AExj6w.png', mimeType: 'image/png', size: 23000 })]);
    const likes = contexts.filter((c) => c.type === 'like');
    expect(likes).toHaveLength(4);
    const like = likes.find((c) => c.metadata?.likedPostId === '2029899465780269491')!;
    expect(like).toMatchObject({
      title: 'Optimum health is often achieved by avoiding doctors as much as possible. 😉',
      createdAt: '2026-03-06T12:38:41.007Z',
    });
    expect(like.content).toBe(
      '@SamaHoole Optimum health is often achieved by avoiding doctors as much as possible. 😉\n\nhttps://twitter.com/i/web/status/2029899465780269491',
    );
    // A like whose text the account could not see: its URL, never an empty context.
    expect(likes.find((c) => c.title === 'Liked post')!.content).toMatch(/^https:\/\/twitter\.com\/i\/web\/status\/\d+$/);
    expect(contexts.find((c) => c.metadata?.deleted)).toMatchObject({
      content: '@BTom1974 +10% inflatino',
      metadata: { deletedAt: '2026-03-01T16:43:07.000Z' },
    });
  });

  it('an archive of 2012–2018 (data/js/tweets): posts dated by created_at, the retweet typed, the account from user_details.js', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'grailbird')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: X (Twitter) archive — 6 posts, 1 account, 1 retweet');
    expect(run.stdout).not.toMatch(/not read/);
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: 'Melissa 🕯 (@0xabad1dea)', createdAt: '2010-03-24T16:31:05.000Z' })]);
    expect(contexts.find((c) => c.tags.includes('AprilFools'))).toMatchObject({ createdAt: '2010-04-01T00:00:00.000Z', type: 'tweet' });
    expect(contexts.find((c) => c.type === 'retweet')!.content).toBe('RT @arstechnica: Complete ACTA text finally leaked - http://arst.ch/h4p');
    expect(contexts.find((c) => c.content.startsWith('Finally got'))!.metadata!.url).toBe('https://x.com/0xabad1dea/status/10987406067');
  });

  it('suggest-mapping on an archive says the import needs no mapping', () => {
    const run = cli(['suggest-mapping', path.join(REAL, 'alrocar')], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Read as X \(Twitter\) archive: `import` needs no mapping for it\./m);
    expect(run.stderr).not.toMatch(/^\s+name ->/m);
  });

  it('tweets.js alone is detected (no account: no session); a second import finds the same posts', () => {
    const db = path.join(tempDir(), 'store.db');
    const file = path.join(REAL, 'alrocar', 'data', 'tweets.js');
    const run = cli(['import', file], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: X (Twitter) archive — 6 posts, 1 retweet');
    expect(storeOf(db).contexts.find((c) => c.metadata?.sourceId === '1752243867426926637')!.metadata!.url).toBe(
      'https://x.com/i/web/status/1752243867426926637',
    );
    const again = cli(['import', file, '--skip-duplicates', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number; unchangedRecords: number }>()).toMatchObject({ insertedRecords: 0, unchangedRecords: 7 });
  });
});

describe('X (Twitter) archive files given side by side', () => {
  it('tweets.js, account.js and like.js named together are one input in the account', () => {
    const db = path.join(tempDir(), 'store.db');
    const dir = path.join(REAL, 'milahu', 'data');
    const run = cli(['import', path.join(dir, 'tweets.js'), path.join(dir, 'account.js'), path.join(dir, 'like.js'), '--json'], {
      env: { CONTEXT_STORE_DB: db },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs).toHaveLength(1);
    expect(result.inputs[0]!.source.summary).toBe('X (Twitter) archive — 1 post, 1 media file not in the archive, 1 account, 4 likes');
    const { contexts, sessions } = storeOf(db);
    expect(sessions.map((s) => s.name)).toEqual(['Milan Hauth (@milahu104)']);
    expect(contexts).toHaveLength(5);
    expect(new Set(contexts.map((c) => c.sessionId))).toEqual(new Set([sessions[0]!.id]));
  });

  it("a post's photo dropped beside the data files joins them, as its attachment, instead of being a file of no format", () => {
    const dir = tempDir();
    const data = path.join(REAL, 'milahu', 'data');
    for (const f of ['tweets.js', 'account.js', 'tweets_media/2009609488027070672-G-ORHopX0AExj6w.png'])
      fs.copyFileSync(path.join(data, f), path.join(dir, path.basename(f)));
    const files = ['tweets.js', 'account.js', '2009609488027070672-G-ORHopX0AExj6w.png'].map((f) => path.join(dir, f));
    const run = cli(['import', ...files, '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs).toHaveLength(1);
    expect(result.inputs[0]!.source.summary).toBe('X (Twitter) archive — 1 post, 1 attachment, 1 account');
  });
});

const tweet = (id: string, fullText: string, extra: Record<string, unknown> = {}) => ({
  tweet: { id_str: id, full_text: fullText, created_at: 'Wed Oct 10 20:19:24 +0000 2018', entities: { hashtags: [], urls: [], user_mentions: [] }, ...extra },
});
const ytd = (global: string, items: unknown[], end = '') => `window.YTD.${global} = ${JSON.stringify(items, null, 2)}${end}`;

describe('X (Twitter) archives (written for what the real ones lack)', () => {
  function archive(dir: string) {
    return zipWith(dir, 'twitter-2024-06-01.zip', {
      'data/manifest.js': `window.__THAR_CONFIG = ${JSON.stringify({ userInfo: { accountId: '42', userName: 'ana', displayName: 'Ana B' } })}`,
      // Parts, a closing ";", CRLF line ends.
      'data/tweets.js': ytd(
        'tweets.part0',
        [tweet('1050118621198921728', 'first &amp; best'), tweet('1050118621198921729', 'RT @bo: boosted…')],
        ';\r\n',
      ).replace(/\n/g, '\r\n'),
      'data/tweets-part1.js': ytd('tweets.part1', [
        // An edited post: two versions, the last one kept.
        tweet('1050118621198921730', 'typo verison', { edit_info: { initial: { editTweetIds: ['1050118621198921730', '1050118621198921731'] } } }),
        tweet('1050118621198921731', 'typo version', {
          edit_info: { edit: { initialTweetId: '1050118621198921730', editControlInitial: { editTweetIds: ['1050118621198921730', '1050118621198921731'] } } },
        }),
        { tweet: { full_text: 'no id' } },
      ]),
      'data/community-tweet.js': ytd('community_tweet.part0', [tweet('1050118621198921732', 'in a community', { community_id_str: '7' })]),
      'data/like.js': ytd('like.part0', [
        { like: { tweetId: '1050118621198921740', fullText: 'liked', expandedUrl: 'https://twitter.com/i/web/status/1050118621198921740' } },
      ]),
      'data/deleted-tweets.js': ytd('deleted_tweets.part0', [tweet('1050118621198921750', 'gone', { deleted_at: 'Thu Oct 11 10:00:00 +0000 2018' })]),
      'data/direct-messages.js': ytd('direct_messages.part0', [{ dmConversation: { conversationId: '1-2', messages: [] } }]),
      'Your archive.html': '<html></html>',
      'assets/js/main.js': 'window.x = 1',
    });
  }

  it('the zip: parts and community posts read, the last version of an edit kept, a malformed post rejected by name, the manifest as the account', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const run = cli(['import', archive(dir), '--json', '--on-error', 'lenient'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(3); // completed, one record rejected
    const result = run.json<Result & { failedRecords: number }>();
    expect(result.inputs[0]!.source.summary).toBe('X (Twitter) archive — 3 posts, 1 account, 1 retweet, 1 deleted post, 1 like');
    expect(result.failedRecords, JSON.stringify(result)).toBe(1);
    expect(JSON.stringify(result)).toMatch(/tweets-part1\.js, post 3 \(line \d+\): not a post \(no id_str or no full_text\)/);
    expect(result.warnings.join('\n')).toMatch(/1 earlier version\(s\) of edited posts not imported/);
    // Direct messages are not read, and said; the archive viewer's own files are not worth a word.
    expect(result.warnings.join('\n')).toMatch(/not read: data\/direct-messages\.js\./);
    expect(result.warnings.join('\n')).not.toMatch(/Your archive\.html|assets\/js/);
    const { contexts, sessions } = storeOf(db);
    expect(sessions.map((s) => s.name)).toEqual(['Ana B (@ana)']);
    expect(contexts.find((c) => c.metadata?.sourceId === '1050118621198921728')).toMatchObject({
      content: 'first & best',
      createdAt: '2018-10-10T20:19:24.000Z',
    });
    expect(contexts.filter((c) => c.content.startsWith('typo')).map((c) => c.content)).toEqual(['typo version']);
    expect(contexts.find((c) => c.content === 'in a community')!.metadata).toMatchObject({ communityId: '7' });
  });

  it('retweets, likes and deleted posts can be left out, and are counted', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const args = [
      'import',
      archive(dir),
      '--json',
      '--on-error',
      'lenient',
      '--source-option',
      'retweets=skip',
      '--source-option',
      'likes=skip',
      '--source-option',
      'deleted=skip',
    ];
    const run = cli(args, { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(3);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.summary).toBe('X (Twitter) archive — 3 posts, 1 account, 1 retweet skipped, 1 deleted post skipped');
    const warnings = result.warnings.join('\n');
    expect(warnings).toMatch(/1 retweet\(s\) not imported \(the option retweets=skip\)/);
    expect(warnings).toMatch(/like\.js: likes not imported \(the option likes=skip\)/);
    expect(warnings).toMatch(/deleted-tweets\.js: deleted posts not imported \(the option deleted=skip\)/);
    expect(new Set(storeOf(db).contexts.map((c) => c.type))).toEqual(new Set(['tweet']));
  });

  it('like.js alone: detected, its likes imported', () => {
    const dir = tempDir();
    const file = path.join(dir, 'like.js');
    fs.writeFileSync(file, ytd('like.part0', [{ like: { tweetId: '1050118621198921740', fullText: 'liked &lt;3' } }]));
    const run = cli(['import', file, '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe('X (Twitter) archive — 0 posts, 1 like');
    expect(storeOf(path.join(dir, 'store.db')).contexts[0]).toMatchObject({
      type: 'like',
      title: 'liked <3',
      content: 'liked <3\n\nhttps://x.com/i/web/status/1050118621198921740',
    });
  });

  it('a tweets.js cut short is a parse error naming the file, not a silent partial import', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tweets.js');
    fs.writeFileSync(file, ytd('tweets.part0', [tweet('1050118621198921728', 'one'), tweet('1050118621198921729', 'two')]).slice(0, -40));
    const run = cli(['import', file, '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/tweets\.js/);
    expect(run.stdout + run.stderr).toMatch(/PARSE_ERROR/);
  });
});

describe('X (Twitter) archive: what the review and the attack found', () => {
  it("a post the preset trips over (null among its hashtags) is that post's error; the posts after it are imported", () => {
    const dir = tempDir();
    const file = path.join(dir, 'tweets.js');
    const bad = tweet('1050118621198921729', 'two', { entities: { hashtags: [null], urls: {}, user_mentions: [null] } });
    fs.writeFileSync(file, ytd('tweets.part0', [tweet('1050118621198921728', 'one'), bad, tweet('1050118621198921730', 'three')]));
    const run = cli(['import', file, '--json', '--on-error', 'lenient'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect([0, 3]).toContain(run.code);
    expect(
      storeOf(path.join(dir, 'store.db'))
        .contexts.map((c) => c.content)
        .sort(),
    ).toEqual(expect.arrayContaining(['one', 'three']));
  });

  it('a photo over the attachment limit is not attached, and said; its post and the posts after it are imported', () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    fs.mkdirSync(path.join(data, 'tweets_media'), { recursive: true });
    fs.writeFileSync(path.join(data, 'tweets.js'), ytd('tweets.part0', [tweet('1050118621198921728', 'big photo'), tweet('1050118621198921730', 'after')]));
    fs.writeFileSync(path.join(data, 'tweets_media', '1050118621198921728-AbCd.jpg'), Buffer.alloc(33 * 1024 * 1024));
    const run = cli(['import', dir, '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.stringify(run.json())).toMatch(/over the 33,554,432 an attachment may have; not attached/);
    expect(
      storeOf(path.join(dir, 'store.db'))
        .contexts.map((c) => c.content)
        .sort(),
    ).toEqual(['after', 'big photo']);
  });

  it('a deleted post left out (deleted=skip) takes its long post with it, instead of the long post coming back as a post', () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    fs.mkdirSync(data, { recursive: true });
    const cut = 'This is a long post that was cut by the archive at two hundred and eighty characters and then…';
    fs.writeFileSync(path.join(data, 'tweets.js'), ytd('tweets.part0', [tweet('1050118621198921728', 'kept')]));
    fs.writeFileSync(
      path.join(data, 'deleted-tweets.js'),
      ytd('deleted_tweets.part0', [tweet('1050118621198921750', cut, { deleted_at: 'Thu Oct 11 10:00:00 +0000 2018' })]),
    );
    fs.writeFileSync(
      path.join(data, 'note-tweet.js'),
      ytd('note_tweet.part0', [
        { noteTweet: { noteTweetId: '9', createdAt: '2018-10-10T20:19:24.000Z', core: { text: `${cut.slice(0, -1)} went on for a while longer.` } } },
      ]),
    );
    const run = cli(['import', dir, '--json', '--source-option', 'deleted=skip'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(storeOf(path.join(dir, 'store.db')).contexts.map((c) => c.content)).toEqual(['kept']);
  });

  it('the same file named twice is read once', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tweets.js');
    fs.writeFileSync(file, ytd('tweets.part0', [tweet('1050118621198921728', 'one')]));
    const run = cli(['import', file, file, '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe('X (Twitter) archive — 1 post');
  });

  it('a text file of no known extension beside the archive files stays an input of its own (a format may read it)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tweets.js'), ytd('tweets.part0', [tweet('1050118621198921728', 'one')]));
    fs.writeFileSync(
      path.join(dir, 'notes'),
      '{"id":"a","title":"A","content":"a","createdAt":"2024-01-01T00:00:00Z"}\n{"id":"b","title":"B","content":"b","createdAt":"2024-01-01T00:00:00Z"}\n',
    );
    const run = cli(['import', path.join(dir, 'tweets.js'), path.join(dir, 'notes'), '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ inputs: unknown[] }>().inputs).toHaveLength(2);
    expect(
      storeOf(path.join(dir, 'store.db'))
        .contexts.map((c) => c.title)
        .sort(),
    ).toEqual(['A', 'B', 'one']);
  });
});
