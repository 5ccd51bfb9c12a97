/** Error codes to HTTP statuses, and Node's own errors never passing as error values with foreign codes. */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, toErrorValue } from '../../shared/errors.ts';
import { httpStatusFor } from '../../shared/http.ts';

describe('httpStatusFor', () => {
  it('maps the codes the issue names to their statuses', () => {
    expect(httpStatusFor('BAD_ARGUMENT')).toBe(400);
    expect(httpStatusFor('UNAUTHORIZED')).toBe(401);
    expect(httpStatusFor('FORBIDDEN')).toBe(403);
    expect(httpStatusFor('NOT_FOUND')).toBe(404);
    expect(httpStatusFor('CONFLICT')).toBe(409);
    expect(httpStatusFor('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusFor('VALIDATION_ERROR')).toBe(422);
    expect(httpStatusFor('INTERNAL')).toBe(500);
  });

  it('gives every error code a 4xx or 5xx status', () => {
    for (const code of Object.values(ERROR_CODES)) {
      const status = httpStatusFor(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });
});

describe('toErrorValue', () => {
  it('turns an AbortError (code ABORT_ERR) into CANCELLED, not a foreign code', () => {
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    expect(toErrorValue(abort).code).toBe('CANCELLED');
  });

  it('keeps plain error values with our codes as they are', () => {
    expect(toErrorValue({ code: 'NOT_FOUND', message: 'x' })).toEqual({ code: 'NOT_FOUND', message: 'x' });
  });
});
