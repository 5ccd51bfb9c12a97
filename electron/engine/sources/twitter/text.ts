/**
 * A post's text as a person reads it on the site, from the archive's `full_text`: the t.co short links replaced
 * by the addresses they stand for, the links to the post's own photos and videos left out (the media are the
 * record's attachments and `metadata.media`), and the three HTML entities Twitter escapes (`&amp;`, `&lt;`,
 * `&gt;`) turned back into their characters. Also the two facts an archive only implies: a post's date from its
 * id, and which long post (note-tweet.js) a truncated `full_text` is the start of.
 */

export interface TweetEntities {
  hashtags?: { text?: string }[];
  user_mentions?: { screen_name?: string }[];
  urls?: { url?: string; expanded_url?: string }[];
  media?: TweetMedia[];
}

export interface TweetMedia {
  url?: string;
  expanded_url?: string;
  media_url_https?: string;
  media_url?: string;
  type?: string;
  ext_alt_text?: string;
  video_info?: { variants?: { url?: string; content_type?: string; bitrate?: string | number }[] };
}

const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const ENTITY_CHAR: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function unescapeTweet(text: string): string {
  return text.replace(ENTITY, (_, name: string) => ENTITY_CHAR[name]!);
}

/** `full_text` with its links expanded and its media links left out; `urls` and `media` as the entities list them. */
export function tweetText(text: string, urls: TweetEntities['urls'], media: TweetMedia[]): string {
  let out = text;
  for (const u of Array.isArray(urls) ? urls : []) if (u?.url && u.expanded_url) out = out.split(u.url).join(u.expanded_url);
  for (const m of Array.isArray(media) ? media : []) if (m?.url) out = out.split(m.url).join('');
  return unescapeTweet(out).trimEnd();
}

/** A long post's text (note-tweet.js writes it unescaped, with `shortUrl`/`expandedUrl` pairs) with its links expanded. */
export function noteText(text: string, urls: { shortUrl?: string; expandedUrl?: string }[] | undefined): string {
  let out = text;
  for (const u of Array.isArray(urls) ? urls : []) if (u?.shortUrl && u.expandedUrl) out = out.split(u.shortUrl).join(u.expandedUrl);
  return out.trimEnd();
}

/** The text without the `@name` mentions a reply starts with: what a title should show. */
export function withoutLeadingMentions(text: string): string {
  let i = 0;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] !== '@') break;
    let j = i + 1;
    while (j < text.length && /\w/.test(text[j]!)) j++;
    if (j === i + 1) break;
    i = j;
  }
  return text.slice(i);
}

/** Ids made from 2010-11-04 on (Twitter's "snowflake" ids) carry their time: milliseconds since Twitter's epoch, shifted 22 bits. */
const TWITTER_EPOCH = 1288834974657n;
const FIRST_SNOWFLAKE = 30_000_000_000n;

export function snowflakeDate(id: string | undefined): string | undefined {
  if (!id || !/^\d{11,20}$/.test(id)) return undefined;
  const n = BigInt(id);
  if (n < FIRST_SNOWFLAKE) return undefined;
  const ms = Number((n >> 22n) + TWITTER_EPOCH);
  return Number.isFinite(ms) && ms < Date.now() + 86_400_000 ? new Date(ms).toISOString() : undefined;
}

/**
 * What a post and the long post it starts have in common: the same second, and the same first words once the
 * reply's leading mentions, the `…` and links of the cut, and the emoji joiners note-tweet.js drops are gone.
 */
export function longPostKey(createdAt: string, text: string): string {
  // The first words are enough, whatever the text's length (a 50 MB post once became an array of characters).
  const words = withoutLeadingMentions(text.slice(0, 1000))
    .replace(/[\u200d\ufe0f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${createdAt.slice(0, 19)}|${Array.from(words).slice(0, 40).join('')}`;
}
