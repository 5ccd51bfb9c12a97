/**
 * One JSON record at a time out of an export entry, through the same byte scanner the JSON format uses
 * (formats/json/scanner.ts): a 500 MB `conversations.json` is read one conversation at a time, so memory stays
 * at the largest conversation, not the file.
 */
import type { InputEntry } from '../../inputs/expand.ts';
import { scanJsonRecords } from '../../formats/json/scanner.ts';
import { findRecordsPath } from '../../formats/json/root.ts';
import { peek } from '../../formats/peek.ts';

export type JsonItem = { index: number; line: number; value: unknown } | { index: number; line: number; error: string };

/**
 * Where the items of an object document are, judged from its first bytes: the keys down to their array, or
 * `'whole'` when the object is itself the one item (a single conversation saved on its own).
 */
export type ItemsRoot = string[] | 'whole' | undefined;

/**
 * The elements of the entry's top-level array or, when the top level is an object, of the array the records
 * are under (`{"results": [...]}`: `root` says where from the first bytes, else it is found as `--root` would
 * be), or the object itself when `root` says `'whole'`. A malformed element is an item with `error`; a
 * malformed document throws (the scanner's PARSE_ERROR).
 */
export async function* jsonItems(entry: InputEntry, maxRecordBytes: number, root?: (head: string) => ItemsRoot): AsyncGenerator<JsonItem> {
  const { head, stream } = await peek(entry.open(), 64 * 1024);
  const text = head.toString('utf8');
  const isObject = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{');
  const found = isObject ? (root?.(text) ?? findRecordsPath(text, () => false)) : undefined;
  // No root path and no sections: the scanner gives a top-level object as one record.
  const rootPath = found === 'whole' ? undefined : found;
  let index = 0;
  for await (const scanned of scanJsonRecords(stream, maxRecordBytes, () => false, rootPath)) {
    index++;
    try {
      yield { index, line: scanned.line, value: JSON.parse(scanned.text) as unknown };
    } catch (error) {
      yield { index, line: scanned.line, error: (error as Error).message };
    }
  }
}

/** The first bytes of an entry as text, for detection (cheap: `head()` only). */
export async function headText(entry: InputEntry, bytes = 16 * 1024): Promise<string> {
  return (await entry.head(bytes)).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The keys of the top-level object that the head shows (in order; the head may end inside the object), or
 * none when the document is not an object. Nested keys are not counted: `"chat_messages"` at the top makes a
 * conversation, inside a list of conversations it does not.
 */
export function topLevelKeys(head: string): string[] {
  const keys: string[] = [];
  let i = head.search(/\S/);
  if (i < 0 || head[i] !== '{') return keys;
  let depth = 0;
  for (; i < head.length; i++) {
    const c = head[i];
    if (c === '"') {
      const start = i;
      for (i++; i < head.length && head[i] !== '"'; i++) if (head[i] === '\\') i++;
      if (depth === 1 && /^\s*:/.test(head.slice(i + 1, i + 64))) {
        try {
          keys.push(JSON.parse(head.slice(start, i + 1)) as string);
        } catch {
          /* a key cut by the end of the head */
        }
      }
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return keys;
}
