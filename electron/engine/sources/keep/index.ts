/**
 * Google Keep, from Google Takeout: a folder (or the Takeout zip) with one JSON file per note beside its
 * attachments. `textContent`, or the checklist `listContent` as `- [ ]` / `- [x]` lines, is the content;
 * `labels[].name` the tags; `createdTimestampUsec` / `userEditedTimestampUsec` (microseconds) the dates; pinned,
 * archived, colour, sharees and web links go to metadata. Trashed notes are skipped by default and counted.
 * Every other field of the note (`textContentHtml`, the formatted text of newer exports; a checklist whose items
 * carry `textHtml`; fields Keep adds later) goes to metadata under its Keep name: nothing is dropped in silence.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { Attachment } from '../../../../shared/model.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { optionIsOn } from '../shared/options.ts';
import { attachmentOf, dirName, entryIndex, extOf, noteText, stem } from '../shared/files.ts';

const ID = 'keep';
const KEEP_HINT = /"(createdTimestampUsec|userEditedTimestampUsec)"\s*:/;

interface KeepNote {
  title?: string;
  textContent?: string;
  listContent?: { text?: string; isChecked?: boolean }[];
  labels?: { name?: string }[];
  attachments?: { filePath?: string; mimetype?: string }[];
  annotations?: unknown[];
  sharees?: unknown[];
  createdTimestampUsec?: number | string;
  userEditedTimestampUsec?: number | string;
  isTrashed?: boolean;
  isPinned?: boolean;
  isArchived?: boolean;
  color?: string;
  [field: string]: unknown;
}

/** The fields the record itself holds (content, title, tags, dates, attachments) or metadata names already. */
const MAPPED = new Set([
  'title',
  'labels',
  'attachments',
  'annotations',
  'sharees',
  'createdTimestampUsec',
  'userEditedTimestampUsec',
  'isTrashed',
  'isPinned',
  'isArchived',
  'color',
]);
const LIST_ITEM_FIELDS = new Set(['text', 'isChecked']);

/** What the record does not already hold, as Keep wrote it: the unknown fields, and whichever text was not the content. */
function unmappedFields(note: KeepNote, checklist: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(note)) {
    if (MAPPED.has(key) || value === undefined) continue;
    if (key === 'textContent' && checklist && value === '') continue; // a checklist's empty text: nothing to keep
    if (key === (checklist ? 'listContent' : 'textContent')) {
      // The content is written from these; a checklist's items may carry more (`textHtml`): kept whole then.
      const items = checklist ? (value as unknown[]) : [];
      if (!items.some((i) => typeof i === 'object' && i !== null && Object.keys(i).some((k) => !LIST_ITEM_FIELDS.has(k)))) continue;
    }
    out[key] = value;
  }
  return out;
}

function usecToIso(value: unknown): string | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  return new Date(Math.floor(n / 1000)).toISOString();
}

const isJson = (entry: InputEntry) => extOf(entry.path) === '.json';

export const keepSource: SourcePreset = {
  id: ID,
  label: 'Google Keep Takeout',
  description: 'Google Keep notes from Google Takeout (a folder or the zip): one JSON per note, checklists as - [ ] lines, labels as tags.',
  accepts: ['folder or .zip of Keep .json notes', 'one Keep .json note'],
  options: [
    {
      name: 'includeTrashed',
      label: 'Include trashed notes',
      kind: 'boolean',
      default: false,
      description: "Import notes that are in Keep's trash too (skipped and counted by default).",
    },
  ],
  async detect(input: ExpandedInput) {
    const json = input.entries.filter(isJson).slice(0, 10);
    for (const entry of json) {
      if (KEEP_HINT.test((await entry.head(8192)).toString('utf8'))) return 0.9;
    }
    return 0;
  },
  read: readKeep,
};

async function* readKeep(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const includeTrashed = optionIsOn(context, 'includeTrashed');
  const { byPath, byName } = entryIndex(input.entries);
  let recordNumber = 0;
  context.count('notes', 0);
  for (const entry of input.entries) {
    if (!isJson(entry)) continue;
    if (context.signal?.aborted) return;
    const raw = noteText(await entry.readAll());
    if (!KEEP_HINT.test(raw)) {
      context.warn(`${entry.display}: not a Keep note (no Keep timestamps); not read.`);
      context.count('other files not read');
      continue;
    }
    recordNumber++;
    let note: KeepNote;
    try {
      note = JSON.parse(raw) as KeepNote;
      if (typeof note !== 'object' || note === null || Array.isArray(note)) throw new Error('the file is not a JSON object');
    } catch (error) {
      yield { recordNumber, error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${(error as Error).message}`, file: entry.display } };
      continue;
    }
    if (note.isTrashed && !includeTrashed) {
      recordNumber--;
      context.count('trashed notes skipped');
      continue;
    }
    const warnings: string[] = [];
    const list = Array.isArray(note.listContent) ? note.listContent : undefined;
    const checklist = list !== undefined;
    const content = list ? list.map((item) => `- [${item.isChecked ? 'x' : ' '}] ${item.text ?? ''}`).join('\n') : (note.textContent ?? '');
    const updatedAt = usecToIso(note.userEditedTimestampUsec);
    let createdAt = usecToIso(note.createdTimestampUsec);
    if (!createdAt) {
      createdAt = updatedAt ?? entry.mtime?.toISOString() ?? new Date().toISOString();
      warnings.push(
        `${entry.display}: no createdTimestampUsec; used ${updatedAt ? 'userEditedTimestampUsec' : entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
      );
    }
    const attachments: Attachment[] = [];
    for (const a of note.attachments ?? []) {
      if (!a.filePath) continue;
      const folder = dirName(entry.path);
      const found = byPath.get(folder ? `${folder}/${a.filePath}` : a.filePath) ?? byName.get(a.filePath.toLowerCase());
      if (!found) {
        warnings.push(`${entry.display}: attachment ${a.filePath} is not in the export; not attached (its name is kept in metadata.missingAttachments).`);
        continue;
      }
      attachments.push(await attachmentOf(found, a.filePath, a.mimetype || undefined));
      context.count('attachments');
    }
    const missing = (note.attachments ?? []).filter((a) => a.filePath && !attachments.some((x) => x.name === a.filePath)).map((a) => a.filePath!);
    context.count('notes');
    if (note.isArchived) context.count('archived');
    yield {
      recordNumber,
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, entry.path),
        title: note.title?.trim() ? note.title : stem(entry.path),
        content,
        type: checklist ? 'checklist' : 'note',
        tags: (note.labels ?? []).map((l) => l.name ?? '').filter(Boolean),
        sessionId: null,
        createdAt,
        ...(updatedAt ? { updatedAt } : {}),
        metadata: sourceMetadata(ID, entry.path, {
          ...unmappedFields(note, checklist),
          isPinned: note.isPinned ?? false,
          isArchived: note.isArchived ?? false,
          ...(note.isTrashed ? { isTrashed: true } : {}),
          color: note.color ?? 'DEFAULT',
          ...(note.annotations?.length ? { annotations: note.annotations } : {}),
          ...(note.sharees?.length ? { sharees: note.sharees } : {}),
          ...(missing.length ? { missingAttachments: missing } : {}),
        }),
        ...(attachments.length ? { attachments } : {}),
      },
      warnings,
    };
  }
}
