/**
 * An import's rejected records over REST (issue 16): the answer of an import names a download link, and
 * `GET /api/data-migration/operations/{id}/rejects` sends the file the service wrote for that operation (in
 * its export folder, in the source's own format with an `_error` field), never a path from the request. A
 * token other than admin gets only the rejects of its own imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SEED_ROUTES, rejectsDownloadPath } from '../../../shared/http.ts';
import type { ImportResult } from '../../../shared/options.ts';
import type { ServerContext } from '../context.ts';
import { sendError } from '../reply.ts';

const MIME: Record<string, string> = { csv: 'text/csv', json: 'application/json', jsonl: 'application/x-ndjson', yaml: 'application/yaml' };

/** The import's answer with the link to its rejected records, when it has any. */
export function withRejectsLink<T extends ImportResult>(result: T): T {
  if (!result.rejects || result.rejects.records === 0) return result;
  const downloadUrl = rejectsDownloadPath(result.operationId);
  return { ...result, rejects: { ...result.rejects, downloadUrl }, rejectsUrl: downloadUrl };
}

export function registerRejectsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>(SEED_ROUTES.rejects, async (request, reply) => {
    const operationId = request.params.id;
    const kept = ctx.service.rejects.get(operationId);
    if (!kept) return sendError(reply, { code: 'NOT_FOUND', message: `Operation ${operationId} has no rejected records on this server.` });
    if (request.principal && request.principal.scope !== 'admin') {
      const op = await ctx.service.call('getOperation', { operationId });
      if (!op.ok || op.value.user !== request.principal.name) {
        return sendError(
          reply,
          {
            code: 'FORBIDDEN',
            message: `The rejected records of ${operationId} belong to another user's import; the token "${request.principal.name}" may fetch only its own.`,
          },
          403,
        );
      }
    }
    const size = (await fs.promises.stat(kept.path)).size;
    const name = path.basename(kept.path);
    return reply
      .header('Content-Type', `${MIME[kept.format] ?? 'application/octet-stream'}; charset=utf-8`)
      .header('Content-Length', String(size))
      .header('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`)
      .header('Cache-Control', 'no-store')
      .send(fs.createReadStream(kept.path));
  });
}
