/**
 * The HTTP side of the contract: route paths, header names and how error codes map to statuses. Shared by the
 * server (electron/server) and the browser host's client (renderer/src/client) so neither spells a path twice.
 */
import type { ErrorCode } from './errors.ts';

export const API_PREFIX = '/api';

/** Generic RPC: `POST /api/rpc/:name`, body = the call's input JSON, answer `{ value }` or `{ error }`. */
export const RPC_ROUTE = '/api/rpc/:name';
export const rpcPath = (name: string): string => `/api/rpc/${encodeURIComponent(name)}`;

/** Server-sent events: `event: <EventName>` + `data: <json>` for every service event. */
export const EVENTS_PATH = '/api/events';

/** Browser host uploads: multipart `file` -> `{ path, name, bytes }`, a server-side temp path usable in calls. */
export const UPLOAD_PATH = '/api/files';
export interface UploadedFile {
  path: string;
  name: string;
  bytes: number;
}

/** The seed's REST API, exactly. */
export const DM = '/api/data-migration';
export const SEED_ROUTES = {
  export: `${DM}/export`,
  import: `${DM}/import`,
  validate: `${DM}/validate`,
  progress: `${DM}/operations/:id/progress`,
  active: `${DM}/operations/active`,
  history: `${DM}/operations/history`,
  cancel: `${DM}/operations/:id/cancel`,
  templates: `${DM}/templates`,
  template: `${DM}/templates/:id`,
  /** Download of a file this service exported (never an arbitrary path): `?part=N` for split exports. */
  download: `${DM}/exports/:id/download`,
  /** Download of an import's rejected records (the file the service wrote for it, never an arbitrary path). */
  rejects: `${DM}/operations/:id/rejects`,
} as const;
export const rejectsDownloadPath = (operationId: string): string => `${DM}/operations/${encodeURIComponent(operationId)}/rejects`;
export const downloadPath = (exportOrOperationId: string, part = 0): string =>
  `${DM}/exports/${encodeURIComponent(exportOrOperationId)}/download${part ? `?part=${part}` : ''}`;

export const TOKEN_ENV = 'CONTEXT_STORE_TOKEN';

/** The HTTP status for an error code: the adapter's one table. */
export function httpStatusFor(code: ErrorCode | string): number {
  switch (code) {
    case 'BAD_ARGUMENT':
    case 'FILE_NOT_FOUND':
    case 'FILE_UNREADABLE':
    case 'UNSUPPORTED_FORMAT':
    case 'PASSPHRASE_REQUIRED':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'DUPLICATE_ID':
    case 'CANCELLED':
    case 'INTERRUPTED':
    case 'STORE_VERSION_TOO_NEW':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
    case 'LIMIT_EXCEEDED':
      return 413;
    case 'FORMAT_UNDETECTED':
    case 'DATA_TYPE_UNDETECTED':
    case 'PARSE_ERROR':
    case 'SCHEMA_MISMATCH':
    case 'VALIDATION_ERROR':
    case 'MAPPING_ERROR':
    case 'TRANSFORM_ERROR':
    case 'DECRYPT_FAILED':
    case 'INTEGRITY_ERROR':
    case 'DECOMPRESS_FAILED':
      return 422;
    case 'NOT_IMPLEMENTED':
      return 501;
    case 'STORE_BUSY':
      return 503;
    default:
      return 500;
  }
}
