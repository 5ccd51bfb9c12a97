/**
 * A Telegram Desktop export ("Export chat history" or "Export Telegram data", format JSON): `result.json` alone,
 * or its folder or zip with the media beside it.
 *
 * - A single chat's export is the chat itself (`{name, type, id, messages}`): its messages are streamed one at a
 *   time. A full export (`{about, personal_information, chats: {list: [...]}, left_chats: {list: [...]}}`) is
 *   read a chat at a time (each chat at most the record limit, 64 MB; a larger one is named, to export alone).
 * - Each chat is a session (its name; Saved Messages by name), each message (`type: "message"`) a context: the
 *   text from `text_entities` (or `text`, a string or runs), `from` as `metadata.author`, hashtags as tags,
 *   `date_unixtime` the date (`date` is the exporting machine's local time without a zone: used, and said, only
 *   where the epoch is missing), `edited_unixtime` the update, replies, forwards and links in metadata. A
 *   photo or file the export holds is an attachment; one it left out ("File not included") is counted.
 * - Service messages (joined, pinned, calls) are counted, not imported. Ids are the chat's and the message's,
 *   so two chats' message 1 are two contexts.
 */
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentWithin, baseName, dirName, extOf, isoDate } from '../shared/files.ts';
import { headText, jsonItems, topLevelKeys } from '../shared/json-stream.ts';
import { messageTitle } from '../shared/chat.ts';
import { notReadWarning } from '../../inputs/not-read.ts';

const ID = 'telegram';

/** Telegram's chat types (tdesktop's export_output_json.cpp), as a person says them. */
const CHAT_TYPES: Record<string, string> = {
  personal_chat: 'personal chat',
  bot_chat: 'bot chat',
  saved_messages: 'Saved Messages',
  replies: 'replies',
  verification_codes: 'verification codes',
  private_group: 'private group',
  private_supergroup: 'private supergroup',
  public_supergroup: 'public supergroup',
  private_channel: 'private channel',
  public_channel: 'public channel',
};
const MEDIA_LABEL: Record<string, string> = {
  sticker: 'Sticker',
  voice_message: 'Voice message',
  video_message: 'Video message',
  video_file: 'Video',
  audio_file: 'Audio',
  animation: 'GIF',
};
/** What tdesktop writes where a file was not exported. */
const NOT_INCLUDED = '(File not included';

type Run = string | { type?: string; text?: string; href?: string };
interface Message {
  id?: number | string;
  type?: string;
  date?: string;
  date_unixtime?: string;
  edited?: string;
  edited_unixtime?: string;
  from?: string | null;
  from_id?: string;
  author?: string;
  forwarded_from?: string;
  saved_from?: string;
  reply_to_message_id?: number;
  via_bot?: string;
  media_type?: string;
  file?: string;
  photo?: string;
  mime_type?: string;
  sticker_emoji?: string;
  text?: string | Run[];
  text_entities?: { type?: string; text?: string; href?: string }[];
  action?: string;
}
interface Chat {
  name?: string;
  type?: string;
  id?: number | string;
  messages?: Message[];
}

type Kind = 'chat' | 'export';

/** A single chat's export, or a full export, from the first bytes of a JSON entry. */
async function kindOf(entry: InputEntry): Promise<Kind | undefined> {
  if (extOf(entry.path) !== '.json') return undefined;
  const head = await headText(entry, 32 * 1024);
  const keys = topLevelKeys(head);
  const telegramish = /"date_unixtime"\s*:\s*"\d+"/.test(head) || /"from_id"\s*:\s*"(user|channel|chat)\d+"/.test(head);
  if (keys.includes('chats') && /"list"\s*:\s*\[/.test(head) && (telegramish || /"about"\s*:\s*"Here is the data you requested/.test(head))) return 'export';
  // tdesktop writes the account, its contacts and sessions before the chats: with a few hundred contacts the
  // chats are past the first bytes, and these keys (or the English "about") say what the file is.
  if (/^\s*\{\s*"about"\s*:\s*"Here is the data you requested/.test(head)) return 'export';
  if (keys.includes('personal_information') && ['contacts', 'frequent_contacts', 'profile_pictures', 'sessions', 'chats'].some((k) => keys.includes(k)))
    return 'export';
  if (
    keys.includes('messages') &&
    (telegramish ||
      (keys.includes('type') &&
        /"type"\s*:\s*"(personal_chat|bot_chat|saved_messages|private_group|private_supergroup|public_supergroup|private_channel|public_channel)"/.test(head)))
  )
    return 'chat';
  return undefined;
}

export const telegramSource: SourcePreset = {
  id: ID,
  label: 'Telegram export',
  description:
    'A Telegram Desktop export (result.json of one chat or of all data, or its folder or zip): each chat a session, each message a context with its sender, hashtags, replies and media; service messages counted.',
  accepts: ['result.json', 'the ChatExport or DataExport folder or .zip'],
  async detect(input: ExpandedInput) {
    const named = input.entries.filter((e) => baseName(e.path).toLowerCase() === 'result.json');
    for (const entry of [...named, ...input.entries.filter((e) => extOf(e.path) === '.json' && !named.includes(e))].slice(0, 8)) {
      const kind = await kindOf(entry);
      if (kind) return baseName(entry.path).toLowerCase() === 'result.json' ? 0.92 : 0.85;
    }
    return 0;
  },
  read: readTelegram,
};

/** The text as the chat shows it: `text_entities` joined (always runs), else `text` (a string, or runs and strings). */
export function messageText(m: Message): string {
  if (Array.isArray(m.text_entities) && m.text_entities.length) return m.text_entities.map((e) => (typeof e?.text === 'string' ? e.text : '')).join('');
  if (typeof m.text === 'string') return m.text;
  if (Array.isArray(m.text)) return m.text.map((r) => (typeof r === 'string' ? r : typeof r?.text === 'string' ? r.text : '')).join('');
  return '';
}

/** `{name, type, id}` of a single chat's export, from the keys before its `messages` (tdesktop writes them first). */
function chatHeader(head: string): Chat {
  const at = head.search(/"messages"\s*:/);
  if (at < 0) return {};
  try {
    const before = head.slice(0, at).trimEnd().replace(/,$/, '');
    return JSON.parse(`${before}}`) as Chat;
  } catch {
    return {};
  }
}

async function* readTelegram(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  context.count('chats', 0);
  let recordNumber = 0;
  const byPath = new Map(input.entries.map((e) => [e.path, e]));
  const read = new Set<InputEntry>();
  let localDates = 0;

  /** The session and the contexts of one chat; `messages` one at a time (a single chat's) or all (a full export's). */
  async function* chatRecords(
    entry: InputEntry,
    chat: Chat,
    messages: AsyncIterable<{ value?: unknown; line: number; error?: string; index: number }>,
  ): AsyncGenerator<RawRecord> {
    const folder = dirName(entry.path);
    const chatKey = `chat:${chat.id ?? chat.name ?? entry.path}`;
    const sessionId = sourceRecordId(ID, chatKey, 'ses');
    const typeLabel = chat.type ? (CHAT_TYPES[chat.type] ?? chat.type) : 'chat';
    let session = false;
    const where = (item: { index: number; line: number }) => `${entry.display}, ${chat.name ?? typeLabel}, message ${item.index} (line ${item.line})`;
    for await (const item of messages) {
      if (context.signal?.aborted) return;
      if (item.error !== undefined) {
        yield {
          recordNumber: ++recordNumber,
          line: item.line,
          error: { code: ERROR_CODES.PARSE_ERROR, message: `${where(item)}: ${item.error}`, file: entry.display },
        };
        continue;
      }
      try {
        const m = item.value as Message;
        if (typeof m !== 'object' || m === null) continue;
        if (m.type !== 'message') {
          context.count(m.type === 'service' ? 'service messages skipped' : 'other messages skipped');
          continue;
        }
        const epoch = Number(m.date_unixtime);
        let createdAt = Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000).toISOString() : undefined;
        if (!createdAt && m.date) {
          createdAt = isoDate(m.date);
          if (createdAt) localDates++;
        }
        const warnings: string[] = [];
        if (!createdAt) {
          createdAt = entry.mtime?.toISOString() ?? new Date().toISOString();
          warnings.push(`${where(item)}: no date; used ${entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`);
        }
        if (!session) {
          session = true;
          context.count('chats');
          yield {
            recordNumber: ++recordNumber,
            recordType: 'sessions',
            value: {
              id: sessionId,
              name: chat.name ?? (chat.type === 'saved_messages' ? 'Saved Messages' : `Telegram ${typeLabel}`),
              description: `Telegram ${typeLabel}`,
              createdAt,
              metadata: sourceMetadata(ID, chatKey, { ...(chat.id !== undefined ? { chatId: chat.id } : {}), ...(chat.type ? { chatType: chat.type } : {}) }),
            },
          };
        }
        const text = messageText(m);
        const entities = Array.isArray(m.text_entities)
          ? m.text_entities
          : Array.isArray(m.text)
            ? m.text.filter((r): r is Exclude<Run, string> => typeof r === 'object' && r !== null)
            : [];
        const tags = [...new Set(entities.filter((e) => e?.type === 'hashtag' && typeof e.text === 'string').map((e) => e.text!.replace(/^#/, '')))];
        const links = [
          ...new Set(
            entities.flatMap((e) =>
              e?.type === 'text_link' && typeof e.href === 'string' ? [e.href] : e?.type === 'link' && typeof e.text === 'string' ? [e.text] : [],
            ),
          ),
        ];
        // The export's own files: a path beside result.json, or the note that it was left out.
        const attachments: Attachment[] = [];
        const media: Record<string, unknown> = {};
        for (const [field, path] of [
          ['photo', m.photo],
          ['file', m.file],
        ] as const) {
          if (typeof path !== 'string' || path === '') continue;
          if (path.startsWith(NOT_INCLUDED)) {
            context.count('media files not in the export');
            media[field] = 'not included in the export';
            continue;
          }
          const file = byPath.get(folder ? `${folder}/${path}` : path);
          media[field] = path;
          if (file) {
            read.add(file);
            const attachment = await attachmentWithin(file, (w) => warnings.push(w));
            if (attachment) attachments.push(attachment);
          } else context.count('media files not in the export');
        }
        if (attachments.length) context.count('attachments', attachments.length);
        const kind = m.media_type ? (MEDIA_LABEL[m.media_type] ?? 'File') : m.photo ? 'Photo' : m.file ? 'File' : undefined;
        const fallback = kind ? (m.sticker_emoji ? `${kind} ${m.sticker_emoji}` : kind) : 'Message';
        const key = `${chat.id ?? chat.name ?? entry.path}:${m.id ?? `${m.date_unixtime ?? m.date}:${item.index}`}`;
        const updated = Number(m.edited_unixtime);
        context.count('messages');
        yield {
          recordNumber: ++recordNumber,
          line: item.line,
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, key),
            title: messageTitle(text, fallback),
            content: text,
            type: 'message',
            tags,
            sessionId,
            createdAt,
            ...(Number.isFinite(updated) && updated > 0 ? { updatedAt: new Date(updated * 1000).toISOString() } : {}),
            ...(attachments.length ? { attachments } : {}),
            metadata: sourceMetadata(ID, key, {
              ...(m.id !== undefined ? { messageId: m.id } : {}),
              ...(typeof m.from === 'string' ? { author: m.from } : {}),
              ...(m.from_id ? { authorId: m.from_id } : {}),
              ...(m.author ? { signature: m.author } : {}),
              ...(m.reply_to_message_id !== undefined ? { replyTo: m.reply_to_message_id } : {}),
              ...(m.forwarded_from ? { forwardedFrom: m.forwarded_from } : {}),
              ...(m.saved_from ? { savedFrom: m.saved_from } : {}),
              ...(m.via_bot ? { viaBot: m.via_bot } : {}),
              ...(m.media_type ? { mediaType: m.media_type } : {}),
              ...(m.sticker_emoji ? { stickerEmoji: m.sticker_emoji } : {}),
              ...(links.length ? { links } : {}),
              ...media,
            }),
          },
          warnings,
        };
      } catch (error) {
        // A message the preset trips over (a null among its runs, a file too large) is that message's error; the others are read.
        yield {
          recordNumber: ++recordNumber,
          line: item.line,
          error: { code: ERROR_CODES.VALIDATION_ERROR, message: `${where(item)}: not read (${(error as Error).message}).`, file: entry.display },
        };
      }
    }
  }

  const parts: InputEntry[] = [];
  for (const entry of input.entries) {
    const kind = await kindOf(entry);
    if (!kind) continue;
    read.add(entry);
    parts.push(entry);
    try {
      if (kind === 'chat') {
        const chat = chatHeader(await headText(entry, 64 * 1024));
        yield* chatRecords(
          entry,
          chat,
          jsonItems(entry, context.maxRecordBytes, () => ['messages']) as AsyncIterable<{ value?: unknown; line: number; error?: string; index: number }>,
        );
        continue;
      }
      // A full export: chats, then the chats left (when the export has them), each a whole chat at a time.
      for (const root of [
        ['chats', 'list'],
        ['left_chats', 'list'],
      ]) {
        try {
          for await (const item of jsonItems(entry, context.maxRecordBytes, () => root)) {
            if ('error' in item) {
              yield {
                recordNumber: ++recordNumber,
                line: item.line,
                error: {
                  code: ERROR_CODES.PARSE_ERROR,
                  message: `${entry.display}, chat ${item.index} (line ${item.line}): ${item.error}`,
                  file: entry.display,
                },
              };
              continue;
            }
            const chat = item.value as Chat;
            if (typeof chat !== 'object' || chat === null || !Array.isArray(chat.messages)) continue;
            const messages = chat.messages;
            yield* chatRecords(
              entry,
              chat,
              (async function* () {
                for (let i = 0; i < messages.length; i++) yield { value: messages[i], line: item.line, index: i + 1 };
              })(),
            );
          }
        } catch (error) {
          const message = (error as Error).message;
          // Only the chats one selected are exported: no left_chats is no error.
          if (root[0] === 'left_chats' && /There is no array of records at/.test(message)) continue;
          // A full export is read a chat at a time: one chat past the record limit stops the file there.
          if (/a record larger than/.test(message))
            throw new Error(
              `a chat in ${root.join('.')} is larger than ${context.maxRecordBytes.toLocaleString('en-US')} bytes, the most one chat of a full export may be; it and the chats after it were not read. Export that chat on its own (its ⋮ menu, Export chat history): a one-chat export is read a message at a time, whatever its size (${message})`,
            );
          throw error;
        }
      }
    } catch (error) {
      yield {
        recordNumber: ++recordNumber,
        error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${(error as Error).message}`, file: entry.display },
      };
    }
  }
  if (localDates)
    context.warn(
      `${input.root}: ${localDates.toLocaleString('en-US')} message(s) carry only "date", the exporting computer's local time without a zone: read as UTC (newer exports add date_unixtime, which is exact).`,
    );
  const others = input.entries.filter((e) => !read.has(e)).map((e) => e.path);
  if (others.length && input.kind !== 'file') context.warn(notReadWarning(input.root, 'not a chat or media a message names', others));
}
