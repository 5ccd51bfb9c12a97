/**
 * The export pipeline: store query with filters → projection (or a template's mapping) → format writer →
 * envelope → files. Keyset pages keep memory flat whatever the store's size.
 */
import { AppError, ERROR_CODES, toErrorValue } from '../../../shared/errors.ts';
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import type { ExportOptions, ExportResult } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import type { Codec, OutItem, OutRecord, RunKind, WriteContext } from '../formats/codec.ts';
import { isRun, isStoredCells, type CellReadOptions, type JsonRunOptions, type Repository } from '../store/repositories.ts';
import { getCodec } from '../formats/registry.ts';
import { createOutput } from '../envelope/output.ts';
import { exportColumns, isShapedExport, prepareExportProjector } from '../mapping/export-projection.ts';
import { projectRecord } from './project.ts';
import type { PipelineContext } from './progress.ts';
import { newId } from './ids.ts';
import { ExportTally } from '../verify/export-tally.ts';

const WRITE_BATCH_BYTES = 1024 * 1024;

export function exportRecordTypes(options: Pick<ExportOptions, 'dataType'>): RecordType[] {
  return options.dataType === 'all' ? [...RECORD_TYPES] : [options.dataType];
}

export function countExport(store: Store, options: Pick<ExportOptions, 'dataType' | 'filters'>): number {
  return exportRecordTypes(options).reduce((sum, type) => sum + store.repository(type).count(options.filters), 0);
}

/** What a format writer is told about an export (the preview tells it the same). */
export function exportWriteContext(options: ExportOptions, store?: Store): WriteContext {
  const columns = store ? exportColumns(options, store) : undefined;
  return {
    dataType: options.dataType,
    includeMetadata: options.includeMetadata,
    includeBinaryData: options.includeBinaryData,
    shaped: isShapedExport(options),
    ...(columns ? { columns } : {}),
  };
}

/** The projected records of an export, in order; shared by the export itself and its preview. */
export async function* exportRecords(store: Store, options: ExportOptions, onRecord?: () => void, signal?: AbortSignal): AsyncGenerator<OutRecord> {
  const projector = prepareExportProjector(options, store);
  for (const type of exportRecordTypes(options)) {
    for (const record of store.repository(type).iterate(options.filters, { includeBinaryData: options.includeBinaryData })) {
      if (signal?.aborted) throw cancelled();
      const projected = projectRecord(type, record, options);
      onRecord?.();
      yield { recordType: type, value: projector ? projector(type, projected) : projected };
    }
  }
}

const cancelled = () => new AppError(ERROR_CODES.CANCELLED, 'The export was cancelled; no file was left behind.');

/** How the store reads each kind of run (codec.ts RunKind). */
const STORE_RUNS = {
  json: (repository: Repository, options: ExportOptions, read: JsonRunOptions & CellReadOptions) => repository.jsonRuns(options.filters, read),
  cells: (repository: Repository, options: ExportOptions, read: JsonRunOptions & CellReadOptions) => repository.cellRuns(options.filters, read),
} satisfies Record<RunKind, unknown>;

/**
 * The fast path for writers that take runs: pages of records the store serialized in one piece, of the kind
 * the codec takes (the records' JSON built by SQLite, byte for byte what JSON.stringify of the projected record
 * gives, or their stored values); a type without SQL for it, or a record one row cannot say (a context with
 * attachments), comes as a record. JSON runs join their records with the codec's `separator`; `withJson`: cell
 * runs carry their records' JSON too, for the checksums.
 */
async function* exportRuns(
  store: Store,
  options: ExportOptions,
  runs: { kind: RunKind; separator: (type: RecordType) => string; withJson: boolean },
  onRecords: (n: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<OutItem> {
  const { kind, withJson } = runs;
  for (const type of exportRecordTypes(options)) {
    const separator = runs.separator(type);
    const read = { includeBinaryData: options.includeBinaryData, includeMetadata: options.includeMetadata, separator, withJson, parallel: true };
    const repository = store.repository(type);
    for (const item of STORE_RUNS[kind](repository, options, read) ?? repository.iterate(options.filters, read)) {
      if (signal?.aborted) throw cancelled();
      if (isRun(item)) {
        onRecords(item.count);
        yield { run: 'json', recordType: type, count: item.count, bytes: item.bytes, separator };
      } else if (isStoredCells(item)) {
        onRecords(item.count);
        yield { ...item, run: 'cells', recordType: type };
      } else {
        onRecords(1);
        yield { recordType: type, value: projectRecord(type, item, options) };
      }
    }
  }
}

/** The records of an export as the codec takes them: runs where the store can serialize for it. */
function exportItems(store: Store, options: ExportOptions, codec: Codec, tally: ExportTally, onRecords: (n: number) => void, signal?: AbortSignal) {
  if (codec.writeItems && codec.runKind && !prepareExportProjector(options, store)) {
    const context = exportWriteContext(options, store);
    const separator = (type: RecordType) => codec.runSeparator?.(context, type) ?? '\n';
    const runs = { kind: codec.runKind, separator, withJson: tally.hashing };
    return { items: exportRuns(store, options, runs, onRecords, signal), write: codec.writeItems };
  }
  return { items: exportRecords(store, options, () => onRecords(1), signal), write: codec.write };
}

/** Said when the export describes attachments without their bytes: a re-import elsewhere cannot add them. */
function attachmentsLeftOut(store: Store, options: ExportOptions): string | undefined {
  if (options.includeBinaryData || !exportRecordTypes(options).includes('contexts')) return undefined;
  const { attachments, contexts } = store.contexts.attachmentCount(options.filters);
  if (attachments === 0) return undefined;
  return (
    `${attachments} attachment${attachments === 1 ? '' : 's'} (of ${contexts} context${contexts === 1 ? '' : 's'}) ${attachments === 1 ? 'is' : 'are'} described without ${attachments === 1 ? 'its bytes' : 'their bytes'} ` +
    '(name, type, size, checksum): another store cannot restore them from this file. To carry them: --include-binary (in the app, "Include attachments").'
  );
}

export async function runExport(store: Store, options: ExportOptions, context: PipelineContext = {}): Promise<ExportResult> {
  const started = Date.now();
  const exportId = newId('exp');
  const operationId = context.operationId ?? newId('op');
  const result: ExportResult = {
    exportId,
    operationId,
    status: 'completed',
    dataType: options.dataType,
    format: options.format,
    recordCount: 0,
    filePath: options.outputPath ?? '',
    files: [],
    durationMs: 0,
  };
  let output: ReturnType<typeof createOutput> | undefined;
  try {
    if (!options.outputPath) throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'An export needs an output path.', { field: 'outputPath' });
    const codec = getCodec(options.format);
    const total = countExport(store, options);
    let bytes = 0;
    const report = (step: string) =>
      context.onProgress?.({ step, recordsProcessed: result.recordCount, totalRecords: total, bytesProcessed: bytes, totalBytes: null });
    report('querying');
    const tally = new ExportTally(options.splitLargeFiles?.enabled ?? false);
    output = createOutput(options.outputPath, options, {
      exportId,
      recordCount: () => result.recordCount,
      recordTypes: () => tally.summary(),
      signal: context.signal,
    });
    let reported = 0;
    const { items, write } = exportItems(
      store,
      options,
      codec,
      tally,
      (n) => {
        result.recordCount += n;
        if (result.recordCount - reported >= 500) {
          reported = result.recordCount;
          report('writing');
        }
      },
      context.signal,
    );
    // Writers yield small pieces; gathering them into ~1 MB writes keeps the file I/O off the hot path. A
    // piece that large already (a run from the store) goes as it is, not copied again.
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pendingBytes) return;
      await output!.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
      pending.length = 0;
      pendingBytes = 0;
    };
    for await (const chunk of write(tally.wrap(items), exportWriteContext(options, store))) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += buffer.length;
      if (buffer.length >= WRITE_BATCH_BYTES / 4) {
        await flush();
        await output.write(buffer);
        continue;
      }
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
    }
    await flush();
    report('finishing');
    const written = await output.finish();
    result.files = written.files;
    result.manifestPath = written.manifestPath;
    result.filePath = written.manifestPath ?? written.files[0]?.path ?? options.outputPath;
    const left = attachmentsLeftOut(store, options);
    if (left) result.warnings = [left];
    report('done');
  } catch (error) {
    await output?.abort();
    const value = toErrorValue(error);
    result.error = value;
    result.status = value.code === ERROR_CODES.CANCELLED ? 'cancelled' : 'failed';
  }
  result.durationMs = Date.now() - started;
  return result;
}
