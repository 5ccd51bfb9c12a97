/**
 * The one interface every format implements. A format is a folder exporting a Codec; `registry.ts` lists them.
 * Readers turn bytes into raw records (still untyped: mapping and validation come later in the pipeline);
 * writers turn projected records into bytes. Both stream.
 */
import type { ErrorValue } from '../../../shared/errors.ts';
import type { DataType, ImportDataType, RecordType } from '../../../shared/model.ts';
import type { FormatId } from '../../../shared/options.ts';
import type { StoredCells } from '../store/stored-cells.ts';

export interface RawRecord {
  /** 1-based position among the records of this file, as read. */
  recordNumber: number;
  /** Set when the container says which type the record is (an `all` export, a tagged line). */
  recordType?: RecordType;
  /** The parsed record; undefined when `error` is set. */
  value?: unknown;
  /** A record the reader could not parse but the stream survives (a bad JSON line, a short CSV row). */
  error?: ErrorValue;
  /** Where the record starts, 1-based, for messages. */
  line?: number;
  /** Problems the reader survived; they travel with the record into the result. */
  warnings?: string[];
}

export interface ReadContext {
  /** What the caller asked for; readers of typed containers may use it to pick a section. */
  dataType: ImportDataType;
  fileName: string;
  /** CSV: a delimiter chosen by the user, else detected. */
  delimiter?: string;
  /** Text encoding chosen by the user, else detected from a BOM (UTF-8 by default). */
  encoding?: string;
  /** The largest single record (a line, an array element) a reader accepts, in bytes. */
  maxRecordBytes: number;
  /**
   * JSON: where the records are (`data.items`, `/data/items`); XML: the record elements (`channel.item`,
   * `/rss/channel/item`); found from the first bytes when absent.
   */
  root?: string;
  /** A reader tells where it found the records (JSON under a key, XML feed items), so the result can say so. */
  onRoot?(path: string, detected: boolean): void;
  /** A text reader tells the encoding it detected (not chosen, not from a BOM), so the result can say so. */
  onEncoding?(encoding: string, why: string): void;
  /** A warning about the file as a whole, not one record (the CSV reader's empty rows skipped), said once. */
  onWarning?(message: string): void;
}

export interface OutRecord {
  recordType: RecordType;
  value: Record<string, unknown>;
}

/**
 * Consecutive records of one type the store serialized in one piece for the writer (see Codec.writeItems):
 * their compact JSON joined by `separator` (the codec's runSeparator, a newline by default), nothing after
 * the last.
 */
export interface RecordRun {
  run: 'json';
  recordType: RecordType;
  count: number;
  bytes: Buffer;
  separator: string;
}

/**
 * Consecutive records of one type as the store holds their values, field by field as bytes (store/stored-cells.ts),
 * for a writer that formats each value itself (CSV).
 */
export interface CellRun extends StoredCells {
  run: 'cells';
  recordType: RecordType;
}

/** The runs a writer may take, by kind (Codec.runKind). */
interface Runs {
  json: RecordRun;
  cells: CellRun;
}
export type RunKind = keyof Runs;

/** What a writer that takes runs is given: runs of its kind, and records where the store could not give one. */
export type OutItem<K extends RunKind = RunKind> = OutRecord | Runs[K];

export const isRecordRun = (item: OutItem): item is RecordRun => 'run' in item && item.run === 'json';
export const isCellRun = (item: OutItem): item is CellRun => 'run' in item && item.run === 'cells';

export interface WriteContext {
  dataType: DataType;
  includeMetadata: boolean;
  includeBinaryData: boolean;
  /**
   * A template shaped the records (selected, renamed, computed fields): a writer takes its layout from the
   * records, not from the data type's usual fields.
   */
  shaped?: boolean;
  /**
   * A shaped export's fields, in the order its mapping names them (then its computed fields): a writer with
   * columns (CSV) writes each, even one no record has a value for; other writers ignore it.
   */
  columns?: readonly string[];
}

export interface Codec {
  id: FormatId;
  label: string;
  /** Lower-case, with the dot: `.jsonl`. The first is the one exports use. */
  extensions: readonly string[];
  mime: string;
  /** False where the format forces reading a whole file; then `maxInputBytes` is enforced. */
  streaming: boolean;
  maxInputBytes?: number;
  /** How sure, 0 to 1, that these first bytes (decoded as text) are this format. */
  sniff(head: string): number;
  read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord>;
  write(records: AsyncIterable<OutRecord>, context: WriteContext): AsyncIterable<string | Buffer>;
  /**
   * A writer may take runs besides records (read as bytes: docs/performance.md, "Export"): the records'
   * SQLite-built JSON (`json`), or their stored values (`cells`); an export written as the data type's own
   * fields (no template) then calls `writeItems` instead of `write`, with runs of `runKind` only.
   */
  runKind?: RunKind;
  writeItems?(items: AsyncIterable<OutItem>, context: WriteContext): AsyncIterable<string | Buffer>;
  /**
   * What the store puts between two records of a JSON run of `recordType` for this writer (a newline when not
   * given). It must hold a newline: the checksums cut runs at it (json_object escapes those inside values).
   */
  runSeparator?(context: WriteContext, recordType: RecordType): string;
}

export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
