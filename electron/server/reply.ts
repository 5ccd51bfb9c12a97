/** Every answer of the API: a value as JSON, or `{ error: { code, message } }` with the status its code maps to. */
import type { FastifyReply } from 'fastify';
import type { ErrorValue, Result } from '../../shared/errors.ts';
import { httpStatusFor } from '../../shared/http.ts';

export function sendError(reply: FastifyReply, error: ErrorValue, status = httpStatusFor(error.code), extra: Record<string, unknown> = {}): FastifyReply {
  // Only the documented fields cross: never a stack, never an internal object.
  const body: ErrorValue = { code: error.code, message: error.message };
  if (error.field !== undefined) body.field = error.field;
  if (error.record !== undefined) body.record = error.record;
  if (error.file !== undefined) body.file = error.file;
  if (error.data !== undefined) body.data = error.data;
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: body, ...extra });
}

export function sendResult<T>(reply: FastifyReply, result: Result<T>, wrap: (value: T) => unknown = (value) => value, status = 200): FastifyReply {
  if (!result.ok) return sendError(reply, result.error);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(wrap(result.value) ?? null));
}
