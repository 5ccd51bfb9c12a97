/** `POST /api/rpc/:name`: every contract call, body = its input JSON, answer `{ value }` or `{ error }`. */
import type { FastifyInstance } from 'fastify';
import { CALL_NAMES, type CallName } from '../../../shared/contract.ts';
import { RPC_ROUTE } from '../../../shared/http.ts';
import type { ExportResult, ImportResult } from '../../../shared/options.ts';
import type { ServerContext } from '../context.ts';
import { confineRestCall } from '../rest-call.ts';
import { refuseUnlessOwn } from '../ownership.ts';
import { toErrorValue } from '../../../shared/errors.ts';
import { sendError, sendResult } from '../reply.ts';
import { withRejectsLink } from './rejects.ts';
import { renameUploads } from '../upload-names.ts';

const KNOWN = new Set<string>(CALL_NAMES);

export function registerRpcRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { name: string } }>(RPC_ROUTE, async (request, reply) => {
    const name = request.params.name;
    if (!KNOWN.has(name)) return sendError(reply, { code: 'NOT_FOUND', message: `There is no call named "${name}".` });
    // The service validates the input against the contract (parseCallInput) before any handler runs.
    // An import token undoes and cancels its own operations only; admin any.
    if (name === 'undoImport' || name === 'cancelOperation') {
      const refused = await refuseUnlessOwn(
        ctx.service,
        request.principal,
        (request.body as { operationId?: unknown } | undefined)?.operationId,
        name === 'undoImport' ? 'undo' : 'cancel',
      );
      if (refused) return sendError(reply, refused, 403);
    }
    let input: unknown;
    try {
      input = confineRestCall(name, request.body ?? {}, request.principal, ctx.policy);
    } catch (error) {
      return sendError(reply, toErrorValue(error));
    }
    const files = readFiles(name, input);
    ctx.uploads.touch(files);
    // Read before an import releases them: its messages name the files as the browser sent them.
    const names = ctx.uploads.namesFor(files);
    const result = await ctx.service.call(name as CallName, input);
    // An uploaded file has done its job once imported for real (a dry run is a preview: the import follows).
    if (name === 'importData' && result.ok && !(input as { options?: { dryRun?: boolean } }).options?.dryRun) await ctx.uploads.release(files);
    if (result.ok && name === 'exportData') ctx.exports.register(result.value as ExportResult);
    if (result.ok && (name === 'importData' || name === 'validateFile')) result.value = renameUploads(result.value as ImportResult, names);
    if (result.ok && name === 'importData') result.value = withRejectsLink(result.value as ImportResult);
    return sendResult(reply, result, (value) => ({ value }));
  });
}

function readFiles(name: string, input: unknown): string[] {
  const body = input as { files?: unknown; file?: unknown } | undefined;
  if (name === 'inspectFile') return typeof body?.file === 'string' ? [body.file] : [];
  return Array.isArray(body?.files) ? body.files.filter((f): f is string => typeof f === 'string') : [];
}
