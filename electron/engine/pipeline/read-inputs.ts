/**
 * The reading half of import and validate: files → envelope → format detection → reader → mapping, as one
 * stream of records, each tagged with its file, record number and resolved record type.
 */
import path from 'node:path';
import { AppError, ERROR_CODES, type ErrorValue } from '../../../shared/errors.ts';
import type { ImportDataType, RecordType } from '../../../shared/model.ts';
import type { DetectedInput, ImportOptions } from '../../../shared/options.ts';
import { DEFAULT_MAX_RECORD_BYTES, type Codec, type RawRecord } from '../formats/codec.ts';
import { detectFormat, getCodec } from '../formats/registry.ts';
import { openInput, statInput, type OpenedInput } from '../envelope/input.ts';
import type { RecordMapper } from '../mapping/index.ts';
import { headText, peek } from './peek.ts';
import { guessRecordType } from './record-type.ts';

export interface InputRecord {
  file: string;
  /** 1-based across all files of the operation. */
  recordNumber: number;
  line?: number;
  recordType: RecordType;
  value?: unknown;
  /** The record as the file had it, before mapping (what a rejects file writes back). */
  source?: unknown;
  /** The format the record was read in. */
  format?: string;
  error?: ErrorValue;
  /** Every field the mapping stage found wrong (a template's schema), when `error` came from there. */
  fieldIssues?: { field: string; message: string }[];
  warnings: string[];
}

export interface ReadInputsOptions {
  options: Pick<ImportOptions, 'format' | 'dataType' | 'passphrase' | 'allowPlaintext' | 'delimiter' | 'encoding' | 'decompressionLimits'>;
  mapper: RecordMapper | null;
  signal?: AbortSignal;
  maxRecordBytes?: number;
}

export interface InputsReader {
  records: AsyncIterable<InputRecord>;
  inputs: DetectedInput[];
  warnings: string[];
  totalBytes: number;
  bytesRead(): number;
}

const HEAD_BYTES = 64 * 1024;

/** Opens and detects one input: the codec, and its raw records (read lazily, as the caller iterates). */
export async function openAndDetect(
  file: string,
  options: ReadInputsOptions['options'],
  signal?: AbortSignal,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): Promise<{ opened: OpenedInput; codec: Codec; records: AsyncIterable<RawRecord> }> {
  const opened = await openInput(file, { passphrase: options.passphrase, allowPlaintext: options.allowPlaintext, signal, limits: options.decompressionLimits });
  const { head, stream } = await peek(opened.stream, HEAD_BYTES);
  const text = headText(head);
  const codec =
    options.format && options.format !== 'auto' ? getCodec(options.format) : opened.format ? getCodec(opened.format) : detectFormat(opened.logicalName, text);
  if (codec.maxInputBytes !== undefined && opened.bytes > codec.maxInputBytes && opened.compression === 'none') {
    throw new AppError(
      ERROR_CODES.LIMIT_EXCEEDED,
      `${path.basename(file)} is ${opened.bytes} bytes; ${codec.label} files are read whole, so the limit is ${codec.maxInputBytes} bytes. ` +
        'Export the data as JSON Lines or CSV instead, which stream.',
      { file },
    );
  }
  const records = codec.read(stream, {
    dataType: options.dataType,
    fileName: opened.logicalName,
    delimiter: options.delimiter,
    encoding: options.encoding,
    maxRecordBytes,
  });
  return { opened, codec, records };
}

export async function readInputs(files: string[], config: ReadInputsOptions): Promise<InputsReader> {
  // Stat every file first: a missing file fails the operation before anything is read.
  let totalBytes = 0;
  for (const file of files) totalBytes += (await statInput(file)).size;
  const inputs: DetectedInput[] = [];
  const warnings: string[] = [];
  const consumed = new Set<string>();
  let bytesDone = 0;
  let current: OpenedInput | undefined;
  const requested: ImportDataType = config.options.dataType;

  async function* records(): AsyncGenerator<InputRecord> {
    let recordNumber = 0;
    for (const file of files) {
      if (consumed.has(path.resolve(file))) continue;
      const { opened, codec, records: reader } = await openAndDetect(file, config.options, config.signal, config.maxRecordBytes);
      current = opened;
      for (const f of opened.consumedFiles) consumed.add(path.resolve(f));
      const detected: DetectedInput = {
        file,
        format: codec.id,
        dataType: requested,
        compression: opened.compression,
        encrypted: opened.encrypted,
        bytes: opened.bytes,
      };
      inputs.push(detected);
      const seenTypes = new Set<RecordType>();
      const ignored = new Map<RecordType, number>();
      for await (const raw of reader) {
        if (config.signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The operation was cancelled.');
        let value = raw.value;
        const recordWarnings = [...(raw.warnings ?? [])];
        let error = raw.error;
        let mappedType: RecordType | undefined;
        let fieldIssues: InputRecord['fieldIssues'];
        if (!error && config.mapper) {
          const mapped = config.mapper(value, recordNumber + 1);
          value = mapped.value;
          mappedType = mapped.recordType;
          const fatal = mapped.issues[0];
          if (fatal) error = { code: fatal.code as ErrorValue['code'], message: mapped.message ?? fatal.message, field: fatal.field };
          fieldIssues = mapped.issues.flatMap((i) => (i.field ? [{ field: i.field, message: i.message }] : []));
        }
        const explicit = requested !== 'all' && requested !== 'auto-detect' ? requested : undefined;
        if (explicit && raw.recordType && raw.recordType !== explicit) {
          // The file holds several types and the user asked for one: the others are not part of this import.
          ignored.set(raw.recordType, (ignored.get(raw.recordType) ?? 0) + 1);
          continue;
        }
        const recordType = explicit ?? raw.recordType ?? mappedType ?? guessRecordType(value) ?? 'contexts';
        seenTypes.add(recordType);
        recordNumber++;
        yield {
          file,
          recordNumber,
          line: raw.line,
          recordType,
          value,
          source: raw.value,
          format: codec.id,
          error: error ? { ...error, record: recordNumber } : undefined,
          fieldIssues: error ? fieldIssues : undefined,
          warnings: recordWarnings,
        };
      }
      for (const [type, count] of ignored) warnings.push(`${path.basename(file)}: ignored ${count} ${type} record(s); this import is for ${requested} only.`);
      detected.dataType = seenTypes.size === 1 ? [...seenTypes][0]! : seenTypes.size > 1 ? 'all' : detected.dataType;
      detected.sha256 = opened.sha256();
      bytesDone += opened.bytes;
      current = undefined;
    }
  }

  return {
    records: records(),
    inputs,
    warnings,
    totalBytes,
    bytesRead: () => bytesDone + (current ? Math.min(current.bytesRead(), current.bytes) : 0),
  };
}
