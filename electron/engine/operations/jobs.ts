/**
 * A job is everything an operation needs, as plain data, so it can be posted to a worker thread. `executeJob`
 * runs one against a store connection; the in-process runner and the worker both call it.
 */
import type { ExportOptions, ImportOptions, ValidateOptions, ExportResult, ImportResult, ValidateResult } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import { runImport, type ImportContext } from '../pipeline/import.ts';
import { runExport } from '../pipeline/export.ts';
import { runValidate } from '../pipeline/validate-file.ts';

export type Job =
  | { kind: 'import'; files: string[]; options: ImportOptions }
  | { kind: 'export'; options: ExportOptions }
  | { kind: 'validate'; files: string[]; options: ValidateOptions };

export type JobResult = ImportResult | ExportResult | ValidateResult;

export function executeJob(store: Store, job: Job, context: ImportContext): Promise<JobResult> {
  switch (job.kind) {
    case 'import':
      return runImport(store, job.files, job.options, context);
    case 'export':
      return runExport(store, job.options, context);
    case 'validate':
      return runValidate(store, job.files, job.options, context);
  }
}

/** The options as history keeps them: never a passphrase. */
export function redactOptions(options: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(options, (key, value) => (key === 'passphrase' ? (value ? '[redacted]' : undefined) : value)),
  ) as Record<string, unknown>;
}
