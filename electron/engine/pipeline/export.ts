/**
 * The export pipeline: store query with filters → projection (or a template's mapping) → format writer →
 * envelope → files. Keyset pages keep memory flat whatever the store's size.
 */
import { AppError, ERROR_CODES, toErrorValue } from '../../../shared/errors.ts';
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import type { ExportOptions, ExportResult } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import { serializedRecord, type OutRecord, type WriteContext } from '../formats/codec.ts';
import { getCodec } from '../formats/registry.ts';
import { createOutput } from '../envelope/output.ts';
import { isShapedExport, prepareExportProjector } from '../mapping/export-projection.ts';
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
export function exportWriteContext(options: ExportOptions): WriteContext {
  return {
    dataType: options.dataType,
    includeMetadata: options.includeMetadata,
    includeBinaryData: options.includeBinaryData,
    shaped: isShapedExport(options),
  };
}

/** The projected records of an export, in order; shared by the export itself and its preview. */
export async function* exportRecords(
  store: Store,
  options: ExportOptions,
  onRecord?: () => void,
  signal?: AbortSignal,
  writesJson = false,
): AsyncGenerator<OutRecord> {
  const projector = prepareExportProjector(options, store);
  if (writesJson && !projector) {
    yield* exportSerialized(store, options, onRecord, signal);
    return;
  }
  for (const type of exportRecordTypes(options)) {
    for (const record of store.repository(type).iterate(options.filters, { includeBinaryData: options.includeBinaryData })) {
      if (signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The export was cancelled; no file was left behind.');
      const projected = projectRecord(type, record, options);
      onRecord?.();
      yield { recordType: type, value: projector ? projector(type, projected) : projected };
    }
  }
}

/** The fast path for JSON writers: each record's JSON built by SQLite, byte for byte what the object path gives. */
async function* exportSerialized(store: Store, options: ExportOptions, onRecord?: () => void, signal?: AbortSignal): AsyncGenerator<OutRecord> {
  for (const type of exportRecordTypes(options)) {
    const rows = store
      .repository(type)
      .iterateJson(options.filters, { includeBinaryData: options.includeBinaryData, includeMetadata: options.includeMetadata });
    for (const row of rows) {
      if (signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The export was cancelled; no file was left behind.');
      onRecord?.();
      yield Buffer.isBuffer(row) ? serializedRecord(type, row) : { recordType: type, value: projectRecord(type, row, options) };
    }
  }
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
    const records = tally.wrap(
      exportRecords(
        store,
        options,
        () => {
          result.recordCount++;
          if (result.recordCount % 500 === 0) report('writing');
        },
        context.signal,
        codec.writesJson,
      ),
    );
    // Writers yield small pieces; gathering them into ~1 MB writes keeps the file I/O off the hot path.
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of codec.write(records, exportWriteContext(options))) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += buffer.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= WRITE_BATCH_BYTES) {
        await output.write(Buffer.concat(pending, pendingBytes));
        pending.length = 0;
        pendingBytes = 0;
      }
    }
    if (pendingBytes) await output.write(Buffer.concat(pending, pendingBytes));
    report('finishing');
    const written = await output.finish();
    result.files = written.files;
    result.manifestPath = written.manifestPath;
    result.filePath = written.manifestPath ?? written.files[0]?.path ?? options.outputPath;
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
