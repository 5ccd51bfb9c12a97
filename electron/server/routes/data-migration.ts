/**
 * The seed's REST API, exactly: export (JSON), import and validate (multipart: file, dataType, options as a
 * JSON string), operations (progress, active, history, cancel), templates; plus a download of exported files.
 * Answers are the contract's output values as JSON; failures `{ error: { code, message } }` with their status.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, toErrorValue } from '../../../shared/errors.ts';
import { SEED_ROUTES, downloadPath } from '../../../shared/http.ts';
import type { ExportResult, ImportResult, ValidateResult } from '../../../shared/options.ts';
import type { ServerContext } from '../context.ts';
import { sendError, sendResult } from '../reply.ts';
import type { MultipartBody } from '../uploads.ts';
import { confineRestCall } from '../rest-call.ts';
import { refuseUnlessOwn } from '../ownership.ts';
import { withRejectsLink } from './rejects.ts';
import { renameUploads, uploadNames } from '../upload-names.ts';

type IdParams = { Params: { id: string } };

export function registerDataMigrationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { service } = ctx;

  app.post(SEED_ROUTES.export, async (request, reply) => {
    const body = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return sendError(reply, { code: 'BAD_ARGUMENT', message: 'The body must be a JSON object of export options.' });
    }
    // `operationId` (optional, chosen by the client) lets it follow or cancel the export while it runs.
    const { operationId, ...rest } = (body ?? {}) as Record<string, unknown>;
    // `{ "options": {...} }` (the contract's input shape) is accepted as well as the bare options.
    const wrapped = typeof rest.options === 'object' && rest.options !== null && !Array.isArray(rest.options);
    const options = wrapped ? (rest.options as Record<string, unknown>) : rest;
    let input: unknown;
    try {
      input = confineRestCall('exportData', { options, operationId, overwrite: rest.overwrite }, request.principal, ctx.policy);
    } catch (error) {
      return sendError(reply, toErrorValue(error));
    }
    const result = await service.call('exportData', input as never);
    if (!result.ok) return sendError(reply, result.error);
    const exported = result.value;
    ctx.exports.register(exported);
    if (exported.status !== 'completed' && exported.error) return sendError(reply, exported.error, undefined, { result: exported });
    return reply.send({ ...exported, downloadUrl: downloadPath(exported.exportId) });
  });

  app.post(SEED_ROUTES.import, async (request, reply) =>
    withUpload(ctx, request, reply, async (upload) => {
      const options = readOptions(upload);
      const input = confineRestCall(
        'importData',
        { files: (upload.inputs ?? upload.files).map((f) => f.path), options, operationId: upload.fields.operationId || undefined },
        request.principal,
        ctx.policy,
      );
      const result = await service.call('importData', input as never);
      if (!result.ok) return () => sendError(reply, result.error);
      const value = withRejectsLink(renameUploads(result.value, uploadNames(upload)));
      return () => sendPipelineResult(reply, value);
    }),
  );

  app.post(SEED_ROUTES.validate, async (request, reply) =>
    withUpload(ctx, request, reply, async (upload) => {
      const options = readOptions(upload);
      const input = confineRestCall(
        'validateFile',
        { files: (upload.inputs ?? upload.files).map((f) => f.path), options, operationId: upload.fields.operationId || undefined },
        request.principal,
        ctx.policy,
      );
      const result = await service.call('validateFile', input as never);
      if (!result.ok) return () => sendError(reply, result.error);
      const value = renameUploads(result.value, uploadNames(upload));
      return () => sendPipelineResult(reply, value);
    }),
  );

  app.get<IdParams>(SEED_ROUTES.progress, async (request, reply) =>
    sendResult(reply, await service.call('getOperationProgress', { operationId: request.params.id })),
  );
  app.get(SEED_ROUTES.active, async (_request, reply) => sendResult(reply, await service.call('getActiveOperations', {})));
  app.get<{ Querystring: { limit?: string; dryRuns?: string; user?: string } }>(SEED_ROUTES.history, async (request, reply) => {
    const raw = request.query.limit;
    const dryRuns = request.query.dryRuns;
    if (dryRuns !== undefined && dryRuns !== 'true' && dryRuns !== 'false') {
      return sendError(reply, { code: 'BAD_ARGUMENT', message: `"dryRuns" must be true or false, not "${dryRuns}".`, field: 'dryRuns' });
    }
    let limit: number | undefined;
    if (raw !== undefined && raw !== '') {
      limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1)
        return sendError(reply, { code: 'BAD_ARGUMENT', message: `"limit" must be a whole number from 1, not "${raw}".`, field: 'limit' });
      // More than the contract's page cap is not an error: it is the cap.
      limit = Math.min(limit, 1000);
    }
    const user = request.query.user || undefined;
    return sendResult(
      reply,
      await service.call('getOperationHistory', {
        ...(limit === undefined ? {} : { limit }),
        includeDryRuns: dryRuns !== 'false',
        ...(user === undefined ? {} : { user }),
      }),
    );
  });
  app.post<IdParams>(SEED_ROUTES.cancel, async (request, reply) => {
    const operationId = request.params.id;
    const known = await service.call('getOperationProgress', { operationId });
    if (!known.ok) return sendError(reply, known.error);
    const refused = await refuseUnlessOwn(service, request.principal, operationId, 'cancel');
    if (refused) return sendError(reply, refused, 403);
    const cancelled = await service.call('cancelOperation', { operationId });
    if (!cancelled.ok) return sendError(reply, cancelled.error);
    if (!cancelled.value) {
      return sendError(reply, {
        code: 'CONFLICT',
        message: `Operation ${operationId} has already finished (${known.value.status}); there is nothing to cancel.`,
      });
    }
    return reply.send({ operationId, cancelled: true });
  });

  app.get(SEED_ROUTES.templates, async (_request, reply) => sendResult(reply, await service.call('getDataTemplates', {})));
  app.post(SEED_ROUTES.templates, async (request, reply) =>
    sendResult(reply, await service.call('createDataTemplate', (request.body ?? {}) as never), undefined, 201),
  );
  app.get<IdParams>(SEED_ROUTES.template, async (request, reply) => sendResult(reply, await service.call('getDataTemplate', { id: request.params.id })));

  app.get<IdParams & { Querystring: { part?: string } }>(SEED_ROUTES.download, async (request, reply) => {
    const entry = ctx.exports.get(request.params.id);
    if (!entry) return sendError(reply, { code: 'NOT_FOUND', message: `No export with id ${request.params.id} was made by this server.` });
    const part = request.query.part === undefined ? 0 : Number(request.query.part);
    if (!Number.isInteger(part) || part < 0 || part >= entry.files.length) {
      return sendError(reply, { code: 'NOT_FOUND', message: `Export ${request.params.id} has files 0 to ${entry.files.length - 1}.`, field: 'part' });
    }
    const file = entry.files[part]!;
    let size: number;
    try {
      size = (await fs.promises.stat(file)).size;
    } catch {
      return sendError(reply, { code: 'NOT_FOUND', message: `The exported file ${path.basename(file)} is no longer there.` });
    }
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Length', String(size))
      .header('Content-Disposition', contentDisposition(path.basename(file)))
      .header('Cache-Control', 'no-store')
      .send(fs.createReadStream(file));
  });
}

/**
 * Receives the multipart body, runs the call, and removes the uploaded files before answering (so a client
 * that got the answer never sees them linger). `run` answers how to reply.
 */
async function withUpload(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, run: (upload: MultipartBody) => Promise<() => FastifyReply>) {
  let upload: MultipartBody;
  try {
    upload = request.isMultipart() ? await ctx.uploads.receive(request) : fromJsonBody(request.body);
  } catch (error) {
    const value = toErrorValue(error);
    const status = (value.data as { status?: number } | undefined)?.status;
    return sendError(reply, { code: value.code, message: value.message }, status);
  }
  let answer: () => FastifyReply;
  try {
    if (upload.files.length === 0)
      answer = () => sendError(reply, { code: 'BAD_ARGUMENT', message: 'Attach the file as the multipart field "file".', field: 'file' });
    else answer = await run(upload);
  } catch (error) {
    const value = toErrorValue(error);
    answer = () => sendError(reply, value);
  } finally {
    await upload.cleanup();
  }
  return answer();
}

/**
 * Scripts on this machine may name files already on disk instead of uploading them:
 * `{ "file": "/path" | "files": [...], "dataType"?, "options"?: {...} | "json", "operationId"? }`.
 */
function fromJsonBody(body: unknown): MultipartBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'Send the file as multipart/form-data (field "file"), or a JSON object naming "file" or "files".');
  }
  const b = body as Record<string, unknown>;
  const paths = (Array.isArray(b.files) ? b.files : b.file !== undefined ? [b.file] : []) as unknown[];
  if (!paths.every((p) => typeof p === 'string' && p.length > 0))
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, '"file"/"files" must be file paths.', { field: 'files' });
  const fields: Record<string, string> = {};
  for (const key of ['dataType', 'format', 'operationId'] as const) if (typeof b[key] === 'string') fields[key] = b[key] as string;
  if (b.options !== undefined) fields.options = typeof b.options === 'string' ? b.options : JSON.stringify(b.options);
  return { files: (paths as string[]).map((p) => ({ path: p, name: p, bytes: 0 })), fields, cleanup: async () => undefined };
}

/**
 * `options` is a JSON string; `dataType` (and `format`) fields win over the same keys inside it. An optional
 * `operationId` field (6-64 of A-Z a-z 0-9 _ -) lets the client follow or cancel the run while it goes.
 */
function readOptions(upload: MultipartBody): Record<string, unknown> {
  let options: Record<string, unknown> = {};
  const raw = upload.fields.options;
  if (raw !== undefined && raw.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The "options" field is not valid JSON: ${(error as Error).message}`, { field: 'options' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AppError(ERROR_CODES.BAD_ARGUMENT, 'The "options" field must be a JSON object.', { field: 'options' });
    }
    options = parsed as Record<string, unknown>;
  }
  if (upload.fields.dataType) options = { ...options, dataType: upload.fields.dataType };
  if (upload.fields.format) options = { ...options, format: upload.fields.format };
  return options;
}

/** A whole-run failure (unreadable file, strict rejection) answers with its error status and the result. */
function sendPipelineResult(reply: FastifyReply, result: ImportResult | ValidateResult): FastifyReply {
  const failed = 'status' in result ? result.status === 'failed' : Boolean(result.error);
  if (failed && result.error) return sendError(reply, result.error, undefined, { result });
  return reply.send(result);
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type { ExportResult };
