/**
 * Facebook Messenger and Instagram message exports ("Download your information", format JSON): a thread's
 * `message_1.json` (and `message_2.json`… of a long thread), alone or in the export's folder or zip with the
 * photos, videos, audio and files the messages name.
 *
 * - Each thread (its `thread_path`, else its title) is a session named by its `title`, its people in the
 *   description; each message a context: `content` the text, `sender_name` → `metadata.author`,
 *   `timestamp_ms` the date, a shared link, reactions and the call's length in metadata, the photos, videos,
 *   audio, GIFs, files and sticker the export holds as attachments (named by `uri`; a file it lacks counted).
 * - Facebook writes every byte of UTF-8 text as its own `\u00XX` ("N\u00c3\u00a4chste" for "Nächste", emoji as
 *   four such characters): such text is read back as the UTF-8 it is (`repairText`). Text that is not made of
 *   such bytes is left as written.
 * - A thread file is read whole (Facebook cuts long threads into files of about 10,000 messages), so its
 *   session can carry its first message's date; at most the record limit each (64 MB).
 * - An unsent message (`is_unsent`) is counted, not imported.
 */
import crypto from 'node:crypto';
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentWithin, baseName, dirName, extOf } from '../shared/files.ts';
import { headText, topLevelKeys } from '../shared/json-stream.ts';
import { messageTitle } from '../shared/chat.ts';
import { notReadWarning } from '../../inputs/not-read.ts';

const ID = 'messenger';

interface MediaRef {
  uri?: string;
  creation_timestamp?: number;
}
interface Message {
  sender_name?: string;
  timestamp_ms?: number;
  content?: string;
  type?: string;
  photos?: MediaRef[];
  videos?: MediaRef[];
  audio_files?: MediaRef[];
  gifs?: MediaRef[];
  files?: MediaRef[];
  sticker?: MediaRef;
  share?: { link?: string; share_text?: string };
  reactions?: { reaction?: string; actor?: string }[];
  call_duration?: number;
  is_unsent?: boolean;
}
interface Thread {
  participants?: { name?: string }[];
  messages?: Message[];
  title?: string;
  thread_path?: string;
  thread_type?: string;
  is_still_participant?: boolean;
}

const MEDIA: [keyof Message, string][] = [
  ['photos', 'Photo'],
  ['videos', 'Video'],
  ['audio_files', 'Voice message'],
  ['gifs', 'GIF'],
  ['files', 'File'],
];

/**
 * Facebook's text, re-read: each character below U+0100 one byte of UTF-8. Only text that is nothing else
 * (no character above U+00FF, at least one above U+007F, and valid UTF-8 once read as bytes) changes.
 */
export function repairText(text: string): string {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return text;
    if (c >= 0x80) high = true;
  }
  if (!high) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

/** Every string of a parsed value repaired (names, reactions, shared text). */
function repaired<T>(value: T): T {
  if (typeof value === 'string') return repairText(value) as T;
  if (Array.isArray(value)) return value.map(repaired) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = repaired(v);
    return out as T;
  }
  return value;
}

async function isThread(entry: InputEntry): Promise<boolean> {
  if (extOf(entry.path) !== '.json') return false;
  const head = await headText(entry, 16 * 1024);
  const keys = topLevelKeys(head);
  // Real exports start with `participants`; tools that keep only the messages (chat-miner's samples) still name them so.
  return keys.includes('messages') && /"sender_name"\s*:/.test(head) && /"timestamp_ms"\s*:/.test(head);
}

export const messengerSource: SourcePreset = {
  id: ID,
  label: 'Messenger or Instagram export',
  description:
    "A Facebook Messenger or Instagram messages export (a thread's message_1.json, or the export's folder or zip): each thread a session, each message a context with its sender, reactions and media; Facebook's garbled accents and emoji (\\u00c3\\u00a4) read back as the text they are.",
  accepts: ['message_1.json', 'the export folder or .zip (messages/inbox/…)'],
  readsTogether: true,
  async detect(input: ExpandedInput) {
    const named = input.entries.filter((e) => /^message_\d+\.json$/i.test(baseName(e.path)));
    for (const entry of [...named, ...input.entries.filter((e) => extOf(e.path) === '.json' && !named.includes(e))].slice(0, 8)) {
      if (await isThread(entry)) return /^message_\d+\.json$/i.test(baseName(entry.path)) ? 0.9 : 0.8;
    }
    return 0;
  },
  read: readMessenger,
};

async function* readMessenger(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  context.count('threads', 0);
  let recordNumber = 0;
  const byPath = new Map(input.entries.map((e) => [e.path, e]));
  const used = new Set<InputEntry>();
  const sessions = new Map<string, string>();
  const seen = new Map<string, number>();

  /** The export's file a `uri` names (`messages/inbox/x/photos/1.jpg`, or with `your_facebook_activity/` first). */
  const fileOf = (uri: string): InputEntry | undefined => {
    const parts = uri.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
    for (let i = 0; i < parts.length; i++) {
      const found = byPath.get(parts.slice(i).join('/'));
      if (found) return found;
    }
    return undefined;
  };

  // Each thread's files together, the oldest first: Facebook puts the newest messages in message_1.json, so the
  // last file holds the thread's first message, which dates its session.
  const part = (e: InputEntry) => Number(/^message_(\d+)\.json$/i.exec(baseName(e.path))?.[1] ?? 0);
  const threads = input.entries
    .filter((e) => extOf(e.path) === '.json')
    .sort((a, b) => dirName(a.path).localeCompare(dirName(b.path)) || part(b) - part(a) || a.path.localeCompare(b.path));
  for (const entry of threads) {
    if (context.signal?.aborted) return;
    if (!(await isThread(entry))) continue;
    used.add(entry);
    let thread: Thread;
    try {
      if (entry.size > context.maxRecordBytes)
        throw new Error(`${entry.size.toLocaleString('en-US')} bytes, more than the ${context.maxRecordBytes.toLocaleString('en-US')} a thread file may have`);
      thread = repaired(JSON.parse((await entry.readAll()).toString('utf8').replace(/^\uFEFF/, '')) as Thread);
    } catch (error) {
      yield {
        recordNumber: ++recordNumber,
        error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${(error as Error).message}`, file: entry.display },
      };
      continue;
    }
    const messages = Array.isArray(thread.messages) ? thread.messages : [];
    const people = (thread.participants ?? []).map((p) => p?.name).filter((n): n is string => typeof n === 'string' && n !== '');
    const threadKey = `thread:${thread.thread_path ?? thread.title ?? entry.path}`;
    let sessionId = sessions.get(threadKey);
    const times = messages
      .filter((m) => !m?.is_unsent)
      .map((m) => m?.timestamp_ms)
      .filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
    const first = times.length ? new Date(Math.min(...times)).toISOString() : (entry.mtime?.toISOString() ?? new Date().toISOString());
    if (!sessionId) {
      sessionId = sourceRecordId(ID, threadKey, 'ses');
      sessions.set(threadKey, sessionId);
      context.count('threads');
      yield {
        recordNumber: ++recordNumber,
        recordType: 'sessions',
        value: {
          id: sessionId,
          name: thread.title || people.join(', ') || baseName(entry.path),
          description: `${/instagram/i.test(entry.path) ? 'Instagram' : 'Messenger'} chat${people.length ? ` with ${people.join(', ')}` : ''}`,
          createdAt: first,
          metadata: sourceMetadata(ID, threadKey, {
            ...(thread.thread_path ? { threadPath: thread.thread_path } : {}),
            ...(people.length ? { participants: people } : {}),
            ...(thread.thread_type ? { threadType: thread.thread_type } : {}),
          }),
        },
      };
    }
    for (const [index, m] of messages.entries()) {
      if (typeof m !== 'object' || m === null) continue;
      if (m.is_unsent) {
        context.count('unsent messages skipped');
        continue;
      }
      const warnings: string[] = [];
      const at = typeof m.timestamp_ms === 'number' && Number.isFinite(m.timestamp_ms) ? new Date(m.timestamp_ms).toISOString() : undefined;
      const createdAt = at ?? first;
      if (!at) warnings.push(`${entry.display}, message ${index + 1}: no timestamp_ms; dated by the thread's first message (${createdAt}).`);
      const attachments: Attachment[] = [];
      const media: Record<string, unknown>[] = [];
      let kind: string | undefined;
      // Its photos, videos, audio, GIFs and files, then its sticker: each a file the export names by `uri`.
      const refs: [MediaRef | undefined, string][] = [
        ...MEDIA.flatMap(([field, label]) => ((m[field] as MediaRef[] | undefined) ?? []).map((ref): [MediaRef, string] => [ref, label])),
        [m.sticker, 'Sticker'],
      ];
      for (const [ref, label] of refs) {
        if (typeof ref?.uri !== 'string') continue;
        kind ??= label;
        const file = fileOf(ref.uri);
        media.push({ kind: label, uri: ref.uri, ...(file ? {} : { missing: true }) });
        if (file) {
          used.add(file);
          const attachment = await attachmentWithin(file, (w) => warnings.push(w));
          if (attachment) attachments.push(attachment);
        } else context.count('media files not in the export');
      }
      if (attachments.length) context.count('attachments', attachments.length);
      const text = typeof m.content === 'string' ? m.content : '';
      const link = m.share?.link;
      const content = text || link || '';
      // Two messages of one sender in the same millisecond with the same text are two messages.
      const base = `${threadKey}\0${m.timestamp_ms ?? index}\0${m.sender_name ?? ''}\0${text}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const sourceId = `${crypto.createHash('sha256').update(base).digest('hex').slice(0, 24)}${n > 1 ? `#${n}` : ''}`;
      context.count('messages');
      yield {
        recordNumber: ++recordNumber,
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, sourceId),
          title: messageTitle(content, kind ?? (m.call_duration !== undefined ? 'Call' : 'Message')),
          content,
          type: 'message',
          tags: [],
          sessionId,
          createdAt,
          ...(attachments.length ? { attachments } : {}),
          metadata: sourceMetadata(ID, sourceId, {
            ...(m.sender_name ? { author: m.sender_name } : {}),
            ...(m.type && m.type !== 'Generic' ? { messageType: m.type } : {}),
            ...(link ? { link } : {}),
            ...(m.share?.share_text ? { shareText: m.share.share_text } : {}),
            ...(m.reactions?.length ? { reactions: m.reactions.map((r) => ({ reaction: r.reaction, actor: r.actor })) } : {}),
            ...(m.call_duration !== undefined ? { callDurationSeconds: m.call_duration } : {}),
            ...(media.length ? { media } : {}),
          }),
        },
        warnings,
      };
    }
  }
  const others = input.entries.filter((e) => !used.has(e)).map((e) => e.path);
  if (others.length && input.kind !== 'file') context.warn(notReadWarning(input.root, 'not a message thread or a file its messages name', others));
}
