/**
 * WhatsApp chats, as "Export chat" writes them: `WhatsApp Chat with Alice.txt` (Android) or `_chat.txt` (iOS), alone
 * or in the zip or folder beside the media it attached. A chat is a session (named by the group it created, else the
 * file's "with …" name, else the file); each message a context (its first line the title, the sender in
 * metadata.author); a message on several lines stays one. Media that came along (`IMG-…jpg (file attached)`,
 * `<attached: …>`) are the message's attachments; `<Media omitted>` is said in metadata. The app's own notices
 * (encryption, "added you") are skipped and counted. Times carry no zone: read as UTC, and said once.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentOf, baseName, entryIndex, extOf, noteText, stem } from '../shared/files.ts';
import { messageTitle } from '../shared/chat.ts';
import { chatDate, isChatHeader, parseChat, type ChatLine } from './parse.ts';
import crypto from 'node:crypto';

const ID = 'whatsapp';

async function isChat(entry: InputEntry): Promise<boolean> {
  if (extOf(entry.path) !== '.txt') return false;
  const head = noteText(await entry.head(4096))
    .split(/\r\n|\r|\n/)
    .slice(0, 10);
  return head.filter(isChatHeader).length >= Math.min(2, head.filter((l) => l.trim()).length) && head.some(isChatHeader);
}

export const whatsappSource: SourcePreset = {
  id: ID,
  label: 'WhatsApp chat',
  description: 'A WhatsApp "Export chat" (.txt, or the zip with its media): the chat a session, each message a context with its sender, date and attachments.',
  accepts: ['WhatsApp Chat with ….txt or _chat.txt', 'the exported .zip'],
  options: [
    {
      name: 'dates',
      label: 'Dates are written',
      kind: 'choice',
      choices: ['auto', 'day-first', 'month-first'],
      choiceLabels: { auto: 'as the chat shows (day-first when it cannot tell)', 'day-first': 'day first (31/12/20)', 'month-first': 'month first (12/31/20)' },
      default: 'auto',
      description: "The phone's date order, which the export does not say: found from a day above 12 when there is one.",
    },
  ],
  async detect(input: ExpandedInput) {
    for (const entry of input.entries.filter((e) => extOf(e.path) === '.txt').slice(0, 5)) if (await isChat(entry)) return 0.9;
    return 0;
  },
  read: readChats,
};

/** `<attached: 00000012-PHOTO-2020-12-09.jpg>` (iOS), `IMG-20201209-WA0001.jpg (file attached)` (Android): the files named. */
function attachedFiles(text: string): string[] {
  const files: string[] = [];
  for (let at = text.indexOf('<attached: '); at >= 0; at = text.indexOf('<attached: ', at + 1)) {
    const end = text.indexOf('>', at);
    if (end > at) files.push(text.slice(at + '<attached: '.length, end).trim());
  }
  for (const line of text.split('\n'))
    if (line.endsWith(' (file attached)'))
      files.push(
        line
          .slice(0, -' (file attached)'.length)
          .replace(/^\u200e/, '')
          .trim(),
      );
  return files.filter(Boolean);
}
const OMITTED = /^<Media omitted>$|^<media omitted>$/;

/** "WhatsApp Chat with Alice" (Android's file), "WhatsApp Chat - Alice" (iOS's zip): the other side's name. */
const CHAT_WITH = /^WhatsApp Chat(?: with| mit| avec| con| com| -) (.{1,200})$/i;

function chatName(entry: InputEntry, lines: ChatLine[], root: string): string {
  for (const l of lines.slice(0, 20)) {
    const group = /created group "([^"]{1,200})"/.exec(l.text);
    if (!l.author && group) return group[1]!;
  }
  // iOS names the text `_chat.txt`; the zip (or its folder) carries the name.
  const named = stem(entry.path) === '_chat' ? (entry.path.split('/').slice(-2, -1)[0] ?? stem(root)) : stem(entry.path);
  return CHAT_WITH.exec(named)?.[1] ?? named;
}

async function* readChats(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const { byName } = entryIndex(input.entries);
  let recordNumber = 0;
  context.count('messages', 0);
  for (const entry of input.entries) {
    if (!(await isChat(entry))) continue;
    if (context.signal?.aborted) return;
    const parsed = parseChat(noteText(await entry.readAll()));
    const { lines } = parsed;
    const asked = String(context.options.dates ?? 'auto');
    const order = asked === 'day-first' ? 'DMY' : asked === 'month-first' ? 'MDY' : parsed.order;
    const orderKnown = asked !== 'auto' || parsed.orderKnown;
    const name = chatName(entry, lines, input.root);
    const sessionKey = `chat:${name}`;
    const sessionId = sourceRecordId(ID, sessionKey, 'ses');
    const first = lines.map((l) => chatDate(l, order)).find(Boolean) ?? entry.mtime?.toISOString() ?? new Date().toISOString();
    context.count('chats');
    yield {
      recordNumber: ++recordNumber,
      recordType: 'sessions',
      value: {
        id: sessionId,
        name,
        description: `WhatsApp chat (${baseName(entry.path)})`,
        createdAt: first,
        metadata: sourceMetadata(ID, sessionKey, { file: entry.path }),
      },
    };
    context.warn(
      `${entry.display}: WhatsApp writes the phone's local time without a zone, so times are read as UTC${orderKnown ? '' : '; no date in the chat has a number above 12 to tell day from month, so dates are read day-first (if the phone writes 12/31/20, set the option "Dates are written" to month first: --source-option dates=month-first)'}.`,
    );
    const seen = new Map<string, number>();
    for (const l of lines) {
      if (!l.author) {
        context.count('notices skipped');
        continue;
      }
      recordNumber++;
      const createdAt = chatDate(l, order);
      const key = `${name}\0${l.parts.join('/')} ${l.hour}:${l.minute}:${l.second}\0${l.author}\0${l.text}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const sourceId = `${crypto.createHash('sha256').update(key).digest('hex').slice(0, 24)}${n > 1 ? `#${n}` : ''}`;
      const attachments: Attachment[] = [];
      const missing: string[] = [];
      for (const file of attachedFiles(l.text)) {
        const found = byName.get(baseName(file).toLowerCase());
        if (found) attachments.push(await attachmentOf(found));
        else missing.push(file);
      }
      if (attachments.length) context.count('attachments', attachments.length);
      const omitted = OMITTED.test(l.text.trim());
      const warnings = createdAt ? [] : [`${entry.display}, line ${l.line}: the date ${l.parts.join('/')} is not a day; used the chat's first date.`];
      context.count('messages');
      yield {
        recordNumber,
        line: l.line,
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, sourceId),
          title: omitted ? 'Media omitted' : messageTitle(l.text, 'Message'),
          content: l.text,
          type: 'message',
          tags: [],
          sessionId,
          createdAt: createdAt ?? first,
          ...(attachments.length ? { attachments } : {}),
          metadata: sourceMetadata(ID, sourceId, {
            author: l.author,
            chat: name,
            ...(omitted ? { mediaOmitted: true } : {}),
            ...(missing.length ? { missingAttachments: missing } : {}),
          }),
        },
        warnings,
      };
    }
  }
}
