/**
 * Standard Notes, from its decrypted backup: `Standard Notes Backup and Import File.txt` (JSON despite the name:
 * `{"version": "004", "items": [...]}`), alone or in the backup zip beside `Items/<type>/*.txt`, one file per item
 * holding only its `content` (a copy of what the backup file holds, so not read again).
 *
 * The items are of many types: `Note` items are the contexts (title, text, dates, pinned/archived/protected kept);
 * `Tag` items name the notes they reference, so they are the notes' tags (a tag under another, through its
 * `TagToParentTag` reference, is `parent/child`); everything else (`SN|Component`, `SN|Theme`,
 * `SN|UserPreferences`, `SN|SmartTag`, keys and credentials) is settings of the app, skipped and counted by type.
 * Trashed notes are skipped unless `includeTrashed`; deleted items (tombstones) always are. A Super note's text is
 * the Lexical editor's JSON: it becomes Markdown, the JSON kept in metadata. An encrypted backup cannot be read
 * without the account's keys: one error says to export a decrypted one.
 *
 * The file is read twice, one item at a time both times: first the tags (which may come after their notes),
 * then the notes.
 */
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { optionIsOn } from '../shared/options.ts';
import { extOf, isoDate } from '../shared/files.ts';
import { headText, jsonItems } from '../shared/json-stream.ts';
import { jsonItemRecords } from '../shared/json-item-records.ts';
import { messageTitle } from '../shared/chat.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { lexicalToMarkdown } from './lexical.ts';

const ID = 'standard-notes';
const VERSION = /^\s*\{\s*"version"\s*:\s*"0\d\d"/;
const ITEMS = /"items"\s*:\s*\[/;
const ITEM_KEYS = /"content_type"\s*:\s*"/;
/** An encrypted item's content: `004:<nonce>:<ciphertext>:…` instead of an object. */
const ENCRYPTED = /^00\d:/;
const APP_DATA = 'org.standardnotes.sn';

interface SnItem {
  uuid?: string;
  content_type?: string;
  content?: unknown;
  created_at?: string;
  updated_at?: string;
  deleted?: boolean;
  [key: string]: unknown;
}
interface SnReference {
  uuid?: string;
  content_type?: string;
  reference_type?: string;
}
interface SnNoteContent {
  title?: string;
  text?: string;
  references?: SnReference[];
  appData?: Record<string, Record<string, unknown>>;
  trashed?: boolean;
  pinned?: boolean;
  archived?: boolean;
  starred?: boolean;
  protected?: boolean;
  locked?: boolean;
  noteType?: string;
  editorIdentifier?: string;
  [key: string]: unknown;
}

const isBackupName = (entry: InputEntry) => /standard notes backup and import file/i.test(entry.path.split('/').pop() ?? '');
const isCandidate = (entry: InputEntry) => ['.txt', '.json'].includes(extOf(entry.path)) && !/^Items\//.test(entry.path);

async function isBackup(entry: InputEntry): Promise<boolean> {
  if (!isCandidate(entry)) return false;
  const head = await headText(entry, 4096);
  return VERSION.test(head) && ITEMS.test(head) && (ITEM_KEYS.test(head) || /"items"\s*:\s*\[\s*\]/.test(head));
}

export const standardNotesSource: SourcePreset = {
  id: ID,
  label: 'Standard Notes backup',
  description:
    'A decrypted Standard Notes backup (the "Standard Notes Backup and Import File.txt", or the backup zip): notes with their tags, pinned and archived kept; app settings skipped and counted.',
  accepts: ['Standard Notes Backup and Import File.txt', 'the backup .zip'],
  options: [
    {
      name: 'includeTrashed',
      label: 'Include trashed notes',
      kind: 'boolean',
      default: false,
      description: "Import notes that are in Standard Notes' trash too (skipped and counted by default).",
    },
  ],
  async detect(input: ExpandedInput) {
    for (const entry of input.entries.filter(isCandidate).slice(0, 10)) if (await isBackup(entry)) return isBackupName(entry) ? 0.95 : 0.9;
    return 0;
  },
  read: readStandardNotes,
};

/** What the first pass learns: each note's tag names, and whether the backup is encrypted. */
interface TagIndex {
  tagsOf: Map<string, string[]>;
  tags: number;
  encrypted: number;
}

async function indexTags(entries: InputEntry[], maxRecordBytes: number, signal?: AbortSignal): Promise<TagIndex> {
  const names = new Map<string, { title: string; parent?: string; notes: string[] }>();
  let encrypted = 0;
  for (const entry of entries) {
    try {
      for await (const item of jsonItems(entry, maxRecordBytes, () => ['items'])) {
        if (signal?.aborted) break;
        if ('error' in item) continue; // the second pass reports it, with its line
        const it = item.value as SnItem;
        if (typeof it?.content === 'string' && ENCRYPTED.test(it.content)) encrypted++;
        if (it?.content_type !== 'Tag' || it.deleted || typeof it.uuid !== 'string' || typeof it.content !== 'object' || it.content === null) continue;
        const content = it.content as { title?: unknown; references?: SnReference[] };
        const refs = Array.isArray(content.references) ? content.references : [];
        names.set(it.uuid, {
          title: typeof content.title === 'string' ? content.title.trim() : '',
          parent: refs.find((r) => r?.reference_type === 'TagToParentTag' && typeof r.uuid === 'string')?.uuid,
          notes: refs.filter((r) => r?.content_type === 'Note' && typeof r.uuid === 'string').map((r) => r.uuid!),
        });
      }
    } catch {
      // A malformed document: the second pass says so, naming the entry.
    }
  }
  const path = (uuid: string, seen = new Set<string>()): string => {
    const tag = names.get(uuid);
    if (!tag) return '';
    if (!tag.parent || seen.has(uuid) || !names.has(tag.parent)) return tag.title;
    seen.add(uuid);
    const above = path(tag.parent, seen);
    return above ? `${above}/${tag.title}` : tag.title;
  };
  const tagsOf = new Map<string, string[]>();
  for (const [uuid, tag] of names) {
    const name = path(uuid);
    if (!name) continue;
    for (const note of tag.notes) {
      const list = tagsOf.get(note) ?? [];
      if (!list.includes(name)) list.push(name);
      tagsOf.set(note, list);
    }
  }
  return { tagsOf, tags: names.size, encrypted };
}

/** The note's own fields the record does not hold already: kept in metadata under their Standard Notes names. */
const HELD = new Set(['title', 'text', 'references', 'appData', 'trashed', 'pinned', 'archived', 'starred', 'protected', 'locked', 'preview_html']);

async function* readStandardNotes(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const includeTrashed = optionIsOn(context, 'includeTrashed');
  context.count('notes', 0);
  const backups: InputEntry[] = [];
  for (const entry of input.entries) if (await isBackup(entry)) backups.push(entry);
  const index = await indexTags(backups, context.maxRecordBytes, context.signal);
  if (index.tags) context.count('tags', index.tags);
  const skippedTypes = new Map<string, number>();
  let encryptedSeen = 0;

  const notRead = yield* jsonItemRecords(input, context, {
    itemNoun: async (entry) => (backups.includes(entry) ? 'item' : undefined),
    root: () => ['items'],
    *records(value, at) {
      const item = value as SnItem;
      const type = typeof item?.content_type === 'string' ? item.content_type : 'an item without a content_type';
      if (typeof item?.content === 'string' && ENCRYPTED.test(item.content)) {
        encryptedSeen++;
        // One error for the backup, not one per item: without the account's keys none of it can be read.
        if (encryptedSeen === 1)
          yield {
            error: {
              code: ERROR_CODES.VALIDATION_ERROR,
              message: `${at.entry.display}: this Standard Notes backup is encrypted (${index.encrypted.toLocaleString('en-US')} encrypted items); it cannot be read without your account's keys. In Standard Notes, export a decrypted backup (Preferences → Backups → Download backup, "Decrypted") and import that file.`,
              file: at.entry.display,
            },
          };
        return;
      }
      if (item?.deleted) {
        context.count('deleted items skipped');
        return;
      }
      if (type !== 'Note') {
        // Tags became the notes' tags in the first pass; settings, themes and keys are no notes.
        if (type !== 'Tag') skippedTypes.set(type, (skippedTypes.get(type) ?? 0) + 1);
        return;
      }
      if (typeof item.content !== 'object' || item.content === null || typeof item.uuid !== 'string') {
        yield {
          error: { code: ERROR_CODES.VALIDATION_ERROR, message: `${at.where}: a Note item without a uuid or content; not read.`, file: at.entry.display },
        };
        return;
      }
      const note = item.content as SnNoteContent;
      const app = (note.appData?.[APP_DATA] ?? {}) as Record<string, unknown>;
      const flag = (name: 'trashed' | 'pinned' | 'archived' | 'starred' | 'locked' | 'protected') => note[name] === true || app[name] === true;
      if (flag('trashed') && !includeTrashed) {
        context.count('trashed notes skipped');
        return;
      }
      const warnings: string[] = [];
      const text = typeof note.text === 'string' ? note.text : '';
      const lexical = note.noteType === 'super' ? lexicalToMarkdown(text) : undefined;
      const content = lexical ?? text;
      let createdAt = isoDate(item.created_at);
      // `client_updated_at` is when the person last edited it; `updated_at` also moves on every sync.
      const updatedAt = isoDate(app.client_updated_at) ?? isoDate(app.userModifiedDate) ?? isoDate(item.updated_at);
      if (!createdAt) {
        createdAt = updatedAt ?? at.entry.mtime?.toISOString() ?? new Date().toISOString();
        warnings.push(
          `${at.where}: no created_at; used ${updatedAt ? 'its last edit' : at.entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
        );
      }
      const title = typeof note.title === 'string' && note.title.trim() ? note.title.trim() : messageTitle(content, 'Untitled note');
      const own = Object.fromEntries(Object.entries(note).filter(([k, v]) => !HELD.has(k) && k !== 'preview_plain' && v !== undefined));
      const links = (Array.isArray(note.references) ? note.references : []).filter((r) => r?.content_type === 'Note' || r?.content_type === 'SN|File');
      context.count('notes');
      yield {
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, item.uuid),
          title,
          content,
          type: 'note',
          tags: index.tagsOf.get(item.uuid) ?? [],
          sessionId: null,
          createdAt,
          ...(updatedAt ? { updatedAt } : {}),
          metadata: sourceMetadata(ID, item.uuid, {
            ...own,
            ...(flag('pinned') ? { pinned: true } : {}),
            ...(flag('archived') ? { archived: true } : {}),
            ...(flag('starred') ? { starred: true } : {}),
            ...(flag('locked') ? { locked: true } : {}),
            ...(flag('protected') ? { protected: true } : {}),
            ...(flag('trashed') ? { trashed: true } : {}),
            ...(links.length ? { references: links.map((r) => ({ uuid: r.uuid, contentType: r.content_type })) } : {}),
            ...(lexical !== undefined ? { superJson: text } : {}),
          }),
        },
        warnings,
      };
    },
  });
  if (skippedTypes.size) {
    const total = [...skippedTypes.values()].reduce((a, b) => a + b, 0);
    context.count('app settings skipped', total);
    const kinds = [...skippedTypes].map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
    context.warn(
      `${input.root}: ${total.toLocaleString('en-US')} item(s) that are no notes were not imported (the app's settings, editors and themes): ${kinds}.`,
    );
  }
  const copies = notRead.filter((p) => /^Items\//.test(p));
  if (copies.length && backups.length)
    context.warn(`${input.root}: ${copies.length.toLocaleString('en-US')} file(s) under Items/ not read: one per item, copies of what the backup file holds.`);
  const others = notRead.filter((p) => !(backups.length && /^Items\//.test(p)));
  if (others.length && input.kind !== 'file') context.warn(notReadWarning(input.root, 'not a Standard Notes backup file', others));
}
