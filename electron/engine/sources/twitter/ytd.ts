/**
 * An X (Twitter) archive keeps its data as JavaScript, not JSON: `window.YTD.tweets.part0 = [ … ]` (archives
 * since 2019), `Grailbird.data.tweets_2013_01 = [ … ]` and `var user_details = { … }` (the archives of
 * 2012–2018). What follows the `=` is JSON. This names a file by what its first bytes assign, and streams the
 * JSON after the `=` (without a closing `;`), so a 2 GB tweets.js goes through the JSON byte scanner one tweet
 * at a time, its line numbers unchanged.
 */
import type { InputEntry } from '../source.ts';

/** What a file of the archive holds, for this preset. */
export type ArchiveFileKind =
  | 'tweets' // tweets.js, tweet.js (2019), community-tweet.js: the account's posts
  | 'deleted' // deleted-tweets.js: posts deleted in the 14 days before the archive was made
  | 'notes' // note-tweet.js: the whole text of posts longer than 280 characters
  | 'likes' // like.js
  | 'account' // account.js
  | 'profile' // profile.js
  | 'manifest' // manifest.js: who the archive is of, and its files
  | 'grailbird' // data/js/tweets/YYYY_MM.js (2012–2018)
  | 'user' // data/js/user_details.js (2012–2018)
  | 'viewer' // the archive viewer's own index files (tweet_index.js, payload_details.js)
  | 'other'; // direct messages, followers, ads, …: not read, and said

const YTD_GLOBAL = /^window\.YTD\.([A-Za-z0-9_]+)\.part\d+\s*=/;
const GRAILBIRD_GLOBAL = /^Grailbird\.data\.tweets_\d{4}_\d{2}\s*=/;
const VIEWER_VAR = /^var\s+(user_details|payload_details|tweet_index)\s*=/;
const MANIFEST_GLOBAL = /^window\.__THAR_CONFIG\s*=/;

const YTD_KINDS: Record<string, ArchiveFileKind> = {
  tweets: 'tweets',
  tweet: 'tweets',
  community_tweet: 'tweets',
  deleted_tweets: 'deleted',
  deleted_tweet: 'deleted',
  note_tweet: 'notes',
  deleted_note_tweet: 'notes',
  like: 'likes',
  account: 'account',
  profile: 'profile',
};

/** The kind of an archive file from its first bytes; undefined when it is no archive file at all. */
export function archiveFileKind(head: string): ArchiveFileKind | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const ytd = YTD_GLOBAL.exec(text);
  if (ytd) return YTD_KINDS[ytd[1]!] ?? 'other';
  if (GRAILBIRD_GLOBAL.test(text)) return 'grailbird';
  const viewer = VIEWER_VAR.exec(text);
  if (viewer) return viewer[1] === 'user_details' ? 'user' : 'viewer';
  if (MANIFEST_GLOBAL.test(text)) return 'manifest';
  return undefined;
}

/** Longer than any assignment an archive writes before its `=`. */
const MAX_PREFIX = 256;

/** The bytes after the first `=`, a closing `;` and the blanks around it left out. */
export async function* assignedJson(bytes: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let prefix = Buffer.alloc(0);
  let started = false;
  let held: Buffer | undefined;
  for await (const chunk of bytes) {
    let body = chunk;
    if (!started) {
      prefix = Buffer.concat([prefix, chunk]);
      const equals = prefix.indexOf(0x3d);
      if (equals < 0) {
        if (prefix.length > MAX_PREFIX) throw new Error('no "name = value" assignment at its start, as archive files have');
        continue;
      }
      started = true;
      body = prefix.subarray(equals + 1);
    }
    // A chunk of nothing but the closing `;` and blanks may follow the one whose end is the value's: hold both.
    if (held && trimmedLength(body) === 0) held = Buffer.concat([held, body]);
    else {
      if (held) yield held;
      held = body;
    }
  }
  if (!started) throw new Error('no "name = value" assignment at its start, as archive files have');
  if (held && trimmedLength(held) > 0) yield held.subarray(0, trimmedLength(held));
}

/** The length without a closing `;` and the blanks around it. */
function trimmedLength(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x3b || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x09))
    end--;
  return end;
}

/** The entry as the JSON it assigns: what the JSON readers (json-stream.ts) take. */
export function asJsonEntry(entry: InputEntry): InputEntry {
  return {
    ...entry,
    open: () => assignedJson(entry.open()),
    head: async (bytes = 64 * 1024) => {
      const head = await entry.head(bytes + MAX_PREFIX);
      const chunks: Buffer[] = [];
      for await (const chunk of assignedJson([head])) chunks.push(chunk);
      return Buffer.concat(chunks).subarray(0, bytes);
    },
    readAll: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of assignedJson(entry.open())) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
  };
}
