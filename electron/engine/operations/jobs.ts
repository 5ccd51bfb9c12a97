/**
 * A job is everything an operation needs, as plain data, so it can be posted to a worker thread. `executeJob`
 * runs one against a store connection; the in-process runner and the worker both call it.
 */
import type { ExportOptions, ImportOptions, ValidateOptions, ExportResult, ImportResult, ValidateResult } from '../../../shared/options.ts';
import type { UndoResult } from '../../../shared/operations.ts';
import type { Store } from '../store/store.ts';
import type { ImportContext } from '../pipeline/import.ts';

export type Job =
  | { kind: 'import'; files: string[]; options: ImportOptions }
  | { kind: 'export'; options: ExportOptions }
  | { kind: 'validate'; files: string[]; options: ValidateOptions }
  | { kind: 'undo'; importOperationId: string; dryRun: boolean };

export type JobResult = ImportResult | ExportResult | ValidateResult | UndoResult;

/**
 * Each kind's pipeline is loaded when a job of that kind first runs: a worker that only exports never loads the
 * readers, the source presets and their HTML-to-Markdown libraries, which is most of a short job's start.
 */
const PIPELINES = {
  import: () => import('../pipeline/import.ts'),
  export: () => import('../pipeline/export.ts'),
  validate: () => import('../pipeline/validate-file.ts'),
  undo: () => import('./undo.ts'),
};

export async function executeJob(store: Store, job: Job, context: ImportContext & { operationId: string }): Promise<JobResult> {
  switch (job.kind) {
    case 'import':
      return (await PIPELINES.import()).runImport(store, job.files, job.options, context);
    case 'export':
      return (await PIPELINES.export()).runExport(store, job.options, context);
    case 'validate':
      return (await PIPELINES.validate()).runValidate(store, job.files, job.options, context);
    case 'undo':
      return (await PIPELINES.undo()).runUndo(store, { importOperationId: job.importOperationId, dryRun: job.dryRun }, context);
  }
}

/**
 * Starts loading a kind's pipeline without waiting: a worker told the kind of its first job loads it while the
 * caller still prepares that job (the CLI's one-record runs). A failure is left to the job's own load to report.
 */
export function preloadPipeline(kind: Job['kind']): void {
  PIPELINES[kind]().catch(() => {});
}

/** Jobs that change the store: they take the one write lock, and history must show them even if killed. */
export function writesToStore(job: Job): boolean {
  return (job.kind === 'import' || job.kind === 'undo') && !(job.kind === 'import' ? job.options.dryRun : job.dryRun);
}

/** The options as history keeps them: never a passphrase. */
export function redactOptions(options: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(options, (key, value) => (key === 'passphrase' || key === 'key' ? (value ? '[redacted]' : undefined) : value))) as Record<
    string,
    unknown
  >;
}

/**
 * Splits the secrets out of a job, so the job itself can cross a thread boundary (and be logged) without
 * them; `withSecrets` puts them back on the other side.
 */
export function withoutSecrets(job: Job): { job: Job; secrets: Record<string, string> } {
  if (job.kind === 'undo') return { job, secrets: {} };
  const secrets: Record<string, string> = {};
  const options = { ...job.options } as Record<string, unknown>;
  if (typeof options.passphrase === 'string') {
    secrets.passphrase = options.passphrase;
    delete options.passphrase;
  }
  if (typeof options.key === 'string') {
    secrets.key = options.key;
    delete options.key;
  }
  const encryption = options.encryption as { passphrase?: string; key?: string } | undefined;
  if (encryption && typeof encryption.passphrase === 'string') {
    secrets.encryptionPassphrase = encryption.passphrase;
    options.encryption = { ...(options.encryption as object), passphrase: undefined };
  }
  if (encryption && typeof encryption.key === 'string') {
    secrets.encryptionKey = encryption.key;
    options.encryption = { ...(options.encryption as object), key: undefined };
  }
  return { job: { ...job, options } as Job, secrets };
}

export function withSecrets(job: Job, secrets: Record<string, string>): Job {
  if (job.kind === 'undo') return job;
  const options = { ...job.options } as Record<string, unknown>;
  if (secrets.passphrase !== undefined) options.passphrase = secrets.passphrase;
  if (secrets.encryptionPassphrase !== undefined) options.encryption = { ...(options.encryption as object), passphrase: secrets.encryptionPassphrase };
  if (secrets.key !== undefined) options.key = secrets.key;
  if (secrets.encryptionKey !== undefined) options.encryption = { ...(options.encryption as object), key: secrets.encryptionKey };
  return { ...job, options } as Job;
}
