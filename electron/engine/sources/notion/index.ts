/**
 * Notion's "Markdown & CSV" export (the zip, or the folder it unpacks to). Every file name ends in the page's
 * 32-hex id (`Meeting notes 1a2b….md`). A page is `# Title`, then its property lines (`Created: December 1,
 * 2024 10:00 AM`, `Tags: a, b`), then the body: one context, properties in metadata. A database is a CSV
 * (`Tasks 3c4d….csv`, or `…_all.csv` with every row) whose rows are contexts with their property columns; a row
 * whose page was also exported (`Tasks 3c4d…/Row title ….md`) is read from the page, not twice.
 */
import Papa from 'papaparse';
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { baseName, dirName, extOf, noteText, stem } from '../shared/files.ts';

const ID = 'notion';
const NOTION_NAME = /\s[0-9a-f]{32}(?:_all)?\.(md|csv)$/i;
const HEX_SUFFIX = /\s[0-9a-f]{32}(?:_all)?$/i;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `@December 1, 2024`, `December 1, 2024 10:00 AM`, `2024/12/01`, a range's start (`… → …`). UTC (the export has no zone). */
export function notionDate(value: string): string | undefined {
  // A range's start: the text before `→` (split on the plain character; `/\s*→\s*/` was quadratic on blank runs).
  const text = value.replace(/^@/, '').split('→')[0]!.trim();
  // `(?:\s*([AP]M))?`: the blanks before AM/PM are taken only with it, so they cannot also be the zone's `\s+`.
  const m = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})(?:\s+(\d{1,2}):(\d{2})(?:\s*([AP]M))?)?(?:\s+\(?[A-Z]{2,5}\)?)?$/i.exec(text);
  if (m) {
    const month = MONTHS.findIndex((name) => name.startsWith(m[1]!.toLowerCase()) && m[1]!.length >= 3);
    if (month < 0) return undefined;
    let hour = m[4] ? Number(m[4]) % (m[6] ? 12 : 24) : 0;
    if (m[6]?.toUpperCase() === 'PM') hour += 12;
    const date = new Date(Date.UTC(Number(m[3]), month, Number(m[2]), hour, m[5] ? Number(m[5]) : 0));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const iso = /^(\d{4})[/-](\d{2})[/-](\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text);
  if (iso) return new Date(Date.UTC(+iso[1]!, +iso[2]! - 1, +iso[3]!, iso[4] ? +iso[4] : 0, iso[5] ? +iso[5] : 0)).toISOString();
  return undefined;
}

/** A Notion name without its id: `Tasks 3c4d…` → `Tasks`. */
export function cleanName(name: string): string {
  return name.replace(HEX_SUFFIX, '').trim();
}

const CREATED = /^(created|created time|date created|created at|date)$/i;
const UPDATED = /^(last edited time|last edited|updated|updated at|last modified)$/i;
const TAGS = /^(tags|tag|labels|keywords)$/i;

function fromProperties(properties: Record<string, string>): { createdAt?: string; updatedAt?: string; tags: string[] } {
  let createdAt: string | undefined;
  let updatedAt: string | undefined;
  const tags: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (CREATED.test(key) && !createdAt) createdAt = notionDate(value);
    else if (UPDATED.test(key) && !updatedAt) updatedAt = notionDate(value);
    else if (TAGS.test(key))
      tags.push(
        ...value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      );
  }
  return { createdAt, updatedAt, tags };
}

/** `# Title`, blank, `Key: Value` lines, blank, body. */
export function parsePage(text: string): { title?: string; properties: Record<string, string>; body: string } {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  // `# Title` by slicing (`/^# (.+?)\s*$/` backtracked quadratically on a long blank run).
  const line = lines[i] ?? '';
  const title = line.startsWith('# ') ? line.slice(2).trimEnd() : '';
  if (!title) return { properties: {}, body: text };
  i++;
  let j = i;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  const properties: Record<string, string> = {};
  let k = j;
  while (k < lines.length && /^[^\s#>*`|-][^:]{0,60}: \S/.test(lines[k]!)) {
    const at = lines[k]!.indexOf(': ');
    properties[lines[k]!.slice(0, at).trim()] = lines[k]!.slice(at + 2).trim();
    k++;
  }
  if (Object.keys(properties).length > 0 && (k === lines.length || lines[k]!.trim() === '')) {
    return { title, properties, body: lines.slice(k).join('\n').replace(/^\n+/, '') };
  }
  return { title, properties: {}, body: lines.slice(i).join('\n').replace(/^\n+/, '') };
}

export const notionSource: SourcePreset = {
  id: ID,
  label: 'Notion export',
  description: 'Notion "Markdown & CSV" exports (zip or folder): pages become contexts with their properties; database CSV rows become contexts.',
  accepts: ['Notion export .zip', 'folder of Notion .md/.csv'],
  options: [
    {
      name: 'missingDates',
      label: 'A page without a Created property',
      kind: 'choice',
      choices: ['file-time', 'import-time'],
      default: 'file-time',
      description: "The file's modification time, or the import time; a warning says which was used.",
    },
  ],
  async detect(input: ExpandedInput) {
    const named = input.entries.filter((e) => NOTION_NAME.test(baseName(e.path))).length;
    if (named === 0) return 0;
    return named >= Math.min(2, input.entries.length) ? 0.9 : 0.6;
  },
  read: readNotion,
};

async function* readNotion(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const missingDates = String(context.options.missingDates ?? 'file-time');
  const pagePaths = new Set(input.entries.filter((e) => extOf(e.path) === '.md').map((e) => e.path));
  const sessions = new Set<string>();
  let recordNumber = 0;
  context.count('pages', 0);

  function dateOr(entry: InputEntry, found: string | undefined, warnings: string[]): string {
    if (found) return found;
    const used = missingDates === 'file-time' && entry.mtime ? entry.mtime.toISOString() : new Date().toISOString();
    warnings.push(
      `${entry.display}: no Created property; used ${missingDates === 'file-time' && entry.mtime ? "the file's modification time" : 'the import time'} (${used}).`,
    );
    return used;
  }

  function* session(folderKey: string, name: string, createdAt: string): Generator<RawRecord> {
    const id = sourceRecordId(ID, `folder:${folderKey}`, 'ses');
    if (sessions.has(id)) return;
    sessions.add(id);
    recordNumber++;
    yield { recordNumber, recordType: 'sessions', value: { id, name, description: '', createdAt, metadata: sourceMetadata(ID, `folder:${folderKey}`) } };
  }

  const csvs = input.entries.filter((e) => extOf(e.path) === '.csv');
  const csvStems = new Set(csvs.map((e) => e.path.replace(/\.csv$/i, '')));
  for (const entry of input.entries) {
    if (context.signal?.aborted) return;
    const ext = extOf(entry.path);
    if (ext === '.md') {
      const warnings: string[] = [];
      const { title, properties, body } = parsePage(noteText(await entry.readAll()));
      const props = fromProperties(properties);
      const createdAt = dateOr(entry, props.createdAt, warnings);
      const folder = dirName(entry.path);
      let sessionId: string | null = null;
      if (folder) {
        yield* session(folder, cleanName(baseName(folder)), createdAt);
        sessionId = sourceRecordId(ID, `folder:${folder}`, 'ses');
      }
      recordNumber++;
      context.count('pages');
      yield {
        recordNumber,
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, entry.path),
          title: title ?? cleanName(stem(entry.path)),
          content: body,
          type: 'note',
          tags: props.tags,
          sessionId,
          createdAt,
          ...(props.updatedAt ? { updatedAt: props.updatedAt } : {}),
          metadata: sourceMetadata(ID, entry.path, Object.keys(properties).length ? { properties } : {}),
        },
        warnings,
      };
    } else if (ext === '.csv') {
      // `DB x.csv` and `DB x_all.csv` hold the same rows (the second all of them): read one.
      if (!/_all\.csv$/i.test(entry.path) && csvStems.has(`${entry.path.replace(/\.csv$/i, '')}_all`)) continue;
      const dbStem = entry.path.replace(/(_all)?\.csv$/i, '');
      const parsed = Papa.parse<Record<string, string>>(noteText(await entry.readAll()), { header: true, skipEmptyLines: true });
      if (parsed.errors.length && parsed.data.length === 0) {
        recordNumber++;
        yield { recordNumber, error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${parsed.errors[0]!.message}`, file: entry.display } };
        continue;
      }
      const columns = parsed.meta.fields ?? [];
      const titleColumn = columns.find((c) => /^(name|title)$/i.test(c.replace(/^\uFEFF/, ''))) ?? columns[0];
      const dbName = cleanName(baseName(dbStem));
      const fallbackDate = entry.mtime?.toISOString() ?? new Date().toISOString();
      yield* session(dbStem, dbName, fallbackDate);
      const sessionId = sourceRecordId(ID, `folder:${dbStem}`, 'ses');
      context.count('databases');
      let row = 0;
      for (const record of parsed.data) {
        row++;
        const title = titleColumn ? (record[titleColumn] ?? '') : '';
        // A row whose page is in the export is read from its page (same properties, plus the body).
        const hasPage = [...pagePaths].some((p) => dirName(p) === dbStem && cleanName(stem(p)) === title.trim());
        if (hasPage) continue;
        const warnings: string[] = [];
        const properties = Object.fromEntries(Object.entries(record).map(([k, v]) => [k.replace(/^\uFEFF/, ''), v]));
        const props = fromProperties(properties);
        recordNumber++;
        context.count('database rows');
        yield {
          recordNumber,
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, `${entry.path}#${row}:${title}`),
            title,
            content: '',
            type: 'database-row',
            tags: props.tags,
            sessionId,
            createdAt: props.createdAt ?? dateOr(entry, undefined, warnings),
            ...(props.updatedAt ? { updatedAt: props.updatedAt } : {}),
            metadata: sourceMetadata(ID, `${entry.path}#${row}`, { database: dbName, properties }),
          },
          warnings,
        };
      }
    }
  }
}
