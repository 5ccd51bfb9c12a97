/**
 * The reading half of import and validate: files → envelope → format detection → reader → mapping, as one
 * stream of records, each tagged with its file, record number and resolved record type.
 */
import path from 'node:path';
import { log } from '../logging/logger.ts';
import { AppError, ERROR_CODES, toErrorValue, type ErrorValue } from '../../../shared/errors.ts';
import type { ImportDataType, RecordType } from '../../../shared/model.ts';
import type { DetectedInput, ImportOptions } from '../../../shared/options.ts';
import { DEFAULT_MAX_RECORD_BYTES, type Codec, type RawRecord } from '../formats/codec.ts';
import { detectFormat, getCodec } from '../formats/registry.ts';
import { openInput, statInput, type OpenedInput } from '../envelope/input.ts';
import type { RecordMapper } from '../mapping/index.ts';
import { splitTagsField } from '../mapping/tags.ts';
import { headText, peek } from './peek.ts';
import { guessRecordType } from '../../../shared/record-type.ts';
import { expandInput, type ExpandedInput, type SkippedEntry } from '../inputs/expand.ts';
import { NOT_READABLE, namesList, notReadWarning } from '../inputs/not-read.ts';
import { detectSource, getSource, NO_SOURCE } from '../sources/registry.ts';
import type { SourcePreset } from '../sources/source.ts';
import { groupExportParts } from './export-parts.ts';

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
  options: Pick<
    ImportOptions,
    | 'format'
    | 'dataType'
    | 'passphrase'
    | 'key'
    | 'allowPlaintext'
    | 'delimiter'
    | 'encoding'
    | 'decompressionLimits'
    | 'root'
    | 'source'
    | 'sourceOptions'
    | 'as'
  >;
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
  onRoot?: (path: string, detected: boolean) => void,
  onEncoding?: (encoding: string, why: string) => void,
  onWarning?: (message: string) => void,
): Promise<{ opened: OpenedInput; codec: Codec; records: AsyncIterable<RawRecord> }> {
  const opened = await openInput(file, {
    passphrase: options.passphrase,
    key: options.key,
    allowPlaintext: options.allowPlaintext,
    signal,
    limits: options.decompressionLimits,
  });
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
    root: options.root,
    onRoot,
    onEncoding,
    onWarning,
  });
  log().debug(
    { file: path.basename(file), format: codec.id, compression: opened.compression, encrypted: opened.encrypted, bytes: opened.bytes },
    'input detected',
  );
  return { opened, codec, records };
}

export async function readInputs(files: string[], config: ReadInputsOptions): Promise<InputsReader> {
  // Expand and stat every input first: a missing file fails the operation before anything is read.
  let totalBytes = 0;
  let expanded: ExpandedInput[] = [];
  for (const file of files) {
    const input = await expandInput(file, { limits: config.options.decompressionLimits });
    expanded.push(input);
    if (input.kind === 'file') totalBytes += (await statInput(file)).size;
    else totalBytes += input.entries.reduce((sum, e) => sum + e.size, 0);
  }
  expanded = await groupExportParts(expanded, config.options.source);
  const inputs: DetectedInput[] = [];
  const warnings: string[] = [];
  const consumed = new Set<string>();
  let bytesDone = 0;
  let current: OpenedInput | undefined;
  const requested: ImportDataType = config.options.dataType;
  const several = files.length > 1;

  async function* records(): AsyncGenerator<InputRecord> {
    let recordNumber = 0;

    /** Maps, types and numbers one file's raw records; `file` is what messages name. */
    async function* typed(
      file: string,
      reader: AsyncIterable<RawRecord>,
      detected: DetectedInput,
      prefixWarnings: boolean,
      format: string = detected.format,
    ): AsyncGenerator<InputRecord> {
      const seenTypes = new Set<RecordType>();
      const ignored = new Map<RecordType, number>();
      const label = prefixWarnings ? `${displayName(file)}: ` : '';
      for await (const raw of reader) {
        if (config.signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The operation was cancelled.');
        let value = raw.value;
        const recordWarnings = (raw.warnings ?? []).map((w) => label + w);
        let error = raw.error;
        let mappedType: RecordType | undefined;
        let fieldIssues: InputRecord['fieldIssues'];
        // A mapping reshapes the records of its type (contexts unless it says); a preset's sessions, or an `all`
        // export's other sections, arrive typed and in the store's own fields: they pass as they came.
        if (!error && config.mapper && (!raw.recordType || raw.recordType === (config.mapper.recordType ?? 'contexts'))) {
          const mapped = config.mapper(value, recordNumber + 1);
          value = mapped.value;
          mappedType = mapped.recordType;
          if (mapped.warnings) recordWarnings.push(...mapped.warnings.map((w) => label + w));
          const fatal = mapped.issues[0];
          if (fatal)
            error = {
              code: fatal.code as ErrorValue['code'],
              message: mapped.message ?? fatal.message,
              field: fatal.field,
              data: { reason: mapped.reason ?? fatal.message },
            };
          fieldIssues = mapped.issues.flatMap((i) => (i.field ? [{ field: i.field, message: i.message }] : []));
        }
        const explicit = requested !== 'all' && requested !== 'auto-detect' ? requested : undefined;
        if (explicit && raw.recordType && raw.recordType !== explicit) {
          // The file holds several types and the user asked for one: the others are not part of this import.
          ignored.set(raw.recordType, (ignored.get(raw.recordType) ?? 0) + 1);
          continue;
        }
        const recordType = explicit ?? raw.recordType ?? mappedType ?? guessRecordType(value) ?? 'contexts';
        // Without a mapping the records still pass the mapping step's one rule for tags (a mapper applied it).
        if (!error && !config.mapper && recordType === 'contexts') value = withTagsSplit(value);
        seenTypes.add(recordType);
        recordNumber++;
        const recordFile = error?.file ?? file;
        yield {
          file: recordFile,
          recordNumber,
          line: raw.line,
          recordType,
          value,
          source: raw.value,
          format,
          error: error
            ? {
                ...error,
                record: recordNumber,
                file: prefixWarnings ? recordFile : error.file,
                message: prefixWarnings && !error.message.includes(displayName(recordFile)) ? `${displayName(recordFile)}: ${error.message}` : error.message,
              }
            : undefined,
          fieldIssues: error ? fieldIssues : undefined,
          warnings: recordWarnings,
        };
      }
      for (const [type, count] of ignored) warnings.push(`${path.basename(file)}: ignored ${count} ${type} record(s); this import is for ${requested} only.`);
      detected.dataType = seenTypes.size === 1 ? [...seenTypes][0]! : seenTypes.size > 1 ? 'all' : detected.dataType;
    }

    /**
     * A file's read failure, as a record error that names it, so the other files are still read. Only for what
     * is wrong with one file's content: an envelope failure (a split export's missing part, a wrong passphrase,
     * tampering) still stops the whole operation.
     */
    function survivable(error: unknown): boolean {
      const code = error instanceof AppError ? error.code : undefined;
      return (
        code === ERROR_CODES.PARSE_ERROR ||
        code === ERROR_CODES.FORMAT_UNDETECTED ||
        code === ERROR_CODES.UNSUPPORTED_FORMAT ||
        code === ERROR_CODES.DATA_TYPE_UNDETECTED ||
        code === ERROR_CODES.VALIDATION_ERROR
      );
    }
    function failedEntry(file: string, error: unknown): InputRecord {
      const value = toErrorValue(error);
      recordNumber++;
      return {
        file,
        recordNumber,
        recordType: 'contexts',
        error: {
          ...value,
          record: recordNumber,
          file,
          message: value.message.includes(displayName(file)) ? value.message : `${displayName(file)}: ${value.message}`,
        },
        warnings: [],
      };
    }

    for (const input of expanded) {
      try {
        const chosen = await chooseSource(input, config.options.source);
        if (chosen) {
          const counts: Record<string, number> = {};
          const detected: DetectedInput = {
            file: input.root,
            format: chosen.preset.id,
            dataType: requested,
            compression: 'none',
            encrypted: false,
            bytes: input.entries.reduce((sum, e) => sum + e.size, 0),
            source: { id: chosen.preset.id, label: chosen.preset.label, forced: chosen.forced, counts, summary: chosen.preset.label },
            entriesRead: input.entries.length,
            skipped: input.skipped.length ? input.skipped : undefined,
            ...(input.kind !== 'file' ? { container: input.kind } : {}),
          };
          inputs.push(detected);
          const reader = chosen.preset.read(input, {
            options: sourceOptionDefaults(chosen.preset, config.options.sourceOptions, config.options.as, (message) => warnings.push(message)),
            maxRecordBytes: config.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
            warn: (message) => warnings.push(message),
            count: (noun, by = 1) => {
              counts[noun] = (counts[noun] ?? 0) + by;
              detected.source!.summary = sourceSummary(chosen.preset.label, counts);
            },
            signal: config.signal,
          });
          const before = recordNumber;
          yield* typed(input.root, reader, detected, false, 'jsonl');
          // What expansion left out (links, unsafe names) is the preset's input too: said, like what it did not read.
          for (const [reason, paths] of skippedByReason(input.skipped)) if (reason !== 'hidden') warnings.push(notReadWarning(input.root, reason, paths));
          // Nothing read from something that is not empty is not a success to pass over in silence.
          if (recordNumber === before && detected.bytes > 0 && !config.signal?.aborted) warnings.push(nothingRead(input.root, chosen.preset, counts));
          bytesDone += detected.bytes;
          continue;
        }
        if (input.kind === 'file') {
          const file = input.root;
          if (consumed.has(path.resolve(file))) continue;
          let opened: OpenedInput, codec: Codec, reader: AsyncIterable<RawRecord>;
          let root: { path: string; detected: boolean } | undefined;
          let foundEncoding: string | undefined;
          const onEncoding = (encoding: string, why: string) => {
            foundEncoding = encoding;
            warnings.push(`${path.basename(file)}: read as ${encoding} (${why}); choose another encoding if the text looks wrong.`);
          };
          const firstNumber = recordNumber;
          try {
            ({
              opened,
              codec,
              records: reader,
            } = await openAndDetect(
              file,
              config.options,
              config.signal,
              config.maxRecordBytes,
              (p, found) => (root = { path: p, detected: found }),
              onEncoding,
              (message) => warnings.push(`${path.basename(file)}: ${message}`),
            ));
          } catch (error) {
            if (!several || !survivable(error)) throw error;
            yield failedEntry(file, error);
            continue;
          }
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
          try {
            yield* typed(file, reader, detected, several);
          } catch (error) {
            if (!several || !survivable(error)) throw error;
            yield failedEntry(file, error);
          }
          if (foundEncoding) detected.encoding = foundEncoding;
          if (root) {
            // Said once per file, with the count, so nobody wonders why 1 document became 1,476 records.
            detected.root = root.path;
            warnings.push(
              `${path.basename(file)}: records at \`${root.path}\`${root.detected ? ' (found in the document)' : ''}: ${(recordNumber - firstNumber).toLocaleString('en-US')}`,
            );
          }
          detected.sha256 = opened.sha256();
          bytesDone += opened.bytes;
          current = undefined;
          continue;
        }
        yield* readContainer(input);
      } finally {
        await input.close();
      }
    }

    /** A folder or zip with no preset: each entry through the format readers; what cannot be read is skipped, and said. */
    async function* readContainer(input: ExpandedInput): AsyncGenerator<InputRecord> {
      const container: DetectedInput = {
        file: input.root,
        format: input.kind,
        dataType: requested,
        compression: 'none',
        encrypted: false,
        bytes: input.entries.reduce((sum, e) => sum + e.size, 0),
        entriesRead: 0,
        skipped: [...input.skipped],
      };
      inputs.push(container);
      for (const entry of input.entries) {
        let codec: Codec;
        let reader: AsyncIterable<RawRecord>;
        let detected: DetectedInput;
        try {
          if (entry.diskPath) {
            if (consumed.has(path.resolve(entry.diskPath))) continue;
            const openedEntry = await openAndDetect(entry.diskPath, config.options, config.signal, config.maxRecordBytes, undefined, undefined, (message) =>
              warnings.push(`${displayName(entry.display)}: ${message}`),
            );
            for (const f of openedEntry.opened.consumedFiles) consumed.add(path.resolve(f));
            ({ codec, records: reader } = openedEntry);
            detected = {
              file: entry.display,
              format: codec.id,
              dataType: requested,
              compression: openedEntry.opened.compression,
              encrypted: openedEntry.opened.encrypted,
              bytes: openedEntry.opened.bytes,
            };
          } else {
            const { head, stream } = await peek(entry.open(), HEAD_BYTES);
            codec = config.options.format && config.options.format !== 'auto' ? getCodec(config.options.format) : detectFormat(entry.path, headText(head));
            reader = codec.read(stream, {
              dataType: config.options.dataType,
              fileName: entry.path,
              delimiter: config.options.delimiter,
              encoding: config.options.encoding,
              maxRecordBytes: config.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
              onWarning: (message) => warnings.push(`${entry.display}: ${message}`),
            });
            detected = { file: entry.display, format: codec.id, dataType: requested, compression: 'none', encrypted: false, bytes: entry.size };
          }
        } catch (error) {
          if (error instanceof AppError && (error.code === ERROR_CODES.FORMAT_UNDETECTED || error.code === ERROR_CODES.UNSUPPORTED_FORMAT)) {
            container.skipped!.push({ path: entry.path, reason: NOT_READABLE });
            continue;
          }
          yield failedEntry(entry.display, error);
          continue;
        }
        container.entriesRead!++;
        inputs.push(detected);
        try {
          yield* typed(entry.display, reader, detected, true);
        } catch (error) {
          if (error instanceof AppError && error.code === ERROR_CODES.CANCELLED) throw error;
          yield failedEntry(entry.display, error);
        }
        bytesDone += entry.size;
      }
      if (container.skipped!.length) {
        // Hidden files are only counted; the others are named, so the user can find them.
        warnings.push(
          `${displayName(input.root)}: read ${container.entriesRead} file(s), skipped ${container.skipped!.length} (` +
            [...skippedByReason(container.skipped!)]
              .map(([reason, paths]) => `${paths.length} ${reason}${reason === 'hidden' ? '' : `: ${namesList(paths)}`}`)
              .join(', ') +
            ').',
        );
      }
      if (container.entriesRead === 0) {
        throw new AppError(
          ERROR_CODES.FORMAT_UNDETECTED,
          `${displayName(input.root)} holds no file this tool can read (${input.entries.length} file(s) looked at).`,
          { file: input.root },
        );
      }
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

/** Skipped entries' paths by reason, reasons in the order first met. */
function skippedByReason(skipped: SkippedEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of skipped) out.set(s.reason, [...(out.get(s.reason) ?? []), s.path]);
  return out;
}

/** The warning for a preset that found nothing it reads in an input that is not empty: what it found, and what it reads. */
function nothingRead(file: string, preset: SourcePreset, counts: Record<string, number>): string {
  const found = Object.entries(counts).map(([noun, n]) => `${n.toLocaleString('en-US')} ${n === 1 ? singularNoun(noun) : noun}`);
  return `${displayName(file)}: ${preset.label} found nothing to read in it${found.length ? ` (${found.join(', ')})` : ''}; it reads ${preset.accepts.join(' or ')}.`;
}

function displayName(file: string): string {
  return file.includes(' › ') ? file : path.basename(file);
}

/** The preset to read an input with: the one the user forced, none when told so, else the detected one. */
export async function chooseSource(input: ExpandedInput, requested: string | undefined): Promise<{ preset: SourcePreset; forced: boolean } | undefined> {
  if (requested === NO_SOURCE) return undefined;
  if (requested) return { preset: getSource(requested), forced: true };
  const preset = await detectSource(input);
  return preset ? { preset, forced: false } : undefined;
}

/**
 * The preset's options: its defaults, then what the user set. The import option `as` (`--as transcript`) is the
 * `as` option of the presets that declare one (the chat exports); a preset without it says it ignores it.
 */
export function sourceOptionDefaults(
  preset: SourcePreset,
  given: Record<string, unknown> | undefined,
  as?: string,
  warn?: (message: string) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const option of preset.options ?? []) out[option.name] = option.default;
  const options = { ...out, ...(given ?? {}) };
  if (as !== undefined) {
    if (preset.options?.some((o) => o.name === 'as')) options.as = as;
    else warn?.(`--as ${as} applies to chat exports; ${preset.label} ignores it.`);
  }
  return options;
}

/** "Evernote export — 3 notes, 2 attachments" */
export function sourceSummary(label: string, counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([noun, n]) => `${n.toLocaleString('en-US')} ${n === 1 ? singularNoun(noun) : noun}`);
  return parts.length ? `${label} — ${parts.join(', ')}` : label;
}

/** "1 messages on other branches dropped" reads wrong: the first plural word of a count's noun, made singular. */
export function singularNoun(noun: string): string {
  const words = noun.split(' ');
  const at = words.findIndex((w) => w.length > 3 && w.endsWith('s') && !w.endsWith('ss'));
  if (at < 0) return noun;
  const word = words[at]!;
  words[at] = word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  return words.join(' ');
}

/** A copy with `tags` split when it is text (the raw record stays as read: a rejects file writes it back). */
function withTagsSplit(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { tags?: unknown }).tags !== 'string') return value;
  const copy = { ...(value as Record<string, unknown>) };
  splitTagsField(copy);
  return copy;
}
