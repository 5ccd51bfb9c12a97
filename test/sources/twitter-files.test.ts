/**
 * The pieces of the X (Twitter) preset that need no store: naming an archive file by what it assigns, streaming
 * the JSON after the `=` whatever the chunks, and a post's text, date and long-post key.
 */
import { describe, expect, it } from 'vitest';
import { archiveFileKind, assignedJson } from '../../electron/engine/sources/twitter/ytd.ts';
import { longPostKey, snowflakeDate, tweetText, withoutLeadingMentions } from '../../electron/engine/sources/twitter/text.ts';

async function text(chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of assignedJson(chunks.map((c) => Buffer.from(c)))) out.push(chunk);
  return Buffer.concat(out).toString('utf8');
}

describe('archive files', () => {
  it.each([
    ['window.YTD.tweets.part0 = [', 'tweets'],
    ['window.YTD.tweets.part12 = [', 'tweets'],
    ['window.YTD.tweet.part0 = [', 'tweets'],
    ['window.YTD.community_tweet.part0 = [', 'tweets'],
    ['window.YTD.deleted_tweets.part0 = [', 'deleted'],
    ['window.YTD.note_tweet.part0 = [', 'notes'],
    ['window.YTD.like.part0 = [', 'likes'],
    ['window.YTD.account.part0 = [', 'account'],
    ['window.YTD.direct_messages.part0 = [', 'other'],
    ['window.__THAR_CONFIG = {', 'manifest'],
    ['Grailbird.data.tweets_2010_03 = \n [ {', 'grailbird'],
    ['var user_details =  {', 'user'],
    ['var tweet_index =  [ {', 'viewer'],
    ['\uFEFF  window.YTD.like.part0 = [', 'likes'],
  ])('%j is %s', (head, kind) => {
    expect(archiveFileKind(head)).toBe(kind);
  });

  it.each(['[{"a":1}]', 'const tweets = [', 'window.YTD = {}', 'module.exports = {'])('%j is no archive file', (head) => {
    expect(archiveFileKind(head)).toBeUndefined();
  });

  it('streams what follows the "=", without the closing ";", however the bytes are cut', async () => {
    expect(await text(['window.YTD.like.part0 = [ 1, 2 ];\n'])).toBe(' [ 1, 2 ]');
    expect(await text(['win', 'dow.YTD.like.pa', 'rt0 =', ' [ 1,', ' 2 ]'])).toBe(' [ 1, 2 ]');
    expect(await text(['window.YTD.like.part0 = [ 1, 2 ]', ';', '\n', '  '])).toBe(' [ 1, 2 ]');
    expect(await text(['window.YTD.like.part0 = [ ]'])).toBe(' [ ]');
  });

  it('refuses a file that assigns nothing, naming what it lacks', async () => {
    await expect(text(['[1, 2]'])).rejects.toThrow(/no "name = value" assignment/);
    await expect(text(['x'.repeat(300)])).rejects.toThrow(/no "name = value" assignment/);
  });
});

describe('post text', () => {
  it('expands t.co links, leaves out the media link, unescapes &amp; &lt; &gt; once', () => {
    const urls = [{ url: 'https://t.co/abc', expanded_url: 'https://example.com/page' }];
    const media = [{ url: 'https://t.co/pic' }];
    expect(tweetText('a &gt; b &amp;lt; c https://t.co/abc https://t.co/pic', urls, media)).toBe('a > b &lt; c https://example.com/page');
  });

  it('a reply title starts after its mentions', () => {
    expect(withoutLeadingMentions('@ana @bo_2 hello @cy')).toBe('hello @cy');
    expect(withoutLeadingMentions('@ hello')).toBe('@ hello');
    expect(withoutLeadingMentions('hello')).toBe('hello');
  });

  // 1050118621198921728 was posted on Wed Oct 10 20:19:24 +0000 2018 (its created_at).
  it('a snowflake id carries its time; ids before November 2010 do not', () => {
    expect(snowflakeDate('1050118621198921728')).toBe('2018-10-10T20:19:24.211Z');
    expect(snowflakeDate('20')).toBeUndefined();
    expect(snowflakeDate('11406610783')).toBeUndefined();
    expect(snowflakeDate('not-an-id')).toBeUndefined();
  });

  it('a cut post and its long post share a key despite mentions, the cut and the emoji joiners note-tweet.js drops', () => {
    const cut = '@ana 2/100 #100DaysOfCode 👨\u200d💻\n\nRutina de mañana: leer, escribir, programar y luego…';
    const whole = '2/100 #100DaysOfCode 👨💻\n\nRutina de mañana: leer, escribir, programar y luego repetir todo otra vez';
    expect(longPostKey('2024-01-30T08:14:27.000Z', cut)).toBe(longPostKey('2024-01-30T08:14:27.000Z', whole));
    expect(longPostKey('2024-01-30T08:14:28.000Z', cut)).not.toBe(longPostKey('2024-01-30T08:14:27.000Z', whole));
  });
});
