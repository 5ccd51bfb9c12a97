/** Validation of a file against the schema and the store, without writing: an import's dry run, summarised. */
import type { ImportOptions, ValidateOptions, ValidateResult } from '../../../shared/options.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { Store } from '../store/store.ts';
import { runImport, type ImportContext } from './import.ts';

export async function runValidate(store: Store, files: string[], options: ValidateOptions, context: ImportContext = {}): Promise<ValidateResult> {
  const importOptions: ImportOptions = {
    ...options,
    validateSchema: true,
    skipDuplicates: true,
    overwriteExisting: false,
    batchSize: 1000,
    dryRun: true,
    errorHandling: 'lenient',
    match: 'source',
    merge: false,
    keepRejects: false,
  };
  const result = await runImport(store, files, importOptions, context);
  const duplicates = result.outcomes?.filter((o) => o.action === 'skip').length ?? 0;
  return {
    operationId: result.operationId,
    valid: result.status === 'completed' && result.failedRecords === 0,
    dataType: result.inputs.length === 1 ? result.inputs[0]!.dataType : result.dataType,
    format: [...new Set(result.inputs.map((i) => i.format))].join(',') || 'unknown',
    totalRecords: result.totalRecords,
    validRecords: result.totalRecords - result.failedRecords,
    invalidRecords: result.failedRecords,
    duplicateRecords: result.skippedRecords || duplicates,
    errors: result.errors,
    totalErrors: result.totalErrors,
    validationErrors: result.validationErrors,
    warnings: [...(result.skippedRecords ? [`${result.skippedRecords} record(s) have ids that already exist in the store.`] : []), ...result.warnings],
    inputs: result.inputs,
    durationMs: result.durationMs,
    error: result.error && result.error.code !== ERROR_CODES.VALIDATION_ERROR ? result.error : undefined,
  };
}
