/**
 * How a Slack workspace export is laid out: at its top (the zip's root, or a folder inside it) the channel lists
 * (`channels.json`, private channels in `groups.json`, group DMs in `mpims.json`, DMs in `dms.json`) and
 * `users.json`; beside them one folder per conversation (a channel's by its name, a DM's by its id) holding one
 * JSON array of messages per day, `YYYY-MM-DD.json`. Anything else (integration_logs.json, canvases) is not
 * part of the conversations.
 */
import type { ExpandedInput, InputEntry } from '../source.ts';
import { baseName, dirName } from '../shared/files.ts';
import { headText } from '../shared/json-stream.ts';

export type ListKind = 'channel' | 'private' | 'mpim' | 'dm';

/** The lists, in the order their conversations are read (and counted in the summary). */
export const LISTS: { file: string; kind: ListKind; noun: string }[] = [
  { file: 'channels.json', kind: 'channel', noun: 'channels' },
  { file: 'groups.json', kind: 'private', noun: 'private channels' },
  { file: 'mpims.json', kind: 'mpim', noun: 'group DM conversations' },
  { file: 'dms.json', kind: 'dm', noun: 'DM conversations' },
];

const DAY = /^\d{4}-\d{2}-\d{2}\.json$/;

/** An array of Slack messages, as its first bytes show: `[{"type": "message", …, "ts": "1452837318.000002"`. */
export function looksLikeMessages(head: string): boolean {
  return /^\s*\[\s*\{/.test(head) && /"type"\s*:\s*"message"/.test(head) && /"ts"\s*:\s*"\d+(\.\d+)?"/.test(head);
}

export interface Layout {
  /** The folder the lists are in ('' or `export/`), with its trailing slash. */
  base: string;
  lists: { entry: InputEntry; kind: ListKind; noun: string }[];
  users?: InputEntry;
  /** Day files, by path: a conversation's days together, oldest first. */
  days: InputEntry[];
  /** The day files' folder (relative to base), '' for a day file at the top (a lone daily file). */
  folderOf: Map<InputEntry, string>;
}

export function layoutOf(input: ExpandedInput): Layout {
  const listed = input.entries.filter((e) => LISTS.some((l) => baseName(e.path).toLowerCase() === l.file));
  // The shallowest list marks the export's top: a zip of the export folder puts everything under `export/`.
  const top = listed.sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  const base = top && dirName(top.path) ? `${dirName(top.path)}/` : '';
  const atBase = (e: InputEntry) => e.path.startsWith(base) && !e.path.slice(base.length).includes('/');
  const lists = LISTS.flatMap((l) => {
    const entry = input.entries.find((e) => atBase(e) && baseName(e.path).toLowerCase() === l.file);
    return entry ? [{ entry, kind: l.kind, noun: l.noun }] : [];
  });
  const users = input.entries.find((e) => atBase(e) && baseName(e.path).toLowerCase() === 'users.json');
  const folderOf = new Map<InputEntry, string>();
  // A file given on its own is one day of a channel, whatever its name (detection looked at what it holds).
  const days = input.entries
    .filter((e) => {
      if (input.kind === 'file') {
        folderOf.set(e, '');
        return true;
      }
      if (!e.path.startsWith(base) || !DAY.test(baseName(e.path))) return false;
      const folder = dirName(e.path.slice(base.length));
      if (folder.includes('/')) return false;
      folderOf.set(e, folder);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { base, lists, users, days, folderOf };
}

/** How sure that this input is a Slack export: its lists beside day folders, or days that hold Slack messages. */
export async function slackScore(input: ExpandedInput): Promise<number> {
  const layout = layoutOf(input);
  const listHead = layout.lists[0] ? await headText(layout.lists[0].entry) : '';
  const isList = /^\s*\[/.test(listHead) && /"id"\s*:/.test(listHead);
  if (isList && layout.days.some((d) => layout.folderOf.get(d))) return 0.95;
  // Day files without their lists (a channel's folder, a lone day), or a file of messages with another name:
  // Slack's, as long as they hold Slack's messages; less sure than a whole export.
  const candidates = input.kind === 'file' ? input.entries.slice(0, 1) : layout.days.slice(0, 3);
  for (const entry of candidates) if (looksLikeMessages(await headText(entry))) return 0.75;
  // The lists and users.json of an export with no messages at all.
  if (isList && layout.users && /"(created|is_channel|members)"\s*:/.test(listHead)) return 0.8;
  return 0;
}
