/**
 * The one interface every source preset implements. A source preset knows one tool's export (an Obsidian vault,
 * an Evernote .enex, a Keep Takeout, a ChatGPT conversations.json): a detector that says how sure it is that an
 * input is that export, and a reader that maps it to sessions and contexts. Adding one is a folder under
 * `sources/<name>/` and a line in `registry.ts`.
 *
 * A preset reads an *expanded input* (inputs/expand.ts): one file, a folder (recursively) or a zip, seen as a list
 * of entries with paths relative to the input's root. So the same preset reads a Keep Takeout folder and its zip.
 */
import type { RawRecord } from '../formats/codec.ts';
import type { ExpandedInput } from '../inputs/expand.ts';

export type { ExpandedInput, InputEntry } from '../inputs/expand.ts';

/** An option a preset understands, declared so that the CLI, REST and the Detect step can offer it. */
export interface SourceOptionInfo {
  name: string;
  label: string;
  kind: 'boolean' | 'choice';
  choices?: string[];
  /** What a person reads for a choice, where the value alone says too little (`transcript` → "one transcript per conversation"). */
  choiceLabels?: Record<string, string>;
  default: boolean | string;
  description: string;
}

export interface SourceReadContext {
  /** The preset's options as the user set them (`sourceOptions`), defaults filled in. */
  options: Record<string, unknown>;
  /** The largest single record a reader accepts, in bytes. */
  maxRecordBytes: number;
  /** A warning about the input as a whole (not one record); name the entry it comes from. */
  warn(message: string): void;
  /** Counts shown in the detection line: `count('notes')` → "Detected: Markdown notes — 12 notes". */
  count(noun: string, by?: number): void;
  signal?: AbortSignal;
}

export interface SourcePreset {
  /** Stable id, used by `--source NAME`, REST `source` and `metadata.source`. */
  id: string;
  /** What a person calls it: "Evernote export". */
  label: string;
  description: string;
  /** File extensions or shapes it reads, for help texts: `.enex`, `folder of .md`. */
  accepts: string[];
  options?: SourceOptionInfo[];
  /**
   * Whether files of one export given side by side (outbox.json and actor.json, dropped together) are read as
   * one input (pipeline/export-parts.ts): set when one file names what another's records belong to.
   */
  readsTogether?: boolean;
  /**
   * How sure, 0 to 1, that this input is this tool's export. Cheap: look at entry names and at most the first
   * bytes of a few entries (`entry.head()`). A score of at least 0.5 selects the preset (the best one wins).
   */
  detect(input: ExpandedInput): Promise<number>;
  /**
   * The records: `recordType` 'sessions' or 'contexts', `value` a record in the store's shape (id, title,
   * content, tags, sessionId, createdAt, …). Every record carries `metadata.source` (the preset id) and
   * `metadata.sourceId` (the identity in the tool: note guid, path in the vault, Keep file name, message id),
   * so a later import can find it again. `warnings` on a record name the entry it comes from.
   */
  read(input: ExpandedInput, context: SourceReadContext): AsyncIterable<RawRecord>;
}
