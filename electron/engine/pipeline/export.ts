/**
 * The export pipeline: store query with filters → projection (or a template's mapping) → format writer →
 * envelope → files. Keyset pages keep memory flat whatever the store's size.
 */
import { AppError, ERROR_CODES, toErrorValue } from '../../../shared/errors.ts';
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import type { ExportOptions, ExportResult } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import type { OutRecord } from '../formats/codec.ts';
import { getCodec } from '../formats/registry.ts';
import { createOutput } from '../envelope/output.ts';
import { prepareExportProjector } from '../mapping/export-projection.ts';
import { projectRecord } from './project.ts';
import type { PipelineContext } from './progress.ts';
import { newId } from './ids.ts';

export function exportRecordTypes(options: Pick<ExportOptions, 'dataType'>): RecordType[] {
  return options.dataType === 'all' ? [...RECORD_TYPES] : [options.dataType];
}

export function countExport(store: Store, options: Pick<ExportOptions, 'dataType' | 'filters'>): number {
  return exportRecordTypes(options).reduce((sum, type) => sum + store.repository(type).count(options.filters), 0);
}

/** The projected records of an export, in order; shared by the export itself and its preview. */
export async function* exportRecords(store: Store, options: ExportOptions, onRecord?: () => void, signal?: AbortSignal): AsyncGenerator<OutRecord> {
  const projector = prepareExportProjector(options, store);
  for (const type of exportRecordTypes(options)) {
    for (const record of store.repository(type).iterate(options.filters, { includeBinaryData: options.includeBinaryData })) {
      if (signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The export was cancelled; no file was left behind.');
      const projected = projectRecord(type, record, options);
      onRecord?.();
      yield { recordType: type, value: projector ? projector(type, projected) : projected };
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
    output = createOutput(options.outputPath, options, { exportId, recordCount: () => result.recordCount, signal: context.signal });
    const records = exportRecords(
      store,
      options,
      () => {
        result.recordCount++;
        if (result.recordCount % 500 === 0) report('writing');
      },
      context.signal,
    );
    for await (const chunk of codec.write(records, { dataType: options.dataType, includeMetadata: options.includeMetadata, includeBinaryData: options.includeBinaryData })) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      await output.write(chunk);
    }
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
