/**
 * Joplin, from a RAW export (a folder, or a zip of it; what a `.jex` holds, unpacked): one `<id>.md` per item, its
 * title and body above a `key: value` trailer ending in `type_: N` (raw.ts), and `resources/<id>.<ext>` for the
 * files notes link to. Without this preset the folder reads as Markdown notes: ids as titles, the trailer in the
 * content, notebooks and tags imported as notes.
 *
 * Items by type: a note (1) is a context (a to-do, `is_todo: 1`, of type `todo`): its first line the title, its
 * body the content, `user_created_time`/`user_updated_time` (else `created_time`/`updated_time`) its dates, every
 * other trailer key in metadata under its Joplin name (empty values and zero coordinates left out, numbers as
 * numbers, `todo_due`/`todo_completed` as dates). A notebook (2) is a session named by its path
 * (`Parent/Child`); a tag (5) is a tag of the notes a note-tag link (6) names; a resource (4) is the attachment of
 * the notes that link it (`:/<id>`) when its file is in `resources/`, counted and named when it is not. Encrypted
 * items (`encryption_applied: 1`) are skipped with a warning; any other type is skipped and counted by type.
 *
 * A `.jex` is a tar archive, which this app does not unpack: detected (the name, or `ustar` at byte 257), it is one
 * clear error saying how to unpack it, not "format undetected".
 *
 * Two passes: the first reads every item and keeps what the notes need (notebooks, tags, links, resources), not
 * the notes' bodies; the second reads the notes again, one at a time.
 */
import type { RawRecord } from '../../formats/codec.ts';
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import type { Attachment } from '../../../../shared/model.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { attachmentOf, baseName, dirName, extOf, isoDate, MAX_ATTACHMENT_BYTES, noteText, stem } from '../shared/files.ts';
import { messageTitle } from '../shared/chat.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { ITEM_TYPES, JOPLIN_ID, parseRawItem, type RawItem } from './raw.ts';

const ID = 'joplin';
const NOTE = 1;
const FOLDER = 2;
const RESOURCE = 4;
const TAG = 5;
const NOTE_TAG = 6;
const DETECT_BYTES = 64 * 1024;
/** `:/<id>`: how a Joplin body links a resource (or another note). */
const LINK = /:\/([0-9a-f]{32})\b/g;

const isItemFile = (entry: InputEntry) => extOf(entry.path) === '.md' && JOPLIN_ID.test(stem(entry.path));
const isResourceFile = (entry: InputEntry) => baseName(dirName(entry.path)) === 'resources' && JOPLIN_ID.test(stem(entry.path));

/** A JEX (a tar): its name, or a tar header (`ustar` at 257) with a Joplin item's name in the first headers. */
async function isJex(entry: InputEntry): Promise<boolean> {
  if (extOf(entry.path) === '.jex') return true;
  const head = await entry.head(DETECT_BYTES);
  if (head.length < 262 || head.toString('latin1', 257, 262) !== 'ustar') return false;
  return /(?:^|[/\0])[0-9a-f]{32}\.md\0/.test(head.toString('latin1'));
}

export const joplinSource: SourcePreset = {
  id: ID,
  label: 'Joplin export',
  description:
    'A Joplin RAW export (a folder or zip of <id>.md items, a JEX unpacked): notes with their notebooks as sessions, tags, dates and attached resources.',
  accepts: ['folder or .zip of Joplin RAW items (<id>.md + resources/)', '.jex unpacked'],
  async detect(input: ExpandedInput) {
    if (input.kind === 'file' && input.entries[0] && (await isJex(input.entries[0]))) return 0.95;
    // The small items first (tags, links, notebooks): whole within the head, their trailer readable.
    const sample = input.entries
      .filter((e) => isItemFile(e) && e.size <= DETECT_BYTES)
      .sort((a, b) => a.size - b.size)
      .slice(0, 5);
    let items = 0;
    for (const entry of sample) if (parseRawItem(noteText(await entry.head(DETECT_BYTES)))?.id === stem(entry.path)) items++;
    if (items === 0) return 0;
    // Above markdown-notes (0.7), which would read the same files as notes.
    return items === sample.length ? 0.9 : 0.75;
  },
  read: readJoplin,
};

interface Notebook {
  title: string;
  parent: string;
  props: Record<string, string>;
}
interface Resource {
  title: string;
  props: Record<string, string>;
}

/** What the first pass learns about the items that are no notes. */
interface Index {
  notes: InputEntry[];
  notebooks: Map<string, Notebook>;
  tags: Map<string, { title: string; parent: string }>;
  tagsOfNote: Map<string, string[]>;
  resources: Map<string, Resource>;
  encrypted: number;
  otherTypes: Map<string, number>;
  notItems: string[];
}

async function* readJoplin(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  if (input.kind === 'file' && input.entries[0] && (await isJex(input.entries[0]))) {
    const name = baseName(input.root);
    throw new AppError(
      ERROR_CODES.UNSUPPORTED_FORMAT,
      `${name} is a Joplin JEX export, a tar archive, which this app does not unpack. Unpack it and import the folder: ` +
        `mkdir jex && tar -xf "${name}" -C jex, then import jex (on Windows, 7-Zip opens it too).`,
      { file: input.root },
    );
  }
  context.count('notes', 0);
  let recordNumber = 0;
  const index: Index = {
    notes: [],
    notebooks: new Map(),
    tags: new Map(),
    tagsOfNote: new Map(),
    resources: new Map(),
    encrypted: 0,
    otherTypes: new Map(),
    notItems: [],
  };
  const tagLinks: { note: string; tag: string }[] = [];
  const resourceFiles = new Map<string, InputEntry>();
  for (const entry of input.entries) {
    if (context.signal?.aborted) return;
    if (isResourceFile(entry)) {
      resourceFiles.set(stem(entry.path), entry);
      continue;
    }
    if (extOf(entry.path) !== '.md') {
      index.notItems.push(entry.path);
      continue;
    }
    if (entry.size > context.maxRecordBytes) {
      yield {
        recordNumber: ++recordNumber,
        error: {
          code: ERROR_CODES.LIMIT_EXCEEDED,
          message: `${entry.display} is ${entry.size} bytes; a Joplin item is read whole and may be at most ${context.maxRecordBytes}.`,
          file: entry.display,
        },
      };
      continue;
    }
    const item = parseRawItem(noteText(await entry.readAll()));
    if (!item) {
      index.notItems.push(entry.path);
      continue;
    }
    if (item.props.encryption_applied === '1') {
      index.encrypted++;
      continue;
    }
    if (item.type === NOTE) index.notes.push(entry);
    else if (item.type === FOLDER) index.notebooks.set(item.id, { title: item.title, parent: item.props.parent_id ?? '', props: item.props });
    else if (item.type === TAG) index.tags.set(item.id, { title: item.title, parent: item.props.parent_id ?? '' });
    else if (item.type === NOTE_TAG) {
      if (item.props.note_id && item.props.tag_id) tagLinks.push({ note: item.props.note_id, tag: item.props.tag_id });
    } else if (item.type === RESOURCE) index.resources.set(item.id, { title: item.title, props: item.props });
    else {
      const name = ITEM_TYPES[item.type] ?? `type ${item.type}`;
      index.otherTypes.set(name, (index.otherTypes.get(name) ?? 0) + 1);
    }
  }

  // Notebooks, parents before children: each a session named by its path.
  const notebookPath = pathsOf(index.notebooks);
  const sessionOf = new Map<string, string>();
  const ordered = [...index.notebooks.keys()].sort((a, b) => depth(notebookPath(a)) - depth(notebookPath(b)));
  for (const id of ordered) {
    const notebook = index.notebooks.get(id)!;
    const name = notebookPath(id);
    const sessionId = sourceRecordId(ID, `notebook:${id}`, 'ses');
    sessionOf.set(id, sessionId);
    context.count('notebooks');
    const { createdAt, updatedAt } = datesOf(notebook.props);
    yield {
      recordNumber: ++recordNumber,
      recordType: 'sessions',
      value: {
        id: sessionId,
        name,
        description: '',
        createdAt: createdAt ?? updatedAt ?? new Date().toISOString(),
        ...(updatedAt ? { updatedAt } : {}),
        metadata: sourceMetadata(ID, id, {
          path: name,
          ...(notebook.parent ? { parent_id: notebook.parent } : {}),
          ...(notebook.props.icon ? { icon: notebook.props.icon } : {}),
        }),
      },
    };
  }

  const tagPath = pathsOf(index.tags);
  for (const link of tagLinks) {
    const name = index.tags.has(link.tag) ? tagPath(link.tag) : '';
    if (!name) continue;
    const list = index.tagsOfNote.get(link.note) ?? [];
    if (!list.includes(name)) list.push(name);
    index.tagsOfNote.set(link.note, list);
  }
  if (index.tags.size) context.count('tags', index.tags.size);
  if (index.encrypted) context.count('encrypted items skipped', index.encrypted);
  const others = [...index.otherTypes.values()].reduce((a, b) => a + b, 0);
  if (others) context.count('other items skipped', others);

  // Counted from the start when there is anything to attach, so the summary reads "3 attachments, 2 attachments missing".
  if (index.resources.size || resourceFiles.size) context.count('attachments', 0);
  const used = new Set<string>();
  const missingNotebooks = new Map<string, number>();
  for (const entry of index.notes) {
    if (context.signal?.aborted) return;
    const item = parseRawItem(noteText(await entry.readAll()));
    if (!item) continue;
    recordNumber++;
    const warnings: string[] = [];
    const parent = item.props.parent_id ?? '';
    const sessionId = sessionOf.get(parent) ?? null;
    if (parent && !sessionId) missingNotebooks.set(parent, (missingNotebooks.get(parent) ?? 0) + 1);
    let { createdAt, updatedAt } = datesOf(item.props);
    if (!createdAt) {
      createdAt = updatedAt ?? entry.mtime?.toISOString() ?? new Date().toISOString();
      warnings.push(
        `${entry.display}: no created_time; used ${updatedAt ? 'its updated_time' : entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
      );
    }
    const attachments = await attachmentsOf(item, entry, index, resourceFiles, used, warnings, context);
    const isTodo = item.props.is_todo === '1';
    context.count('notes');
    yield {
      recordNumber,
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, item.id),
        title: item.title || messageTitle(item.body, 'Untitled note'),
        content: item.body,
        type: isTodo ? 'todo' : 'note',
        tags: index.tagsOfNote.get(item.id) ?? [],
        sessionId,
        createdAt,
        ...(updatedAt ? { updatedAt } : {}),
        metadata: sourceMetadata(ID, item.id, {
          ...(sessionId ? { notebook: notebookPath(parent) } : {}),
          ...noteMetadata(item.props),
        }),
        ...(attachments.length ? { attachments } : {}),
      },
      warnings,
    };
  }

  if (index.encrypted)
    context.warn(
      `${input.root}: ${index.encrypted.toLocaleString('en-US')} encrypted item(s) not read: Joplin wrote them encrypted (end-to-end encryption). Decrypt them in Joplin, export again, and import that.`,
    );
  if (others) {
    const kinds = [...index.otherTypes].map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
    context.warn(`${input.root}: ${others.toLocaleString('en-US')} item(s) that are no notes, notebooks, tags or resources were not imported: ${kinds}.`);
  }
  for (const [id, n] of missingNotebooks)
    context.warn(`${input.root}: ${n.toLocaleString('en-US')} note(s) in notebook ${id}, which is not in the export; imported without a session.`);
  const unlinked = [...resourceFiles.values()].filter((e) => !used.has(e.path)).map((e) => e.path);
  if (unlinked.length) context.warn(notReadWarning(input.root, 'resource files no note links to', unlinked));
  if (index.notItems.length && input.kind !== 'file') context.warn(notReadWarning(input.root, 'not Joplin items', index.notItems));
}

/** Each `:/<id>` of a resource, once: its file an attachment, or a warning and a count when the file is missing. */
async function attachmentsOf(
  item: RawItem,
  entry: InputEntry,
  index: Index,
  files: Map<string, InputEntry>,
  used: Set<string>,
  warnings: string[],
  context: SourceReadContext,
): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  const seen = new Set<string>();
  for (const [, id] of item.body.matchAll(LINK)) {
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const resource = index.resources.get(id);
    const file = files.get(id);
    // A link to another note is no attachment; an id the export has neither item nor file for says too little.
    if (!resource && !file) continue;
    const name = resourceName(id, resource, file);
    if (!file) {
      warnings.push(`${entry.display}: resource ${id} (${name}) is linked but its file is not in the export (resources/${id}.*); not attached.`);
      context.count('attachments missing');
      continue;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      warnings.push(`${entry.display}: attachment ${file.path} is ${file.size} bytes, over ${MAX_ATTACHMENT_BYTES}; not attached.`);
      continue;
    }
    attachments.push(await attachmentOf(file, name, resource?.props.mime || undefined));
    used.add(file.path);
    context.count('attachments');
  }
  return attachments;
}

/** The name a person gave the file (the resource's title, else its file name), else `<id>.<ext>`. */
function resourceName(id: string, resource: Resource | undefined, file: InputEntry | undefined): string {
  const ext = resource?.props.file_extension || (file ? extOf(file.path).slice(1) : '');
  const given = resource?.title || resource?.props.filename;
  if (given) return given;
  return ext ? `${id}.${ext}` : id;
}

function datesOf(props: Record<string, string>): { createdAt?: string; updatedAt?: string } {
  return {
    createdAt: isoDate(props.user_created_time) ?? isoDate(props.created_time),
    updatedAt: isoDate(props.user_updated_time) ?? isoDate(props.updated_time),
  };
}

/** Trailer keys the record holds already, or that say nothing once read (the encryption fields of a plain item). */
const HELD = new Set([
  'id',
  'parent_id',
  'type_',
  'created_time',
  'updated_time',
  'user_created_time',
  'user_updated_time',
  'encryption_cipher_text',
  'encryption_applied',
]);
const COORDINATES = new Set(['latitude', 'longitude', 'altitude']);
const EPOCH_MS = new Set(['todo_due', 'todo_completed']);

/** A note's other trailer keys under their Joplin names: numbers as numbers, empty values and zero coordinates left out. */
function noteMetadata(props: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const isTodo = props.is_todo === '1';
  for (const [key, value] of Object.entries(props)) {
    if (HELD.has(key) || value === '') continue;
    // Joplin's `source` (the app that wrote it: joplin-desktop) would hide metadata.source, the preset id.
    if (key === 'source') out.joplin_source = value;
    else if (key === 'is_todo') out[key] = isTodo;
    else if (EPOCH_MS.has(key)) {
      const ms = Number(value);
      if (Number.isFinite(ms) && ms > 0) out[key] = new Date(ms).toISOString();
      else if (isTodo && key === 'todo_completed') out[key] = false;
    } else if (COORDINATES.has(key)) {
      const n = Number(value);
      if (Number.isFinite(n) && n !== 0) out[key] = n;
    } else if (/^-?\d+(\.\d+)?$/.test(value) && !key.endsWith('_id')) out[key] = Number(value);
    else out[key] = value;
  }
  if (!('is_todo' in out)) out.is_todo = isTodo;
  return out;
}

/** `Parent/Child` for an item under others by `parent_id` (notebooks; tags, which may nest too); a loop stops. */
function pathsOf(items: Map<string, { title: string; parent: string }>): (id: string) => string {
  const cache = new Map<string, string>();
  const pathOf = (id: string, seen: Set<string>): string => {
    const known = cache.get(id);
    if (known !== undefined) return known;
    const item = items.get(id);
    if (!item) return '';
    const title = item.title.trim() || id;
    let result = title;
    if (item.parent && items.has(item.parent) && !seen.has(item.parent)) {
      seen.add(id);
      const above = pathOf(item.parent, seen);
      result = above ? `${above}/${title}` : title;
    }
    cache.set(id, result);
    return result;
  };
  return (id) => pathOf(id, new Set([id]));
}

const depth = (path: string) => path.split('/').length;
