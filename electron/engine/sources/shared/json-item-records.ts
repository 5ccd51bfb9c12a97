/**
 * The loop every JSON export preset (ChatGPT, Claude, mem0) runs: each entry it reads, one item at a time
 * through the byte scanner (json-stream.ts), each item turned into records by the preset. What is the same for
 * all of them lives here: records numbered in order across entries and items, each carrying its item's line; a
 * malformed item is a PARSE_ERROR naming the entry, the item and its line; a malformed document a PARSE_ERROR
 * naming the entry; a cancel stops between items.
 */
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourceReadContext } from '../source.ts';
import { jsonItems, type ItemsRoot } from './json-stream.ts';

/** Where an item was read: for the preset's ids, dates and messages. */
export interface ItemAt {
  entry: InputEntry;
  /** 1-based position of the item in its entry. */
  index: number;
  line: number;
  /** "conversations.json, conversation 3 (line 120)": how messages name the item. */
  where: string;
}

/** A record as a preset makes it; the loop numbers it and gives it its item's line. */
export type ItemRecord = Omit<RawRecord, 'recordNumber' | 'line'>;

export interface JsonItemRecordsSpec {
  /** The word for one item of this entry in messages ("conversation", "project"), or undefined: not read. */
  itemNoun(entry: InputEntry): Promise<string | undefined>;
  /** Where the items are when the document is an object, or `'whole'`: it is the one item (json-stream.ts `jsonItems`). */
  root?: (head: string) => ItemsRoot;
  /**
   * The records one well-formed item makes; `notA` makes the one for an item of the wrong shape. An async
   * generator when making them reads other entries (a post's media files) or loads a converter.
   */
  records(value: unknown, at: ItemAt): Iterable<ItemRecord> | AsyncIterable<ItemRecord>;
}

/** Every entry's items as records; returns the paths of the entries the preset did not read. */
export async function* jsonItemRecords(input: ExpandedInput, context: SourceReadContext, spec: JsonItemRecordsSpec): AsyncGenerator<RawRecord, string[]> {
  let recordNumber = 0;
  const notRead: string[] = [];
  for (const entry of input.entries) {
    const noun = await spec.itemNoun(entry);
    if (!noun) {
      notRead.push(entry.path);
      continue;
    }
    try {
      for await (const item of jsonItems(entry, context.maxRecordBytes, spec.root)) {
        if (context.signal?.aborted) return notRead;
        const where = `${entry.display}, ${noun} ${item.index} (line ${item.line})`;
        if ('error' in item) {
          yield {
            recordNumber: ++recordNumber,
            line: item.line,
            error: { code: ERROR_CODES.PARSE_ERROR, message: `${where}: ${item.error}`, file: entry.display },
          };
          continue;
        }
        // An item the preset trips over (a null where a list was, an attachment too large) is that item's error;
        // the items after it are still read.
        try {
          for await (const record of spec.records(item.value, { entry, index: item.index, line: item.line, where })) {
            yield { ...record, recordNumber: ++recordNumber, line: item.line };
          }
        } catch (error) {
          if (context.signal?.aborted) return notRead;
          yield {
            recordNumber: ++recordNumber,
            line: item.line,
            error: { code: ERROR_CODES.VALIDATION_ERROR, message: `${where}: not read (${(error as Error).message}).`, file: entry.display },
          };
        }
      }
    } catch (error) {
      yield {
        recordNumber: ++recordNumber,
        error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${(error as Error).message}`, file: entry.display },
      };
    }
  }
  return notRead;
}

/** The record for an item that parsed but is not what the preset reads: a VALIDATION_ERROR saying what it lacks. */
export function notA(at: ItemAt, what: string): ItemRecord {
  return { error: { code: ERROR_CODES.VALIDATION_ERROR, message: `${at.where}: not ${what}.`, file: at.entry.display } };
}
