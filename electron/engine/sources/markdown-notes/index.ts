/**
 * Markdown notes: Obsidian vaults, Joplin and Notesnook Markdown exports, Logseq pages, Hugo and Jekyll posts, plain
 * `.md` files. One file is one context. Front matter (YAML, or Hugo's TOML: front-matter.ts) gives the title, tags
 * and dates, and the rest of it goes to metadata; the body is the content, byte for byte (wiki links and embeds
 * stay as written). Title: front matter, else the `# H1` that opens the body (its first line with text, past Logseq's
 * `key:: value` properties), else the file name. Creation date: front matter,
 * else a Jekyll-style `YYYY-MM-DD-` file name or a Logseq journal's `YYYY_MM_DD`, else the file's time (option `missingDates`). A note's folder becomes its session (or a tag, by option). Attachments the note
 * references (`![[x.png]]`, `![](x.png)`, `[a](x.pdf)`) and that are in the input become its attachments. A
 * TextBundle (Bear's backups) is one note with its info.json's dates and state (textbundle.ts).
 *
 * The app's own Markdown export (`# Contexts` … `**id:**`) is not a note: detection leaves it to the format reader.
 */
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { detectFormat, extensionCodec } from '../../formats/registry.ts';
import { NOT_READABLE, notReadWarning } from '../../inputs/not-read.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { optionIsOn } from '../shared/options.ts';
import { proseLines } from './code.ts';
import { splitFrontMatter } from './front-matter.ts';
import { bundleOf, readBundleInfo, takeClosedTags, type BundleInfo } from './textbundle.ts';
import { attachmentOf, baseName, dirName, entryIndex, extOf, isoDate, MAX_ATTACHMENT_BYTES, noteText, stem } from '../shared/files.ts';

const ID = 'markdown-notes';
// The Markdown extensions GitHub's Linguist and Jekyll's `markdown_ext` know. Not `.txt`/`.text`: plain text
// too, and a vault's `.txt` is an attachment a note links to.
const NOTE_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mkdn', '.mkdown', '.mdwn']);
const OWN_EXPORT = /^# (Contexts|Sessions|Templates)$/; // tested on one trimmed line

export function isNote(entry: InputEntry): boolean {
  return NOTE_EXTENSIONS.has(extOf(entry.path));
}

async function isOwnExport(entry: InputEntry): Promise<boolean> {
  const head = (await entry.head(4096)).toString('utf8');
  // What this app writes starts with a `# Contexts` / `# Sessions` / `# Templates` section heading.
  return OWN_EXPORT.test((head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim());
}

/**
 * @param blankSeparated a string without commas is Jekyll's `tags: a b c` ("a YAML list or a space-separated
 * string", as its documentation says); Obsidian's tags hold no blanks either. A keyword is a phrase, and a list
 * item is one tag as written.
 */
function listOf(value: unknown, blankSeparated = false): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? listOf(String(v)) : []));
  if (typeof value !== 'string') return [];
  // `\s(?=#)`, not `\s+(?=#)` (quadratic on a long blank run): the spaces left over are trimmed off each tag.
  const separator = blankSeparated && !/[,;]/.test(value) ? /\s/ : /[,;]|\s(?=#)/;
  return value
    .split(separator)
    .map((t) => t.trim().replace(/^#/, ''))
    .filter(Boolean);
}

/** `#tag` and `#nested/tag` in the text, outside code (code.ts) and headings' marks (`# Title` is not a tag). */
/** @param closedTags Bear's `#tags with spaces#` too (textbundle.ts) */
export function inlineTags(body: string, closedTags = false): string[] {
  const tags: string[] = [];
  for (const line of proseLines(body)) {
    let text = withoutLinkTargets(line);
    if (closedTags) {
      const closed = takeClosedTags(text);
      tags.push(...closed.tags);
      text = closed.rest;
    }
    for (const m of text.matchAll(/(?:^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu)) {
      if (/^\d+$/.test(m[1]!)) continue; // "#1" is a number, not a tag
      tags.push(m[1]!);
    }
  }
  return tags;
}

/**
 * `[label](target)` → `[label]` (so `#` in a URL is no tag), by scanning: the regex `/\]\([^)]*\)/g` searched on
 * from every `](` to the line's end when no `)` followed, quadratic on `](](](…`.
 */
function withoutLinkTargets(line: string): string {
  let out = '';
  let from = 0;
  for (let open = line.indexOf('](', from); open >= 0; open = line.indexOf('](', from)) {
    const close = line.indexOf(')', open + 2);
    if (close < 0) break; // no `)` after this one: none after any later `](` either
    out += line.slice(from, open + 1);
    from = close + 1;
  }
  return out + line.slice(from);
}

/** Local files a note links to: `![[a.png]]`, `[[a.pdf|label]]`, `![x](a%20b.png)`, `[x](docs/a.pdf)`. */
export function referencedFiles(body: string): string[] {
  const out: string[] = [];
  // No part of a link may hold `[` (Obsidian forbids it in link targets; a label with one is no link here): each
  // search then stops at the next `[`, where `[^\]]*` ran from every `[` of a crafted note to its end.
  for (const m of body.matchAll(/!?\[\[([^[\]|#^]+)(?:[#^][^[\]|]*)?(?:\|[^[\]]*)?\]\]/g)) out.push(m[1]!.trim());
  // Blanks before a title are taken by one `\s*` only (two optional runs of blanks side by side backtrack).
  for (const m of body.matchAll(/!?\[[^[\]]*\]\(\s*<?([^)\s>[]+)>?\s*(?:"[^"[]*"\s*)?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    try {
      out.push(decodeURIComponent(target.split('#')[0]!));
    } catch {
      out.push(target);
    }
  }
  return [...new Set(out)];
}

const isBlank = (c: string | undefined) => c !== undefined && c.trim() === '';

/**
 * `# Title ##` → `Title`: the text after `# ` without the closing `#`s and blanks around them. By scanning, not
 * `/^# +(.+?)\s*#*\s*$/` (whose lazy title and `\s*#*\s*` tail backtrack quadratically on a long blank run).
 */
function atxHeadingText(line: string): string | undefined {
  if (!line.startsWith('# ')) return undefined;
  let start = 2;
  while (line[start] === ' ') start++;
  let end = line.length;
  while (end > start && isBlank(line[end - 1])) end--;
  while (end > start && line[end - 1] === '#') end--;
  while (end > start && isBlank(line[end - 1])) end--;
  return end > start ? line.slice(start, end) : undefined;
}

/** Logseq's `key:: value` page properties (front-matter.ts reads them; the body keeps them). */
const LOGSEQ_PROPERTY = /^[A-Za-z][\w-]*::/;

/**
 * The `# H1` that opens the note: its first line with text, past blank lines and Logseq's page properties. A
 * heading further down is part of the text (a Logseq outline's sample `# Heading 1` on line 7), not its title.
 */
function openingHeading(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '' || LOGSEQ_PROPERTY.test(line)) continue;
    return atxHeadingText(line);
  }
  return undefined;
}

const TITLE_KEYS = ['title', 'name'];
const TAG_KEYS = ['tags', 'tag', 'keywords'];
const CREATED_KEYS = ['created', 'date', 'created_at', 'createdAt', 'creation_date', 'date_created', 'ctime'];
const UPDATED_KEYS = ['updated', 'modified', 'updated_at', 'updatedAt', 'last_modified', 'lastmod', 'date_modified', 'mtime'];

function pick(fm: Record<string, unknown>, keys: string[]): { key?: string; value?: unknown } {
  for (const key of keys) {
    const found = Object.keys(fm).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found !== undefined && fm[found] !== null && fm[found] !== undefined && fm[found] !== '') return { key: found, value: fm[found] };
  }
  return {};
}

export const markdownNotesSource: SourcePreset = {
  id: ID,
  label: 'Markdown notes',
  description: 'Obsidian, Joplin, Notesnook, Logseq or plain Markdown notes: one file is one context; front matter gives title, tags and dates.',
  accepts: ['.md', 'folder or .zip of .md notes'],
  options: [
    {
      name: 'folders',
      label: 'Folders become',
      kind: 'choice',
      choices: ['session', 'tag', 'none'],
      default: 'session',
      description: "What a note's folder becomes: its session, a tag, or nothing.",
    },
    {
      name: 'missingDates',
      label: 'A note without a date',
      kind: 'choice',
      choices: ['file-time', 'import-time'],
      default: 'file-time',
      description:
        "Where a note whose front matter has no creation date gets one: the file's modification time, or the import time (either way a warning says so).",
    },
    {
      name: 'includeTrashed',
      label: 'Include trashed notes',
      kind: 'boolean',
      default: false,
      description: "Import TextBundle notes (a Bear backup's) that their app has in its trash too (skipped and counted by default, as Keep's).",
    },
  ],
  async detect(input: ExpandedInput) {
    const notes = input.entries.filter(isNote);
    if (notes.length === 0) return 0;
    // A Notion export is Markdown too, but its own preset knows its property tables and CSV databases.
    if (notes.some((n) => /\s[0-9a-f]{32}\.md$/i.test(n.path))) return 0.3;
    if (input.kind === 'file') {
      // A single .md file is a note unless it is this app's export, or its content is another format (YAML).
      const entry = notes[0]!;
      if (await isOwnExport(entry)) return 0;
      try {
        return detectFormat(entry.path, (await entry.head(64 * 1024)).toString('utf8')).id === 'markdown' ? 0.8 : 0;
      } catch {
        return 0.6;
      }
    }
    const sample = notes.slice(0, 5);
    let own = 0;
    for (const n of sample) if (await isOwnExport(n)) own++;
    if (own === sample.length) return 0;
    const share = notes.length / input.entries.length;
    return share >= 0.3 ? 0.7 : 0.5;
  },
  read: readNotes,
};

async function* readNotes(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const folders = String(context.options.folders ?? 'session');
  const missingDates = String(context.options.missingDates ?? 'file-time');
  const includeTrashed = optionIsOn(context, 'includeTrashed');
  const { byPath, byName } = entryIndex(input.entries);
  const sessionsMade = new Set<string>();
  const rootName = input.kind === 'file' ? '' : stem(withoutTrailingSlashes(input.root));
  let recordNumber = 0;
  const used = new Set<string>();
  context.count('notes', 0);
  for (const entry of input.entries) {
    if (!isNote(entry)) continue;
    if (context.signal?.aborted) return;
    recordNumber++;
    if (entry.size > context.maxRecordBytes) {
      yield {
        recordNumber,
        error: {
          code: ERROR_CODES.LIMIT_EXCEEDED,
          message: `${entry.display} is ${entry.size} bytes; a note may be at most ${context.maxRecordBytes}.`,
          file: entry.display,
        },
      };
      continue;
    }
    const text = noteText(await entry.readAll());
    if (await isOwnExport(entry)) {
      yield {
        recordNumber,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `${entry.display} is this app's own Markdown export, not a note; import it with --source none.`,
          file: entry.display,
        },
      };
      continue;
    }
    const warnings: string[] = [];
    const bundle = bundleOf(entry.path);
    let info: BundleInfo | undefined;
    const infoEntry = bundle ? byPath.get(bundle.infoPath) : undefined;
    if (infoEntry) {
      used.add(infoEntry.path);
      const read = await readBundleInfo(infoEntry);
      if (typeof read === 'string') warnings.push(`${infoEntry.display}: ${read}; the note's dates and state in it were not read.`);
      else info = read;
    }
    if (info?.flags.trashed && !includeTrashed) {
      recordNumber--;
      context.count('trashed notes skipped');
      continue;
    }
    const { frontMatter, language, frontMatterError, body } = splitFrontMatter(text);
    if (frontMatterError) warnings.push(`${entry.display}: the front matter is not valid ${language} (${frontMatterError}); it was kept in the content.`);
    const fm = { ...frontMatter };
    const content = frontMatterError ? text : body;

    const titleField = pick(fm, TITLE_KEYS);
    const title =
      typeof titleField.value === 'string' || typeof titleField.value === 'number'
        ? String(titleField.value)
        : openingHeading(body) || (bundle ? bundle.name : fileNameTitle(stem(entry.path)));
    if (titleField.key && (typeof titleField.value === 'string' || typeof titleField.value === 'number')) delete fm[titleField.key];

    const tags: string[] = [];
    for (const key of TAG_KEYS) {
      const found = pick(fm, [key]);
      if (found.key) {
        tags.push(...listOf(found.value, key !== 'keywords'));
        delete fm[found.key];
      }
    }
    tags.push(...inlineTags(body, info?.bear ?? false));

    const created = pick(fm, CREATED_KEYS);
    const updated = pick(fm, UPDATED_KEYS);
    let createdAt = isoDate(created.value) ?? info?.createdAt;
    const updatedAt = isoDate(updated.value) ?? info?.updatedAt;
    if (created.key && createdAt) delete fm[created.key];
    else if (created.key) warnings.push(`${entry.display}: "${created.key}: ${String(created.value)}" is not a date this reader knows; kept in metadata.`);
    if (updated.key && updatedAt) delete fm[updated.key];
    const named = createdAt ? undefined : nameDate(entry.path);
    if (named) {
      createdAt = named;
      context.count('notes dated from the file name');
    }
    if (!createdAt) {
      if (missingDates === 'file-time' && entry.mtime) {
        createdAt = entry.mtime.toISOString();
        warnings.push(`${entry.display}: no creation date in the note; used the file's modification time (${createdAt}).`);
      } else {
        createdAt = updatedAt ?? new Date().toISOString();
        warnings.push(`${entry.display}: no creation date in the note; used ${updatedAt ? 'its updated date' : 'the import time'} (${createdAt}).`);
      }
      context.count('notes without a date');
    }

    const folder = dirName(entry.path);
    // A bundle is one note: its folder is the one holding the bundle.
    const sessionPath = (bundle ? bundle.parent : folder) || rootName;
    let sessionId: string | null = null;
    if (folders === 'session' && sessionPath) {
      sessionId = sourceRecordId(ID, `folder:${sessionPath}`, 'ses');
      if (!sessionsMade.has(sessionId)) {
        sessionsMade.add(sessionId);
        context.count('folders');
        yield {
          recordNumber,
          recordType: 'sessions',
          value: { id: sessionId, name: sessionPath, description: '', createdAt, metadata: sourceMetadata(ID, `folder:${sessionPath}`, { path: sessionPath }) },
        };
        recordNumber++;
      }
    } else if (folders === 'tag' && (bundle ? bundle.parent : folder)) {
      tags.push(bundle ? bundle.parent : folder);
    }

    const attachments = [];
    const frontMatterText = frontMatterError ? '' : text.slice(0, text.length - body.length);
    for (const ref of referencedFiles(frontMatterText + body)) {
      const wanted = ref.replace(/^\.\//, '');
      const joined = folder ? `${folder}/${wanted}` : wanted;
      const target =
        byPath.get(normalize(joined)) ??
        byPath.get(wanted) ??
        byPath.get(wanted.toLowerCase()) ??
        byName.get(baseName(wanted).toLowerCase()) ??
        (extOf(wanted) ? undefined : byName.get(`${baseName(wanted).toLowerCase()}.md`));
      if (!target || isNote(target) || target === entry) continue;
      if (target.size > MAX_ATTACHMENT_BYTES) {
        warnings.push(`${entry.display}: attachment ${target.path} is ${target.size} bytes, over ${MAX_ATTACHMENT_BYTES}; not attached.`);
        continue;
      }
      attachments.push(await attachmentOf(target));
      used.add(target.path);
      context.count('attachments');
    }

    if (info?.encrypted) {
      warnings.push(
        `${entry.display}: encrypted by the app that wrote it; the note's text is not in the file (its encrypted data is kept in metadata.textbundle).`,
      );
      context.count('encrypted notes');
    }
    for (const flag of Object.keys(info?.flags ?? {})) context.count(`${flag} notes`);
    const metadata = sourceMetadata(ID, entry.path, {
      ...toJson(fm),
      ...(frontMatter.id !== undefined ? { noteId: frontMatter.id } : {}),
      ...(info ? { ...info.flags, ...(info.encrypted ? { encrypted: true } : {}), textbundle: info.info } : {}),
    });
    delete (metadata as Record<string, unknown>).id;
    context.count('notes');
    yield {
      recordNumber,
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, entry.path),
        title,
        content,
        type: 'note',
        tags: [...new Set(tags)],
        sessionId,
        createdAt,
        ...(updatedAt ? { updatedAt } : {}),
        metadata,
        ...(attachments.length ? { attachments } : {}),
      },
      warnings,
    };
  }
  if (recordNumber === 0) context.warn(`${input.root}: no Markdown notes found.`);
  if (input.kind !== 'file') warnNotRead(input, used, context);
}

/**
 * The files of the folder that are neither notes nor linked from one, named: one of a format this app reads (a
 * JSON beside the notes, Bear's info.json) is not part of the notes; any other is not a format it reads.
 */
function warnNotRead(input: ExpandedInput, used: Set<string>, context: SourceReadContext): void {
  const readable: string[] = [];
  const unknown: string[] = [];
  for (const entry of input.entries) {
    if (isNote(entry) || used.has(entry.path)) continue;
    (extensionCodec(entry.path) ? readable : unknown).push(entry.path);
  }
  if (readable.length) context.warn(notReadWarning(input.root, 'not Markdown notes or files they link to', readable));
  if (unknown.length) context.warn(notReadWarning(input.root, NOT_READABLE, unknown));
}

/**
 * Jekyll names a post `YYYY-MM-DD-title.md` and takes that as its date unless the front matter has one; a note
 * named so elsewhere means the same. The dash after the date is part of the form: an Obsidian daily note
 * `2023-09-12.md` is not a post, and keeps the file-time rule. A Logseq journal is named by its day,
 * `journals/2023_06_22.md` (`YYYY_MM_DD`, the whole name), and was written that day.
 */
function nameDate(entryPath: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})-/.exec(baseName(entryPath));
  if (m) return isoDate(m[1]);
  const journal = /^(\d{4})_(\d{2})_(\d{2})$/.exec(stem(entryPath));
  return journal ? isoDate(`${journal[1]}-${journal[2]}-${journal[3]}`) : undefined;
}

/**
 * Logseq writes a character a file name cannot hold as `%XX` (`Working with Media Files%3A Embed….md` is the
 * page "Working with Media Files: Embed…"); the title shows it decoded. A `%` that starts no escape (`50% off`)
 * stays.
 */
function fileNameTitle(name: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(name)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** `a/b//` → `a/b` (a loop: `/[\\/]+$/` is quadratic on a slash run that does not end the path). */
function withoutTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && (p[end - 1] === '/' || p[end - 1] === '\\')) end--;
  return p.slice(0, end);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Front matter values as JSON (YAML may hold dates or other non-JSON values). */
function toJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v))) as Record<string, unknown>;
}
