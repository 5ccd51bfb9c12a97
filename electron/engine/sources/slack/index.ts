/**
 * Slack's workspace export (the zip, or its folder; layout.ts): a channel, private channel, group DM or DM is a
 * session (its name, purpose or topic, `created`); each message in its day files a context: the text with
 * Slack's markup made readable (markup.ts; a message with no text of its own shows its attachments), the author
 * (people.ts) in metadata.author, its subtype (`channel_join`, `bot_message`, `file_share`) as type, `ts` as
 * createdAt and `edited.ts` as updatedAt. Every other field of the message — thread_ts and its replies,
 * reactions, files, attachments (link unfurls, app cards) — is kept in metadata under its Slack name, and so is
 * the text as Slack wrote it when it reads differently. Identity is the conversation's id and the message's
 * `ts`, the pair Slack itself keys a message by. A day file read alone, or day folders without their lists,
 * are a channel per folder (said in a warning).
 */
import path from 'node:path';
import type { RawRecord } from '../../formats/codec.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { baseName, isoDate, stem } from '../shared/files.ts';
import { epochSeconds, messageTitle } from '../shared/chat.ts';
import { jsonItems } from '../shared/json-stream.ts';
import { jsonItemRecords, notA, type ItemAt, type ItemRecord } from '../shared/json-item-records.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { layoutOf, slackScore, type Layout, type ListKind } from './layout.ts';
import { attachmentsText, readableText, type Names } from './markup.ts';
import { authorOf, readUsers, type SlackMessageAuthor } from './people.ts';

const ID = 'slack';

interface SlackChannel {
  id?: string;
  name?: string;
  created?: number | string;
  creator?: string;
  members?: string[];
  user?: string;
  topic?: { value?: string; creator?: string; last_set?: number | string };
  purpose?: { value?: string; creator?: string; last_set?: number | string };
  [key: string]: unknown;
}

interface SlackMessage extends SlackMessageAuthor {
  type?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  edited?: { ts?: string };
  attachments?: unknown;
  files?: { name?: string; title?: string }[];
  file?: { name?: string; title?: string };
  [key: string]: unknown;
}

/** A conversation the messages go to: listed in the export, or made for a folder no list names. */
interface Conversation {
  key: string;
  sessionId: string;
  name: string;
}

export const slackSource: SourcePreset = {
  id: ID,
  label: 'Slack export',
  description:
    "Slack workspace export (the zip or its folder): a channel or DM is a session, each message a context; Slack's markup made readable, threads, reactions and files kept.",
  accepts: ['Slack export .zip or folder (channels.json, users.json, a folder of YYYY-MM-DD.json per channel)', 'a Slack day file (YYYY-MM-DD.json)'],
  detect: slackScore,
  read: readSlack,
};

/** Slack writes epoch seconds as numbers or as text (`"created": "1452837318"`, `"ts": "1452837318.000002"`). */
function slackTime(value: unknown): string | undefined {
  return epochSeconds(typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
}

async function* readSlack(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const layout = layoutOf(input);
  const users = await readUsers(layout.users, context);
  const channelNames = new Map<string, string>();
  // The lists are read before the days: a session comes before its messages, and `<#C1>` finds its name.
  for (const list of layout.lists) for (const c of await channelsIn(list.entry, context)) if (c.id && c.name) channelNames.set(c.id, c.name);
  const names: Names = { user: (id) => users.get(id), channel: (id) => channelNames.get(id) };
  const byFolder = new Map<string, Conversation>();
  const listKinds = new Map<InputEntry, { kind: ListKind; noun: string }>(layout.lists.map((l) => [l.entry, l]));
  const reading = new Set<InputEntry>([...layout.lists.map((l) => l.entry), ...layout.days]);
  const ordered: ExpandedInput = {
    ...input,
    entries: [...layout.lists.map((l) => l.entry), ...layout.days, ...input.entries.filter((e) => !reading.has(e) && e !== layout.users)],
  };
  const notRead = yield* jsonItemRecords(ordered, context, {
    itemNoun: async (entry) => (listKinds.has(entry) ? 'conversation' : layout.folderOf.has(entry) ? 'message' : undefined),
    *records(value, at) {
      const list = listKinds.get(at.entry);
      if (list) {
        const channel = value as SlackChannel;
        if (typeof channel !== 'object' || channel === null || typeof channel.id !== 'string') {
          yield notA(at, 'a Slack conversation (no id)');
          return;
        }
        const session = sessionRecord(channel, list.kind, at, layout, names);
        byFolder.set(session.folder, session.conversation);
        byFolder.set(channel.id, session.conversation);
        context.count(list.noun);
        yield session.record;
        return;
      }
      const message = value as SlackMessage;
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        yield notA(at, 'a Slack message');
        return;
      }
      const folder = layout.folderOf.get(at.entry) || path.basename(input.kind === 'file' ? path.dirname(input.root) : input.root).replace(/\.zip$/i, '');
      let conversation = byFolder.get(folder);
      if (!conversation) {
        // Days no list names (a channel's folder, a lone day): a channel named after the folder, from its first message.
        conversation = { key: `folder:${folder}`, sessionId: sourceRecordId(ID, `folder:${folder}`, 'ses'), name: folder };
        byFolder.set(folder, conversation);
        const createdAt = slackTime(message.ts) ?? dayOf(at.entry) ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
        context.warn(
          `${input.root}: no channel list (channels.json) names the folder "${folder}"; its messages are a channel named "${folder}", created at its first message.`,
        );
        context.count('channels');
        yield {
          recordType: 'sessions',
          value: {
            id: conversation.sessionId,
            name: folder,
            description: '',
            createdAt,
            metadata: sourceMetadata(ID, conversation.key, { channel: folder, kind: 'channel' }),
          },
        };
      }
      yield* messageRecords(message, conversation, at, names, users, context);
    },
  });
  if (notRead.length && input.kind !== 'file') {
    context.warn(
      notReadWarning(
        input.root,
        'not part of the channels and their messages',
        notRead.map((p) => (p.startsWith(layout.base) ? p.slice(layout.base.length) : p)),
      ),
    );
  }
}

/** A list's conversations, read whole before the messages (they are small: one object per conversation). */
async function channelsIn(entry: InputEntry, context: SourceReadContext): Promise<SlackChannel[]> {
  const out: SlackChannel[] = [];
  try {
    for await (const item of jsonItems(entry, context.maxRecordBytes)) if ('value' in item) out.push(item.value as SlackChannel);
  } catch {
    /* the read below names the broken list, item by item */
  }
  return out;
}

/** The day a day file is for (`2016-01-14.json`), as a date. */
function dayOf(entry: InputEntry): string | undefined {
  return isoDate(stem(entry.path));
}

function sessionRecord(
  channel: SlackChannel,
  kind: ListKind,
  at: ItemAt,
  layout: Layout,
  names: Names,
): { folder: string; conversation: Conversation; record: ItemRecord } {
  const id = channel.id!;
  const person = (userId: unknown) => (typeof userId === 'string' && userId ? (names.user(userId) ?? userId) : undefined);
  const members = Array.isArray(channel.members) ? channel.members : channel.user ? [channel.user] : [];
  const name = kind === 'dm' ? `DM: ${members.map((m) => person(m)).join(', ') || id}` : channel.name?.trim() || id;
  // A channel's folder is its name; a DM has none, its folder is its id.
  const folder = kind === 'dm' || !channel.name ? id : channel.name;
  const conversation: Conversation = { key: id, sessionId: sourceRecordId(ID, `channel:${id}`, 'ses'), name };
  const warnings: string[] = [];
  let createdAt = slackTime(channel.created);
  if (!createdAt) {
    const firstDay = layout.days.find((d) => layout.folderOf.get(d) === folder);
    createdAt = (firstDay && dayOf(firstDay)) ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
    warnings.push(`${at.where} ("${name}"): no created; used ${firstDay ? 'its first day' : "the list's modification time"} (${createdAt}).`);
  }
  const topic = channel.topic?.value ?? '';
  const purpose = channel.purpose?.value ?? '';
  // Who set the topic or purpose, and when: the rest of Slack's `{value, creator, last_set}`.
  const setBy = (part: SlackChannel['topic']) => (part?.creator ? { by: person(part.creator), at: slackTime(part.last_set) ?? null } : undefined);
  const topicSet = setBy(channel.topic);
  const purposeSet = setBy(channel.purpose);
  const { id: _id, name: _name, created: _created, topic: _topic, purpose: _purpose, creator, ...rest } = channel;
  const record: ItemRecord = {
    recordType: 'sessions',
    value: {
      id: conversation.sessionId,
      name,
      description: purpose || topic,
      createdAt,
      metadata: sourceMetadata(ID, `channel:${id}`, {
        ...rest,
        channelId: id,
        ...(channel.name ? { channel: channel.name } : {}),
        kind,
        ...(creator ? { creator: person(creator), creatorId: creator } : {}),
        ...(topic ? { topic } : {}),
        ...(topicSet ? { topicSet } : {}),
        ...(purpose ? { purpose } : {}),
        ...(purposeSet ? { purposeSet } : {}),
      }),
    },
    warnings,
  };
  return { folder, conversation, record };
}

function* messageRecords(
  message: SlackMessage,
  conversation: Conversation,
  at: ItemAt,
  names: Names,
  users: Map<string, string>,
  context: SourceReadContext,
): Generator<ItemRecord> {
  const raw = typeof message.text === 'string' ? message.text : '';
  const fileNames = [...(Array.isArray(message.files) ? message.files : []), ...(message.file ? [message.file] : [])]
    .map((f) => f?.title || f?.name)
    .filter((n): n is string => typeof n === 'string' && n !== '');
  const content = readableText(raw, names) || attachmentsText(message.attachments, names) || fileNames.map((n) => `[file: ${n}]`).join('\n');
  if (!content.trim()) {
    context.count('empty messages skipped');
    return;
  }
  const ts = typeof message.ts === 'string' && message.ts ? message.ts : undefined;
  const key = `${conversation.key}/${ts ?? `${baseName(at.entry.path)}#${at.index}`}`;
  const warnings: string[] = [];
  let createdAt = slackTime(ts);
  if (!createdAt) {
    const day = dayOf(at.entry);
    createdAt = day ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
    warnings.push(`${at.where}: no ts; used ${day ? 'its day' : "the file's modification time"} (${createdAt}).`);
  }
  const author = authorOf(message, users);
  const updatedAt = slackTime(message.edited?.ts);
  const { type: _type, subtype, text: _text, ...rest } = message;
  const isReply = typeof message.thread_ts === 'string' && message.thread_ts !== ts;
  context.count('messages');
  yield {
    recordType: 'contexts',
    value: {
      id: sourceRecordId(ID, key),
      title: messageTitle(content, `Message from ${author ?? 'unknown'}`),
      content,
      type: typeof subtype === 'string' && subtype ? subtype : 'message',
      tags: [],
      sessionId: conversation.sessionId,
      createdAt,
      ...(updatedAt ? { updatedAt } : {}),
      metadata: sourceMetadata(ID, key, {
        ...rest,
        ...(raw !== content ? { text: raw } : {}),
        ...(author ? { author } : {}),
        channel: conversation.name,
        channelId: conversation.key,
        ...(isReply ? { parentId: `${conversation.key}/${message.thread_ts}` } : {}),
      }),
    },
    warnings,
  };
}
