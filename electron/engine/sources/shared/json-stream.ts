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
 * The elements of the entry's top-level array or, when the top level is an object, of the array the records
 * are under (`{"results": [...]}`: `root` says where from the first bytes, else it is found as `--root` would be). A malformed element is an
 * item with `error`; a malformed document throws (the scanner's PARSE_ERROR).
 */
export async function* jsonItems(entry: InputEntry, maxRecordBytes: number, root?: (head: string) => string[] | undefined): AsyncGenerator<JsonItem> {
  const { head, stream } = await peek(entry.open(), 64 * 1024);
  const text = head.toString('utf8');
  const isObject = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{');
  const rootPath = isObject ? (root?.(text) ?? findRecordsPath(text, () => false)) : undefined;
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
