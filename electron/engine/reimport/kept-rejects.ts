/**
 * Rejected records the service keeps for an operation, so "Save rejected records" (the wizard, after a dry
 * run or an import) and the REST download link can hand them out later: written with `keepRejects` into the
 * service's export folder under a name the service chooses, and looked up by operation id only (never by a
 * path from a caller). Kept in memory for the life of the service; the files stay in the export folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ImportOptions, ImportResult } from '../../../shared/options.ts';
import { formatExtension } from '../../../shared/catalogue/formats.ts';

export type KeptRejectsFile = NonNullable<ImportResult['rejects']>;

export class KeptRejects {
  private readonly byOperation = new Map<string, KeptRejectsFile>();
  private static readonly CAP = 10_000;

  constructor(private readonly dir: string) {}

  /** The options to run with: `keepRejects` without a path gets a file of the service's naming. */
  prepare(options: ImportOptions, operationId: string): { options: ImportOptions; named: boolean } {
    if (options.rejectsPath || !options.keepRejects) return { options, named: false };
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // The format (so the extension) is known only once the input is read: finish() adds it.
    return { options: { ...options, rejectsPath: path.join(this.dir, `rejected-records-${operationId}`) }, named: true };
  }

  /** After the run: a file of the service's naming gets its format's extension; either kind is remembered. */
  finish(result: ImportResult, named: boolean): ImportResult {
    const rejects = result.rejects;
    if (!rejects) return result;
    let file = rejects.path;
    if (named) {
      const ext = formatExtension(rejects.format);
      if (rejects.records === 0) {
        fs.rmSync(file, { force: true });
        return { ...result, rejects: undefined };
      }
      fs.renameSync(file, `${file}${ext}`);
      file = `${file}${ext}`;
    }
    const kept = { ...rejects, path: file };
    if (this.byOperation.size >= KeptRejects.CAP) this.byOperation.delete(this.byOperation.keys().next().value!);
    this.byOperation.set(result.operationId, kept);
    return { ...result, rejects: kept };
  }

  get(operationId: string): KeptRejectsFile | undefined {
    const kept = this.byOperation.get(operationId);
    return kept && fs.existsSync(kept.path) ? kept : undefined;
  }

  /** Copies an operation's rejects to where the user chose (the desktop's save dialog). */
  saveCopy(operationId: string, outputPath: string): KeptRejectsFile {
    const kept = this.get(operationId);
    if (!kept) {
      throw new AppError(
        ERROR_CODES.NOT_FOUND,
        `Operation ${operationId} has no rejected records kept by this app (import with "keepRejects", or --rejects FILE on the CLI).`,
      );
    }
    fs.copyFileSync(kept.path, outputPath);
    return { ...kept, path: outputPath };
  }
}
