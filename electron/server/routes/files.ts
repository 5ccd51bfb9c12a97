/**
 * `POST /api/files` (browser host): stores an uploaded file in the server's temp folder and answers its server
 * path, which the browser then passes to importData/validateFile/inspectFile like a dropped file's path in
 * Electron. Kept within a total byte cap (counted while they stream, shared with the upload routes), removed after
 * their import (a dropped folder whole) or when unused for an hour.
 */
import type { FastifyInstance } from 'fastify';
import { toErrorValue } from '../../../shared/errors.ts';
import { UPLOAD_PATH, type UploadedFile } from '../../../shared/http.ts';
import type { ServerContext } from '../context.ts';
import { sendError } from '../reply.ts';

export function registerFileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(UPLOAD_PATH, async (request, reply) => {
    try {
      const upload = await ctx.uploads.receive(request);
      if (upload.files.length === 0)
        return sendError(reply, { code: 'BAD_ARGUMENT', message: 'Attach the file as the multipart field "file".', field: 'file' });
      await ctx.uploads.keep(upload);
      // A dropped folder answers as the folder (one input), its files inside it.
      const files: UploadedFile[] = upload.inputs ?? upload.files;
      return reply.code(201).send(files.length === 1 ? files[0] : files);
    } catch (error) {
      const value = toErrorValue(error);
      const status = (value.data as { status?: number } | undefined)?.status;
      return sendError(reply, { code: value.code, message: value.message }, status);
    }
  });
}
