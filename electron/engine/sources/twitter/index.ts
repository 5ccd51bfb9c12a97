/**
 * An X (Twitter) archive ("Download an archive of your data"): the folder or zip, or its `data/tweets.js` alone.
 * Its files are JavaScript assigning JSON (ytd.ts).
 *
 * - Each post of `tweets.js` (and `tweets-part1.js`…, `community-tweet.js`) is a context of type `tweet`, or
 *   `retweet` for an `RT @…` (option `retweets`): its text with links expanded and entities unescaped (text.ts),
 *   hashtags as tags, mentions, links, the post's URL, reply, language, like and retweet counts, the client in
 *   metadata; its photos and videos as attachments when the archive holds their files (`tweets_media/<id>-…`),
 *   always in `metadata.media`. `created_at` (`Wed Oct 10 20:19:24 +0000 2018`) is its date.
 * - A post longer than 280 characters is cut in tweets.js (`…`); its whole text is in `note-tweet.js`, matched
 *   to the post by second and first words (text.ts `longPostKey`). A long post that matches no post is a
 *   context of its own.
 * - An edited post is in tweets.js once per version: the last version is imported, the earlier ones counted.
 * - `deleted-tweets.js` (posts deleted in the 14 days before the archive was made): contexts with
 *   `metadata.deletedAt` (option `deleted`).
 * - `like.js`: a context of type `like` per liked post, its text and URL (option `likes`). A like carries no
 *   date; it is dated by when the liked post was written (from its id), and said.
 * - `account.js` (else `manifest.js`) with `profile.js` is the session every context is in.
 * - The archives of 2012–2018 (`data/js/tweets/YYYY_MM.js`, `data/js/user_details.js`) read the same way.
 * Direct messages, followers, ads and the rest are not read, and are named.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentWithin, baseName, extOf, isoDate } from '../shared/files.ts';
import { headText, jsonItems } from '../shared/json-stream.ts';
import { jsonItemRecords, notA, type ItemAt, type ItemRecord } from '../shared/json-item-records.ts';
import { messageTitle } from '../shared/chat.ts';
import { keepOrSkipOption, keeps } from '../shared/options.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { parseLegacyDate } from '../../mapping/dates.ts';
import { archiveFileKind, asJsonEntry, type ArchiveFileKind } from './ytd.ts';
import { longPostKey, noteText, snowflakeDate, tweetText, unescapeTweet, withoutLeadingMentions, type TweetEntities, type TweetMedia } from './text.ts';

const ID = 'twitter';

interface Tweet {
  id_str?: string;
  id?: string | number;
  full_text?: string;
  text?: string;
  created_at?: string;
  lang?: string;
  source?: string;
  favorite_count?: string | number;
  retweet_count?: string | number;
  in_reply_to_status_id_str?: string;
  in_reply_to_screen_name?: string;
  possibly_sensitive?: boolean;
  deleted_at?: string;
  community_id_str?: string;
  entities?: TweetEntities;
  extended_entities?: { media?: TweetMedia[] };
  retweeted_status?: { id_str?: string; user?: { screen_name?: string } };
  user?: { screen_name?: string; name?: string; id_str?: string };
  edit_info?: {
    initial?: { editTweetIds?: string[] };
    edit?: { initialTweetId?: string; editControlInitial?: { editTweetIds?: string[] } };
  };
}
interface NoteTweet {
  noteTweetId?: string;
  createdAt?: string;
  updatedAt?: string;
  core?: { text?: string; urls?: { shortUrl?: string; expandedUrl?: string }[]; hashtags?: { text?: string }[]; mentions?: { screenName?: string }[] };
}
interface Like {
  tweetId?: string;
  fullText?: string;
  expandedUrl?: string;
}
interface Owner {
  key: string;
  username?: string;
  name: string;
  description: string;
  createdAt?: string;
  metadata: Record<string, unknown>;
}

/** Files whose name says they may be the archive's, looked at first (an archive also holds its viewer's scripts). */
const LIKELY = /(^|\/)(data\/|tweets?[-_.]|like|account|note-tweet|deleted-tweets|community-tweet|manifest|user_details|\d{4}_\d{2}\.js$)/i;

async function kindOf(entry: InputEntry): Promise<ArchiveFileKind | undefined> {
  if (extOf(entry.path) !== '.js') return undefined;
  return archiveFileKind(await headText(entry, 512));
}

export const twitterSource: SourcePreset = {
  id: ID,
  label: 'X (Twitter) archive',
  description:
    'An X (Twitter) archive (the folder or .zip, or data/tweets.js): posts with links expanded, long posts whole, hashtags as tags, mentions, replies and media; retweets, likes and recently deleted posts as their own contexts; the account as the session. Archives of 2012–2018 (data/js/tweets) too.',
  accepts: ['data/tweets.js', 'like.js', 'the archive folder or .zip'],
  readsTogether: true,
  options: [
    keepOrSkipOption('retweets', 'Retweets', 'a context of type retweet per “RT @…” post'),
    keepOrSkipOption('likes', 'Likes (like.js)', 'a context of type like per liked post, its text and URL the content'),
    keepOrSkipOption(
      'deleted',
      'Recently deleted posts (deleted-tweets.js)',
      'a context per post deleted in the 14 days before the archive was made, with metadata.deletedAt',
    ),
  ],
  async detect(input: ExpandedInput) {
    const scripts = input.entries.filter((e) => extOf(e.path) === '.js');
    const looked = [...scripts.filter((e) => LIKELY.test(e.path)), ...scripts.filter((e) => !LIKELY.test(e.path))].slice(0, 40);
    let best = 0;
    for (const entry of looked) {
      const kind = await kindOf(entry);
      if (kind === 'tweets' || kind === 'grailbird') return 0.95;
      if (kind === 'likes' || kind === 'notes' || kind === 'deleted') best = Math.max(best, 0.9);
      else if (kind) best = Math.max(best, 0.6);
    }
    return best;
  },
  read: readTwitter,
};

const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
/** `<a href="…">Twitter Web App</a>` → `Twitter Web App`. */
const clientName = (source: string | undefined): string | undefined => {
  if (!source) return undefined;
  const start = source.indexOf('>');
  const end = source.indexOf('<', start + 1);
  return (start >= 0 && end > start ? source.slice(start + 1, end) : source).trim() || undefined;
};
const unique = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

async function readOwner(kinds: Map<string, ArchiveFileKind>, byPath: Map<string, InputEntry>, context: SourceReadContext): Promise<Owner | undefined> {
  const first = (kind: ArchiveFileKind) => [...kinds].find(([, k]) => k === kind)?.[0];
  const parse = async <T>(path: string | undefined): Promise<T | undefined> => {
    const entry = path ? byPath.get(path) : undefined;
    if (!entry) return undefined;
    try {
      return JSON.parse((await asJsonEntry(entry).readAll()).toString('utf8')) as T;
    } catch (error) {
      context.warn(`${entry.display}: not read (${(error as Error).message}).`);
      return undefined;
    }
  };
  const account = (await parse<{ account?: Record<string, string> }[]>(first('account')))?.[0]?.account;
  const profile = (await parse<{ profile?: { description?: { bio?: string; website?: string; location?: string } } }[]>(first('profile')))?.[0]?.profile;
  const manifest = (await parse<{ userInfo?: Record<string, string> }>(first('manifest')))?.userInfo;
  const user = await parse<Record<string, string>>(first('user'));
  const username = account?.username ?? manifest?.userName ?? user?.screen_name;
  const accountId = account?.accountId ?? manifest?.accountId ?? user?.id;
  if (!username && !accountId) return undefined;
  const displayName = account?.accountDisplayName ?? manifest?.displayName ?? user?.full_name;
  const handle = username ? `@${username}` : `account ${accountId}`;
  const written = profile?.description?.bio ?? user?.bio;
  const bio = typeof written === 'string' ? written : '';
  return {
    key: `account:${accountId ?? username}`,
    username,
    name: displayName && displayName !== username ? `${displayName} (${handle})` : handle,
    description: unescapeTweet(bio),
    createdAt: isoDate(account?.createdAt) ?? parseLegacyDate(user?.created_at),
    metadata: {
      ...(username ? { username } : {}),
      ...(accountId ? { accountId } : {}),
      ...(displayName ? { displayName } : {}),
      ...(profile?.description?.location || user?.location ? { location: profile?.description?.location ?? user?.location } : {}),
      ...(profile?.description?.website ? { website: profile.description.website } : {}),
    },
  };
}

async function* readTwitter(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  context.count('posts', 0);
  const kinds = new Map<string, ArchiveFileKind>();
  for (const entry of input.entries) {
    const kind = await kindOf(entry);
    if (kind) kinds.set(entry.path, kind);
  }
  const byPath = new Map(input.entries.map((e) => [e.path, e]));
  const grailbird = [...kinds.values()].includes('grailbird');

  // Media files are named by the post they belong to: `tweets_media/<post id>-<media key>.jpg` (or beside the
  // data files, when they were dropped together with them).
  const mediaByPost = new Map<string, InputEntry[]>();
  for (const entry of input.entries) {
    const dir = entry.path.split('/').slice(-2, -1)[0] ?? '';
    const named = /^(\d{6,20})-[\w-]+\.(jpe?g|png|gif|webp|mp4|mov)$/i.exec(baseName(entry.path));
    if (!named || (dir !== '' && !/^(tweets?_media|deleted_tweets_media|community_tweet_media)$/.test(dir))) continue;
    mediaByPost.set(named[1]!, [...(mediaByPost.get(named[1]!) ?? []), entry]);
  }
  const usedMedia = new Set<InputEntry>();

  const owner = await readOwner(kinds, byPath, context);
  let session: string | undefined;
  /** The account's session, yielded before its first context; without the account's own date, dated by that context. */
  function* ownerSession(firstDate: string, tweetUser?: Tweet['user']): Iterable<ItemRecord> {
    if (session) return;
    const who: Owner | undefined =
      owner ??
      (tweetUser?.screen_name
        ? {
            key: `account:${tweetUser.id_str ?? tweetUser.screen_name}`,
            username: tweetUser.screen_name,
            name: `@${tweetUser.screen_name}`,
            description: '',
            metadata: { username: tweetUser.screen_name },
          }
        : undefined);
    if (!who) return;
    session = sourceRecordId(ID, who.key, 'ses');
    context.count('accounts');
    yield {
      recordType: 'sessions',
      value: {
        id: session,
        name: who.name,
        description: who.description,
        createdAt: who.createdAt ?? firstDate,
        metadata: sourceMetadata(ID, who.key, who.metadata),
      },
      warnings: [],
    };
  }
  const username = (): string | undefined => owner?.username;
  const postUrl = (id: string) => (username() ? `https://x.com/${username()}/status/${id}` : `https://x.com/i/web/status/${id}`);

  // Long posts, by the second and first words they share with their cut post in tweets.js (kept in memory:
  // the few an account writes, not the posts).
  const longPosts = new Map<string, NoteTweet>();
  const usedLongPosts = new Set<NoteTweet>();
  for (const [path, kind] of kinds) {
    if (kind !== 'notes') continue;
    const entry = byPath.get(path)!;
    try {
      for await (const item of jsonItems(asJsonEntry(entry), context.maxRecordBytes)) {
        const note = 'value' in item ? (item.value as { noteTweet?: NoteTweet })?.noteTweet : undefined;
        const created = isoDate(note?.createdAt);
        if (!note?.core?.text || !created) {
          context.warn(`${entry.display}, long post ${item.index} (line ${item.line}): not read (${'error' in item ? item.error : 'no text or no date'}).`);
          continue;
        }
        longPosts.set(longPostKey(created, noteText(note.core.text, note.core.urls)), note);
      }
    } catch (error) {
      context.warn(`${entry.display}: not read (${(error as Error).message}).`);
    }
  }

  const undatedLikes = new Map<InputEntry, number>();
  let earlierVersions = 0;
  const skipped = { retweets: 0, likes: 0, deleted: 0 };

  async function* tweetRecord(tweet: Tweet, at: ItemAt, deleted: boolean): AsyncGenerator<ItemRecord> {
    const id = tweet.id_str ?? (tweet.id !== undefined ? String(tweet.id) : undefined);
    const raw = tweet.full_text ?? tweet.text;
    if (!id || typeof raw !== 'string') {
      yield notA(at, 'a post (no id_str or no full_text)');
      return;
    }
    const versions = tweet.edit_info?.initial?.editTweetIds ?? tweet.edit_info?.edit?.editControlInitial?.editTweetIds ?? [];
    const listed = tweet.extended_entities?.media ?? tweet.entities?.media;
    const media = (Array.isArray(listed) ? listed : []).filter((m): m is TweetMedia => typeof m === 'object' && m !== null);
    let content = tweetText(raw, tweet.entities?.urls, media);
    const createdAt = parseLegacyDate(tweet.created_at) ?? isoDate(tweet.created_at) ?? snowflakeDate(id);
    // The long post this cut post starts, if any: taken, so it is not imported again as a post of its own, even
    // when this post is left out below.
    const long = createdAt ? longPosts.get(longPostKey(createdAt, content)) : undefined;
    if (long) usedLongPosts.add(long);
    if (versions.length > 1 && versions.includes(id) && id !== versions[versions.length - 1]) {
      earlierVersions++;
      // Each version has its own copy of the post's media: the earlier ones go with their version.
      for (const file of mediaByPost.get(id) ?? []) usedMedia.add(file);
      return;
    }
    const retweet = raw.startsWith('RT @') || tweet.retweeted_status !== undefined;
    if (retweet && !keeps(context, 'retweets')) {
      skipped.retweets++;
      return;
    }
    // Deleted posts left out (deleted=skip) are still read, for their long posts not to come back as posts.
    if (deleted && !keeps(context, 'deleted')) {
      skipped.deleted++;
      return;
    }
    const warnings: string[] = [];
    if (long) {
      const whole = noteText(long.core!.text!, long.core!.urls);
      // The cut post's quoted or linked posts that the long text does not name stay, on a line of their own.
      const extra = unique((tweet.entities?.urls ?? []).map((u) => u?.expanded_url)).filter((u) => !whole.includes(u) && !u.includes(`/status/${id}`));
      content = [whole, ...extra].join('\n');
    }
    const date = createdAt ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
    if (!createdAt) warnings.push(`${at.where}: no created_at; used ${at.entry.mtime ? "the file's modification time" : 'the import time'} (${date}).`);

    const attachments: Attachment[] = [];
    for (const file of mediaByPost.get(id) ?? []) {
      usedMedia.add(file);
      const attachment = await attachmentWithin(file, (m) => warnings.push(m));
      if (attachment) attachments.push(attachment);
    }
    const missing = Math.max(0, media.length - attachments.length);
    if (attachments.length) context.count('attachments', attachments.length);
    if (missing) context.count('media files not in the archive', missing);
    const mentions = unique([
      ...(tweet.entities?.user_mentions ?? []).map((m) => m?.screen_name),
      ...(long?.core?.mentions ?? []).map((m) => m?.screenName),
    ]).map((m) => `@${m}`);
    const links = unique((tweet.entities?.urls ?? []).map((u) => u?.expanded_url));
    const tags = unique([...(tweet.entities?.hashtags ?? []).map((h) => h?.text), ...(long?.core?.hashtags ?? []).map((h) => h?.text)]);
    const deletedAt = deleted ? (parseLegacyDate(tweet.deleted_at) ?? isoDate(tweet.deleted_at)) : undefined;
    yield* ownerSession(date, tweet.user);
    context.count(deleted ? 'deleted posts' : retweet ? 'retweets' : 'posts');
    if (long) context.count('long posts made whole');
    yield {
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, id),
        title: messageTitle(withoutLeadingMentions(content), media.length ? 'Media post' : 'Post'),
        content,
        type: retweet ? 'retweet' : 'tweet',
        tags,
        sessionId: session ?? null,
        createdAt: date,
        ...(attachments.length ? { attachments } : {}),
        metadata: sourceMetadata(ID, id, {
          url: postUrl(id),
          ...(tweet.in_reply_to_status_id_str
            ? {
                inReplyTo: tweet.in_reply_to_screen_name
                  ? `https://x.com/${tweet.in_reply_to_screen_name}/status/${tweet.in_reply_to_status_id_str}`
                  : `https://x.com/i/web/status/${tweet.in_reply_to_status_id_str}`,
                ...(tweet.in_reply_to_screen_name ? { inReplyToUser: `@${tweet.in_reply_to_screen_name}` } : {}),
              }
            : {}),
          ...(mentions.length ? { mentions } : {}),
          ...(links.length ? { links } : {}),
          ...(tweet.lang && tweet.lang !== 'und' ? { lang: tweet.lang } : {}),
          ...(numberOf(tweet.favorite_count) !== undefined ? { likeCount: numberOf(tweet.favorite_count) } : {}),
          ...(numberOf(tweet.retweet_count) !== undefined ? { retweetCount: numberOf(tweet.retweet_count) } : {}),
          ...(clientName(tweet.source) ? { client: clientName(tweet.source) } : {}),
          ...(tweet.possibly_sensitive ? { sensitive: true } : {}),
          ...(long ? { longPost: true, noteTweetId: long.noteTweetId } : {}),
          ...(versions.length > 1 ? { editedFrom: versions[0], versions: versions.length } : {}),
          ...(deleted ? { deleted: true, ...(deletedAt ? { deletedAt } : {}) } : {}),
          ...(tweet.community_id_str ? { communityId: tweet.community_id_str } : {}),
          ...(media.length ? { media: media.map(mediaMeta), mediaCount: media.length } : {}),
          ...(content !== raw ? { fullText: raw } : {}),
        }),
      },
      warnings,
    };
  }

  // Posts first, then deleted posts, then likes: the Detect step's first records are the account's own posts.
  const order: ArchiveFileKind[] = ['tweets', 'grailbird', 'deleted', 'likes'];
  const rank = (e: InputEntry) => {
    const at = order.indexOf(kinds.get(e.path) ?? 'other');
    return at < 0 ? order.length : at;
  };
  const jsonInput: ExpandedInput = {
    ...input,
    entries: [...input.entries].sort((a, b) => rank(a) - rank(b)).map((e) => (kinds.has(e.path) ? asJsonEntry(e) : e)),
  };
  const readKinds = new Set<ArchiveFileKind>(['tweets', 'deleted', 'likes', 'grailbird']);
  const records = jsonItemRecords(jsonInput, context, {
    itemNoun: async (entry) => {
      const kind = kinds.get(entry.path);
      if (!kind || !readKinds.has(kind)) return undefined;
      if (kind === 'likes') return keeps(context, 'likes') ? 'like' : undefined;
      if (kind === 'deleted') return 'deleted post';
      return 'post';
    },
    async *records(value, at) {
      const kind = kinds.get(at.entry.path)!;
      if (kind === 'likes') {
        const like = (value as { like?: Like })?.like;
        if (!like?.tweetId) {
          yield notA(at, 'a like (no "like" with a tweetId)');
          return;
        }
        const text = like.fullText ? unescapeTweet(like.fullText) : '';
        const url = like.expandedUrl ?? `https://x.com/i/web/status/${like.tweetId}`;
        const written = snowflakeDate(like.tweetId);
        const createdAt = written ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
        undatedLikes.set(at.entry, (undatedLikes.get(at.entry) ?? 0) + 1);
        yield* ownerSession(createdAt);
        context.count('likes');
        yield {
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, `like:${like.tweetId}`),
            title: messageTitle(withoutLeadingMentions(text), 'Liked post'),
            content: text ? `${text}\n\n${url}` : url,
            type: 'like',
            tags: [],
            sessionId: session ?? null,
            createdAt,
            metadata: sourceMetadata(ID, `like:${like.tweetId}`, { url, likedPostId: like.tweetId, ...(written ? { datedBy: 'the liked post’s id' } : {}) }),
          },
          warnings: [],
        };
        return;
      }
      const tweet = kind === 'grailbird' ? (value as Tweet) : ((value as { tweet?: Tweet })?.tweet ?? (value as Tweet));
      if (typeof tweet !== 'object' || tweet === null) {
        yield notA(at, 'a post');
        return;
      }
      yield* tweetRecord(tweet, at, kind === 'deleted');
    },
  });

  let recordNumber = 0;
  let step = await records.next();
  for (; !step.done; step = await records.next()) {
    recordNumber = step.value.recordNumber;
    yield step.value;
  }
  const notRead = step.value;

  // Long posts no post of the archive starts (their post not in this file): each a context of its own.
  for (const note of longPosts.values()) {
    if (usedLongPosts.has(note)) continue;
    const id = `note:${note.noteTweetId}`;
    const content = noteText(note.core!.text!, note.core!.urls);
    for (const record of ownerSession(isoDate(note.createdAt)!)) yield { ...record, recordNumber: ++recordNumber };
    context.count('long posts whose post is missing');
    yield {
      recordNumber: ++recordNumber,
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, id),
        title: messageTitle(withoutLeadingMentions(content), 'Post'),
        content,
        type: 'tweet',
        tags: unique((note.core?.hashtags ?? []).map((h) => h?.text)),
        sessionId: session ?? null,
        createdAt: isoDate(note.createdAt)!,
        ...(isoDate(note.updatedAt) && isoDate(note.updatedAt) !== isoDate(note.createdAt) ? { updatedAt: isoDate(note.updatedAt) } : {}),
        metadata: sourceMetadata(ID, id, { longPost: true, noteTweetId: note.noteTweetId }),
      },
      warnings: [`${note.noteTweetId}: a long post (note-tweet.js) whose post is not in the archive's tweets; imported on its own.`],
    };
  }

  for (const [entry, n] of undatedLikes)
    context.warn(
      `${entry.display}: ${n.toLocaleString('en-US')} like(s) carry no date of the like; each is dated by when the liked post was written (from its id).`,
    );
  if (earlierVersions)
    context.warn(
      `${input.root}: ${earlierVersions.toLocaleString('en-US')} earlier version(s) of edited posts not imported (nor their copies of the media); each post's last version is.`,
    );
  if (skipped.retweets) context.count('retweets skipped', skipped.retweets);
  if (skipped.deleted) context.count('deleted posts skipped', skipped.deleted);
  for (const [path, kind] of kinds) {
    if (kind === 'likes' && !keeps(context, 'likes')) context.warn(`${byPath.get(path)!.display}: likes not imported (the option likes=skip).`);
    if (kind === 'deleted' && !keeps(context, 'deleted')) context.warn(`${byPath.get(path)!.display}: deleted posts not imported (the option deleted=skip).`);
  }
  if (skipped.retweets) context.warn(`${input.root}: ${skipped.retweets.toLocaleString('en-US')} retweet(s) not imported (the option retweets=skip).`);

  // What is not the account's posts: named, except what the archive's own viewer needs to show itself.
  const quiet = (path: string) => {
    const kind = kinds.get(path);
    if (kind && kind !== 'other') return true;
    const entry = byPath.get(path);
    if (entry && usedMedia.has(entry)) return true;
    if (/^(.*\/)?(assets|css|img|js|lib)\//.test(path) && !path.includes('/data/')) return true;
    if (/(^|\/)(Your archive\.html|index\.html|README\.txt)$/i.test(path)) return true;
    // The 2012–2018 archive's tweets.csv holds the same posts as data/js/tweets.
    return grailbird && baseName(path) === 'tweets.csv';
  };
  const others = notRead.filter((p) => !quiet(p));
  if (others.length && input.kind !== 'file')
    context.warn(notReadWarning(input.root, 'not posts, likes or the account (direct messages, followers, ads, …)', others));
}

function mediaMeta(m: TweetMedia): Record<string, unknown> {
  const video = (m.video_info?.variants ?? [])
    .filter((v) => v.content_type === 'video/mp4' && v.url)
    .sort((a, b) => (numberOf(b.bitrate) ?? 0) - (numberOf(a.bitrate) ?? 0))[0]?.url;
  return {
    ...(m.type ? { type: m.type } : {}),
    ...(m.media_url_https || m.media_url ? { url: m.media_url_https ?? m.media_url } : {}),
    ...(video ? { video } : {}),
    ...(m.expanded_url ? { link: m.expanded_url } : {}),
    ...(m.ext_alt_text ? { description: m.ext_alt_text } : {}),
  };
}
