/**
 * Every contract call made over REST (the RPC route and the seed routes) passes here first: file paths are
 * confined by the FilePolicy, and the operation's user is the token's name, whatever the body says (a caller
 * cannot write someone else's name into the audit trail).
 */
import type { CallName } from '../../shared/contract.ts';
import type { Principal } from './guards.ts';
import type { FilePolicy } from './file-policy.ts';

type Input = Record<string, unknown>;

export function confineRestCall(name: CallName | string, input: unknown, principal: Principal | undefined, policy: FilePolicy): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const body = { ...(input as Input) };
  const options = typeof body.options === 'object' && body.options !== null && !Array.isArray(body.options) ? { ...(body.options as Input) } : undefined;
  switch (name) {
    case 'importData': {
      if (Array.isArray(body.files)) for (const file of body.files) if (typeof file === 'string') policy.checkRead(file, 'files', { scope: principal?.scope });
      // Rejected records are written inside the export folder, as exports are: a name there, or one the service
      // chooses; either way the answer carries a download link (rejects.downloadUrl, rejectsUrl).
      const opts = options ?? {};
      const overwrite = body.overwrite === true || opts.overwrite === true;
      delete body.overwrite;
      delete opts.overwrite;
      const target = policy.exportPath(opts.rejectsPath, overwrite, 'rejectsPath');
      if (target === undefined) delete opts.rejectsPath;
      else opts.rejectsPath = target;
      opts.keepRejects = true;
      body.options = opts;
      break;
    }
    case 'validateFile':
      if (Array.isArray(body.files)) for (const file of body.files) if (typeof file === 'string') policy.checkRead(file, 'files', { scope: principal?.scope });
      // A `rejectsPath` here would be a write anywhere: it goes where an export would.
      if (options && options.rejectsPath !== undefined) {
        const target = policy.exportPath(options.rejectsPath, false, 'rejectsPath');
        if (target === undefined) delete options.rejectsPath;
        else options.rejectsPath = target;
        body.options = options;
      }
      break;
    case 'saveRejectedRecords': {
      // Over REST the copy goes where exports go (the download link is the usual way).
      const overwrite = body.overwrite === true;
      delete body.overwrite;
      body.outputPath = policy.exportPath(typeof body.outputPath === 'string' ? body.outputPath : undefined, overwrite) ?? body.outputPath;
      break;
    }
    case 'inspectFile':
      if (typeof body.file === 'string') policy.checkRead(body.file, 'file', { scope: principal?.scope });
      if (Array.isArray(body.companions))
        for (const file of body.companions) if (typeof file === 'string') policy.checkRead(file, 'companions', { scope: principal?.scope });
      break;
    case 'exportData': {
      const opts = options ?? {};
      const overwrite = body.overwrite === true || opts.overwrite === true;
      delete body.overwrite;
      delete opts.overwrite;
      const target = policy.exportPath(opts.outputPath, overwrite);
      if (target === undefined) delete opts.outputPath;
      else opts.outputPath = target;
      body.options = opts;
      break;
    }
    case 'verifyExport':
    case 'restoreStore':
      // Only files of this server (uploads, --allow-dir, its exports) can be verified or restored from.
      if (typeof body.file === 'string') policy.checkRead(body.file, 'file', { scope: principal?.scope, orExports: true });
      break;
    case 'backupStore': {
      // A snapshot goes where exports go, by the same rule; no archive folder of the caller's choosing.
      const overwrite = body.overwrite === true;
      delete body.overwrite;
      const target = policy.exportPath(typeof body.outputPath === 'string' ? body.outputPath : undefined, overwrite);
      if (target === undefined) delete body.outputPath;
      else body.outputPath = target;
      delete body.archiveDir;
      break;
    }
    default:
      break;
  }
  // An export's archive folder would be a write anywhere: over REST, exports stay in the export folder.
  if (name === 'exportData' && body.options && typeof body.options === 'object') delete (body.options as Input).archiveDir;
  if (principal && name === 'undoImport') body.user = principal.name;
  if (principal && (name === 'importData' || name === 'validateFile' || name === 'exportData')) {
    const opts = (body.options as Input | undefined) ?? options ?? {};
    body.options = { ...opts, user: principal.name };
  }
  return body;
}
