/**
 * Uploaded files under the names their client sent: the pipeline builds its messages from the paths it read,
 * which for an upload are the server's temp copies (`/tmp/context-store-uploads-…/<id>/folders/Takeout/…`).
 * Both upload routes (`POST /api/import` with its files, and the RPC calls on files kept by `POST /api/files`)
 * answer with the names instead.
 */
import type { ImportResult, ValidateResult } from '../../shared/options.ts';
import type { MultipartBody } from './uploads.ts';

/** The names of one request's files and of a dropped folder's input. */
export function uploadNames(upload: MultipartBody): Map<string, string> {
  return new Map([...upload.files, ...(upload.inputs ?? [])].map((f) => [f.path, f.name]));
}

/**
 * Reports each uploaded file under the name the client sent, not the server's temp path: in `inputs[].file`,
 * and wherever the pipeline wrote the path into a message (record warnings, record errors and their file,
 * validation issues, outcome reasons, the run's error), since it builds them from the path it read.
 */
export function renameUploads<T extends ImportResult | ValidateResult>(result: T, names: ReadonlyMap<string, string>): T {
  if (names.size === 0) return result;
  // Longest first: a folder's files (`…/<id>/vault/a.md`) before the folder itself (`…/<id>/vault`).
  const paths = [...names.keys()].filter((p) => p !== names.get(p)).sort((a, b) => b.length - a.length);
  const rename = (text: string) => paths.reduce((out, p) => (out.includes(p) ? out.split(p).join(names.get(p)!) : out), text);
  const renamed: ImportResult | ValidateResult = {
    ...result,
    inputs: result.inputs.map((input) => ({ ...input, file: names.get(input.file) ?? rename(input.file) })),
    warnings: result.warnings.map(rename),
    errors: result.errors.map((e) => ({ ...e, error: rename(e.error), ...(e.file === undefined ? {} : { file: rename(e.file) }) })),
    validationErrors: result.validationErrors.map((issue) => ({ ...issue, message: rename(issue.message) })),
    ...(result.error
      ? { error: { ...result.error, message: rename(result.error.message), ...(result.error.file === undefined ? {} : { file: rename(result.error.file) }) } }
      : {}),
  };
  if ('outcomes' in renamed && renamed.outcomes) renamed.outcomes = renamed.outcomes.map((o) => (o.reason ? { ...o, reason: rename(o.reason) } : o));
  if ('reasonCounts' in renamed && renamed.reasonCounts) renamed.reasonCounts = renamed.reasonCounts.map((c) => ({ ...c, reason: rename(c.reason) }));
  return renamed as T;
}
