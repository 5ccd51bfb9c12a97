/**
 * A Mastodon account archive ("Request your archive"): `outbox.json` (an ActivityPub `OrderedCollection` of the
 * account's activities; Mastodon writes `"orderedItems":[]` twice, the empty one first), `actor.json` (the
 * account), `likes.json` and `bookmarks.json` (collections of the posts' URLs) and `media_attachments/` (the
 * posts' files), alone or in the archive folder or zip.
 *
 * - A `Create` of a `Note` (also `Article`, `Page`, a poll's `Question`) is a context: the post's HTML as Markdown
 *   (mentions and hashtags as their text, links Mastodon shortens as their address), the content warning
 *   (`summary`) as the title, else the first line; `Hashtag` tags the tags (without `#`), `Mention`s in
 *   `metadata.mentions`; url, inReplyTo, sensitive and the visibility (public, unlisted, followers, direct from
 *   `to`/`cc`) in metadata; media as attachments when the archive holds their files, always in `metadata.media`.
 * - An `Announce` (a boost) names only the boosted post's URL: a context of type `boost` whose content is that
 *   URL (option `boosts`: keep, or skip and count).
 * - `actor.json` is the session (the account) every context is in; without it, the session is the account the
 *   activities name (`@user@host`).
 * - `likes.json` / `bookmarks.json`: a context of type `like` / `bookmark` per URL (options `likes`, `bookmarks`:
 *   keep, or skip and count). They carry no date: the file's own date is used, and said.
 * Other activities (a `Delete`, a `Follow`) are skipped and counted by type.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type TurndownService from 'turndown';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentWithin, baseName, extOf, isoDate, mimeOf } from '../shared/files.ts';
import { headText } from '../shared/json-stream.ts';
import { jsonItemRecords, notA, type ItemRecord } from '../shared/json-item-records.ts';
import { messageTitle } from '../shared/chat.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { htmlToMarkdown } from '../evernote/enml.ts';
import { keepOrSkipOption, keeps } from '../shared/options.ts';

const ID = 'mastodon';
const AS_CONTEXT = /"@context"\s*:\s*(\[\s*)?"https:\/\/www\.w3\.org\/ns\/activitystreams"/;
const ORDERED_ITEMS = /"orderedItems"\s*:\s*\[/;
const ACTIVITY = /"type"\s*:\s*"(Create|Note|Announce)"/;
const COLLECTION = /"type"\s*:\s*"OrderedCollection"/;
const PERSON = /"type"\s*:\s*"(Person|Service|Application|Group|Organization)"/;
const PUBLIC = new Set(['https://www.w3.org/ns/activitystreams#Public', 'as:Public', 'Public']);
const POST_TYPES = new Set(['Note', 'Article', 'Page', 'Question']);

type Kind = 'outbox' | 'actor' | 'likes' | 'bookmarks';

interface AsObject {
  id?: string;
  type?: string;
  summary?: string | null;
  content?: string;
  contentMap?: Record<string, string>;
  inReplyTo?: string | null;
  published?: string;
  updated?: string;
  url?: string;
  attributedTo?: string;
  to?: string[] | string;
  cc?: string[] | string;
  sensitive?: boolean;
  conversation?: string;
  attachment?: { type?: string; mediaType?: string; url?: string; name?: string | null; width?: number; height?: number }[];
  tag?: { type?: string; name?: string; href?: string }[];
  oneOf?: { name?: string; replies?: { totalItems?: number } }[];
  anyOf?: { name?: string; replies?: { totalItems?: number } }[];
  endTime?: string;
}
interface Activity {
  id?: string;
  type?: string;
  actor?: string;
  published?: string;
  to?: string[] | string;
  cc?: string[] | string;
  object?: AsObject | string;
}
interface Actor {
  id?: string;
  type?: string;
  name?: string;
  preferredUsername?: string;
  summary?: string;
  url?: string;
  published?: string;
}

/** What an entry of the archive is, from its name and first bytes (undefined: not one this preset reads). */
async function kindOf(entry: InputEntry): Promise<Kind | undefined> {
  if (extOf(entry.path) !== '.json') return undefined;
  const head = await headText(entry, 32 * 1024);
  if (!AS_CONTEXT.test(head)) return undefined;
  const name = baseName(entry.path).toLowerCase();
  if (ORDERED_ITEMS.test(head) && COLLECTION.test(head)) {
    if (name === 'likes.json') return 'likes';
    if (name === 'bookmarks.json') return 'bookmarks';
    if (ACTIVITY.test(head)) return 'outbox';
    if (name === 'outbox.json') return 'outbox';
    return undefined;
  }
  if (PERSON.test(head) && /"(preferredUsername|outbox)"\s*:/.test(head)) return 'actor';
  return undefined;
}

export const mastodonSource: SourcePreset = {
  id: ID,
  label: 'Mastodon archive',
  description:
    'A Mastodon account archive (outbox.json, or the archive folder or zip): posts as Markdown with their hashtags as tags, mentions, visibility and media; boosts, likes and bookmarks as contexts holding the URL; the account as the session.',
  accepts: ['outbox.json', 'the archive folder or .zip'],
  readsTogether: true,
  options: [
    keepOrSkipOption('boosts', 'Boosts', 'a context of type boost whose content is the boosted post’s URL'),
    keepOrSkipOption('likes', 'Likes (likes.json)', 'a context of type like per liked post, its URL the content'),
    keepOrSkipOption('bookmarks', 'Bookmarks (bookmarks.json)', 'a context of type bookmark per bookmarked post, its URL the content'),
  ],
  async detect(input: ExpandedInput) {
    let best = 0;
    for (const entry of input.entries.filter((e) => extOf(e.path) === '.json').slice(0, 12)) {
      const kind = await kindOf(entry);
      if (kind === 'outbox') return baseName(entry.path).toLowerCase() === 'outbox.json' ? 0.95 : 0.9;
      if (kind) best = 0.8;
    }
    return best;
  },
  read: readMastodon,
};

const list = (value: string[] | string | undefined): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

/** Mastodon's four visibilities, from the addressing: Public in `to`, Public in `cc`, followers only, or the people named. */
export function visibilityOf(to: string[], cc: string[]): 'public' | 'unlisted' | 'followers' | 'direct' {
  if (to.some((a) => PUBLIC.has(a))) return 'public';
  if (cc.some((a) => PUBLIC.has(a))) return 'unlisted';
  if ([...to, ...cc].some((a) => /\/followers$/.test(a))) return 'followers';
  return 'direct';
}

/** `https://host/users/name` → `@name@host`; the URL itself when it is not one. */
function handleOf(actor: string, username?: string): string {
  try {
    const url = new URL(actor);
    const name = username ?? /\/(?:users|@)\/?([^/]+)\/?$/.exec(url.pathname)?.[1];
    return name ? `@${name}@${url.host}` : actor;
  } catch {
    return username ? `@${username}` : actor;
  }
}

/** Mastodon's markup: a mention or hashtag link is its text; a link Mastodon shortened (`<span class="invisible">`) its address. */
function mastodonRules(service: TurndownService): void {
  service.addRule('mastodon-mention', {
    filter: (node) => node.nodeName === 'A' && /\bmention\b/.test((node as Element).getAttribute('class') ?? ''),
    replacement: (_content, node) => (node.textContent ?? '').trim(),
  });
  service.addRule('mastodon-bare-link', {
    filter: (node) => {
      if (node.nodeName !== 'A') return false;
      const href = (node as Element).getAttribute('href') ?? '';
      return href !== '' && (node.textContent ?? '').trim() === href;
    },
    replacement: (_content, node) => (node as Element).getAttribute('href') ?? '',
  });
}

/** The archive's file for a media URL (`/bucket/media_attachments/files/…`, or a full URL with that path). */
function mediaEntry(url: string, media: Map<string, InputEntry>): InputEntry | undefined {
  let pathname = url;
  try {
    pathname = new URL(url, 'https://x.invalid').pathname;
  } catch {
    /* a relative path as written */
  }
  const at = pathname.indexOf('media_attachments/');
  return at < 0 ? undefined : media.get(decodeURIComponent(pathname.slice(at)));
}

async function* readMastodon(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const keep = (name: string) => keeps(context, name);
  context.count('posts', 0);
  const kinds = new Map<InputEntry, Kind>();
  for (const entry of input.entries) {
    const kind = await kindOf(entry);
    if (kind) kinds.set(entry, kind);
  }
  const media = new Map<string, InputEntry>();
  for (const entry of input.entries) {
    const at = entry.path.indexOf('media_attachments/');
    if (at >= 0 && (at === 0 || entry.path[at - 1] === '/')) media.set(entry.path.slice(at), entry);
  }
  const usedMedia = new Set<InputEntry>();

  // The account (actor.json) is the session every context is in, yielded before the first of them.
  let account: { key: string; value: Record<string, unknown> } | undefined;
  const actorEntry = [...kinds].find(([, k]) => k === 'actor')?.[0];
  if (actorEntry) {
    try {
      const actor = JSON.parse((await actorEntry.readAll()).toString('utf8').replace(/^\uFEFF/, '')) as Actor;
      const key = actor.id ?? actorEntry.path;
      const handle = actor.id ? handleOf(actor.id, actor.preferredUsername) : `@${actor.preferredUsername ?? 'account'}`;
      account = {
        key,
        value: {
          name: actor.name && actor.name !== actor.preferredUsername ? `${actor.name} (${handle})` : handle,
          description: typeof actor.summary === 'string' ? await htmlToMarkdown(actor.summary, mastodonRules) : '',
          createdAt: isoDate(actor.published) ?? actorEntry.mtime?.toISOString(),
          metadata: sourceMetadata(ID, key, {
            handle,
            ...(actor.preferredUsername ? { preferredUsername: actor.preferredUsername } : {}),
            ...(actor.name ? { displayName: actor.name } : {}),
            ...(actor.url ? { url: actor.url } : {}),
            ...(actor.type ? { actorType: actor.type } : {}),
          }),
        },
      };
    } catch (error) {
      context.warn(`${actorEntry.display}: not read (${(error as Error).message}); the account is the one the activities name.`);
    }
  }
  let session: { id: string; key: string } | undefined;

  const skippedTypes = new Map<string, number>();
  const undated = new Map<InputEntry, number>();
  const seen = new Set<string>();

  /** The account's session (actor.json, else the actor the activities name), yielded before its first context. */
  function* actorSession(actor: string | undefined, createdAt: string): Iterable<ItemRecord> {
    if (session || (!account && !actor)) return;
    const key = account?.key ?? actor!;
    session = { id: sourceRecordId(ID, key, 'ses'), key };
    context.count('accounts');
    yield {
      recordType: 'sessions',
      value: account
        ? { id: session.id, ...account.value, createdAt: account.value.createdAt ?? createdAt }
        : {
            id: session.id,
            name: handleOf(actor!),
            description: '',
            createdAt,
            metadata: sourceMetadata(ID, actor!, { handle: handleOf(actor!), url: actor }),
          },
      warnings: [],
    };
  }

  // The posts first, then likes and bookmarks: the Detect step's first records are the account's own posts.
  const outboxFirst: ExpandedInput = {
    ...input,
    entries: [...input.entries].sort((a, b) => Number(kinds.get(b) === 'outbox') - Number(kinds.get(a) === 'outbox')),
  };
  const notRead = yield* jsonItemRecords(outboxFirst, context, {
    itemNoun: async (entry) => {
      const kind = kinds.get(entry);
      if (kind === 'outbox') return 'activity';
      if (kind === 'likes') return keep('likes') ? 'like' : undefined;
      if (kind === 'bookmarks') return keep('bookmarks') ? 'bookmark' : undefined;
      return undefined;
    },
    root: () => ['orderedItems'],
    async *records(value, at) {
      const kind = kinds.get(at.entry)!;
      if (kind === 'likes' || kind === 'bookmarks') {
        const url = typeof value === 'string' ? value : typeof (value as AsObject)?.id === 'string' ? (value as AsObject).id! : undefined;
        if (!url) {
          yield notA(at, `a ${kind === 'likes' ? 'liked' : 'bookmarked'} post's URL`);
          return;
        }
        const type = kind === 'likes' ? 'like' : 'bookmark';
        const createdAt = at.entry.mtime?.toISOString() ?? new Date().toISOString();
        undated.set(at.entry, (undated.get(at.entry) ?? 0) + 1);
        yield* actorSession(undefined, createdAt);
        context.count(kind);
        yield {
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, `${type}:${url}`),
            title: `${kind === 'likes' ? 'Liked' : 'Bookmarked'} ${url}`,
            content: url,
            type,
            tags: [],
            sessionId: session?.id ?? null,
            createdAt,
            metadata: sourceMetadata(ID, `${type}:${url}`, { url }),
          },
          warnings: [],
        };
        return;
      }
      const activity = value as Activity;
      if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') {
        yield notA(at, 'an ActivityPub activity (no "type")');
        return;
      }
      const published = isoDate(activity.published);
      if (activity.type === 'Announce') {
        const url = typeof activity.object === 'string' ? activity.object : activity.object?.id;
        if (!keep('boosts')) {
          context.count('boosts skipped');
          return;
        }
        if (!url || !activity.id) {
          yield notA(at, 'a boost (an Announce without an id or the boosted post)');
          return;
        }
        const warnings: string[] = [];
        const createdAt = published ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
        if (!published)
          warnings.push(`${at.where}: no published date; used ${at.entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`);
        yield* actorSession(activity.actor, createdAt);
        context.count('boosts');
        yield {
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, activity.id),
            title: `Boosted ${url}`,
            content: url,
            type: 'boost',
            tags: [],
            sessionId: session?.id ?? null,
            createdAt,
            metadata: sourceMetadata(ID, activity.id, { url, visibility: visibilityOf(list(activity.to), list(activity.cc)) }),
          },
          warnings,
        };
        return;
      }
      const post = typeof activity.object === 'object' && activity.object !== null ? activity.object : undefined;
      if (activity.type !== 'Create' || !post || !POST_TYPES.has(post.type ?? '')) {
        const name = activity.type === 'Create' ? `Create of ${post?.type ?? 'a link'}` : activity.type;
        skippedTypes.set(name, (skippedTypes.get(name) ?? 0) + 1);
        return;
      }
      const sourceId = post.id ?? activity.id;
      if (!sourceId) {
        yield notA(at, 'a post with an id');
        return;
      }
      if (seen.has(sourceId)) return;
      seen.add(sourceId);
      const warnings: string[] = [];
      const html = post.content ?? Object.values(post.contentMap ?? {})[0] ?? '';
      let content = html ? await htmlToMarkdown(html, mastodonRules) : '';
      const poll = post.oneOf ?? post.anyOf;
      if (poll?.length) content = [content, ...poll.map((o) => `- ${o.name ?? ''}`)].filter(Boolean).join('\n');
      const summary = typeof post.summary === 'string' && post.summary.trim() ? post.summary.trim() : undefined;
      const postDate = isoDate(post.published) ?? published;
      const createdAt = postDate ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
      if (!postDate)
        warnings.push(`${at.where}: no published date; used ${at.entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`);
      const updatedAt = isoDate(post.updated);
      const tags = (post.tag ?? []).filter((t) => t?.type === 'Hashtag' && typeof t.name === 'string').map((t) => t.name!.replace(/^#/, ''));
      const mentions = (post.tag ?? []).filter((t) => t?.type === 'Mention' && typeof t.name === 'string').map((t) => t.name!);
      const attachments: Attachment[] = [];
      const mediaMeta: Record<string, unknown>[] = [];
      let missing = 0;
      for (const a of post.attachment ?? []) {
        if (typeof a?.url !== 'string') continue;
        const file = mediaEntry(a.url, media);
        if (file) {
          usedMedia.add(file);
          const attachment = await attachmentWithin(file, (w) => warnings.push(w), baseName(file.path), a.mediaType || mimeOf(file.path));
          if (attachment) attachments.push(attachment);
        } else missing++;
        mediaMeta.push({
          url: a.url,
          ...(a.mediaType ? { mediaType: a.mediaType } : {}),
          ...(a.name ? { description: a.name } : {}),
          ...(a.width ? { width: a.width, height: a.height } : {}),
          ...(file ? { file: file.path } : {}),
        });
      }
      if (attachments.length) context.count('attachments', attachments.length);
      if (missing) context.count('media files not in the archive', missing);
      const to = list(post.to ?? activity.to);
      const cc = list(post.cc ?? activity.cc);
      yield* actorSession(activity.actor ?? post.attributedTo, createdAt);
      context.count('posts');
      yield {
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, sourceId),
          title: summary ?? messageTitle(content, mediaMeta.length ? 'Media post' : 'Post'),
          content,
          type: post.type === 'Question' ? 'poll' : 'post',
          tags,
          sessionId: session?.id ?? null,
          createdAt,
          ...(updatedAt ? { updatedAt } : {}),
          ...(attachments.length ? { attachments } : {}),
          metadata: sourceMetadata(ID, sourceId, {
            ...(post.url ? { url: post.url } : {}),
            ...(post.inReplyTo ? { inReplyTo: post.inReplyTo } : {}),
            visibility: visibilityOf(to, cc),
            sensitive: post.sensitive === true,
            ...(summary ? { contentWarning: summary } : {}),
            ...(mentions.length ? { mentions } : {}),
            ...(mediaMeta.length ? { media: mediaMeta, mediaCount: mediaMeta.length } : {}),
            ...(poll?.length ? { poll: poll.map((o) => ({ name: o.name, votes: o.replies?.totalItems })), pollEnds: post.endTime } : {}),
            ...(post.conversation ? { conversation: post.conversation } : {}),
            ...(html && html !== content ? { html } : {}),
          }),
        },
        warnings,
      };
    },
  });

  for (const [entry, n] of undated)
    context.warn(
      `${entry.display}: ${n.toLocaleString('en-US')} ${kinds.get(entry) === 'likes' ? 'like(s)' : 'bookmark(s)'} carry no date; each was given ${entry.mtime ? `the file's modification time (${entry.mtime.toISOString()})` : 'the import time'}.`,
    );
  for (const [entry, kind] of kinds)
    if ((kind === 'likes' || kind === 'bookmarks') && !keep(kind)) context.warn(`${entry.display}: ${kind} not imported (the option ${kind}=skip).`);
  if (skippedTypes.size) {
    const total = [...skippedTypes.values()].reduce((a, b) => a + b, 0);
    context.count('other activities skipped', total);
    context.warn(
      `${input.root}: ${total.toLocaleString('en-US')} ${total === 1 ? 'activity' : 'activities'} not imported (no posts or boosts): ${[...skippedTypes].map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}.`,
    );
  }
  const byPath = new Map(input.entries.map((e) => [e.path, e]));
  const others = notRead.filter((p) => {
    const entry = byPath.get(p);
    if (!entry) return true;
    const kind = kinds.get(entry);
    return !usedMedia.has(entry) && kind !== 'actor' && kind !== 'likes' && kind !== 'bookmarks';
  });
  if (others.length && input.kind !== 'file')
    context.warn(notReadWarning(input.root, 'not part of a Mastodon archive this preset reads, or media no post names', others));
}
