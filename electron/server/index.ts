/**
 * The HTTP adapter: the seed's REST API, a generic RPC route for every contract call, an event stream, file
 * upload/download, and the browser host (the built renderer). Used by `context-store serve` and the
 * end-to-end tests. Binds loopback by default; see guards.ts for what every request must pass.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { isErrorValue, toErrorValue } from '../../shared/errors.ts';
import { API_PREFIX } from '../../shared/http.ts';
import type { ExportResult } from '../../shared/options.ts';
import { ContextStoreService, type ServiceOptions } from '../engine/service.ts';
import type { ServerContext } from './context.ts';
import { ExportRegistry } from './exports-registry.ts';
import { createGuard } from './guards.ts';
import { parseJsonBody } from './json-body.ts';
import { sendError } from './reply.ts';
import { loadOrCreateToken, tokensEqual } from './token.ts';
import { DEFAULT_MAX_KEPT_UPLOAD_BYTES, DEFAULT_UPLOAD_TTL_MS, UploadArea } from './uploads.ts';
import { FilePolicy } from './file-policy.ts';
import { verifyApiToken } from './api-tokens.ts';
import { openDatabase } from '../engine/store/open.ts';

/** Files in one upload request: a dropped folder (a notes vault, a Takeout) comes as one request. */
const MAX_UPLOAD_FILES = 5000;
import { registerRpcRoutes } from './routes/rpc.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerDataMigrationRoutes } from './routes/data-migration.ts';
import { registerFileRoutes } from './routes/files.ts';
import { registerRejectsRoutes } from './routes/rejects.ts';
import { registerStaticRoutes } from './routes/static.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';

export interface StartServerOptions {
  storePath: string;
  host?: string;
  /** 0 picks any free port. */
  port?: number;
  /** Else CONTEXT_STORE_TOKEN, else the token file next to the store (created on first start). */
  token?: string;
  /** The built renderer; default `out/renderer` of this project; null serves no UI. */
  staticDir?: string | null;
  /** Largest accepted upload, per file (413 beyond). */
  maxUploadBytes?: number;
  /** Largest accepted JSON body (413 beyond). */
  maxJsonBytes?: number;
  maxConcurrentUploads?: number;
  /** Total bytes of uploads kept for later calls (`POST /api/files`), and how long an unused one stays. */
  maxKeptUploadBytes?: number;
  uploadTtlMs?: number;
  /** Builds the operation runner (the operations layer's worker runner, for example). */
  runner?: ServiceOptions['runner'];
  /** Use this service instead of opening one (it is then not closed by close()). */
  service?: ContextStoreService;
  exportDir?: string;
  /** Folders REST imports may read besides uploads (`serve --allow-dir`, repeatable). */
  allowDirs?: string[];
  /** Told of each refused authentication (serve logs it). */
  onAuthFailure?: (route: string, count: number, remote: string | undefined) => void;
}

export interface RunningServer {
  url: string;
  /** The one URL that opens the app signed in: the token rides in the fragment, which never reaches a server or a log. */
  openUrl: string;
  /** Every route registered (method and pattern), for tests that walk the route table. */
  routes: { method: string; url: string }[];
  /** Refused authentications so far, per `METHOD /route`. */
  authFailures: Map<string, number>;
  host: string;
  port: number;
  token: string;
  service: ContextStoreService;
  /** Where uploads wait (removed on close). */
  uploadDir: string;
  close(): Promise<void>;
}

export { DEFAULT_HOST, DEFAULT_PORT };
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAX_JSON_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 4;

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../out/renderer', import.meta.url));
}

/**
 * Starts the server, or fails having closed what it opened: a start that throws (an `--allow-dir` that does not
 * exist, a port in use) leaves no store handle, no worker and no upload folder behind.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const token = loadOrCreateToken(options.storePath, options.token);
  const undo: (() => unknown)[] = [];
  try {
    return await startWith(options, token, undo);
  } catch (error) {
    for (const step of undo.reverse()) await step();
    throw error;
  }
}

async function startWith(options: StartServerOptions, token: string, undo: (() => unknown)[]): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;
  const ownsService = !options.service;
  const service = options.service ?? new ContextStoreService({ storePath: options.storePath, runner: options.runner, exportDir: options.exportDir });
  if (ownsService) undo.push(() => service.close());
  const uploads = new UploadArea(
    path.join(os.tmpdir(), `context-store-uploads-${crypto.randomBytes(6).toString('hex')}`),
    options.maxConcurrentUploads ?? DEFAULT_MAX_CONCURRENT_UPLOADS,
    {
      maxBytes: options.maxKeptUploadBytes ?? DEFAULT_MAX_KEPT_UPLOAD_BYTES,
      ttlMs: options.uploadTtlMs ?? DEFAULT_UPLOAD_TTL_MS,
    },
  );
  undo.push(() => uploads.removeAll());
  const ctx: ServerContext = {
    service,
    exports: new ExportRegistry(),
    uploads,
    token,
    policy: new FilePolicy({ uploadDir: uploads.dir, exportDir: service.exportDir, allowDirs: options.allowDirs, storePath: service.store.path }),
    staticDir: options.staticDir === undefined ? defaultStaticDir() : options.staticDir,
    streams: new Set(),
  };
  // Exports made by any path of this service (RPC, seed route, another client) become downloadable.
  const onFinished = (event: { type: string; result: unknown }) => {
    if (event.type === 'export') ctx.exports.register(event.result as ExportResult);
  };
  service.events.on('operation.finished', onFinished);
  undo.push(() => service.events.off('operation.finished', onFinished));

  const app = Fastify({
    logger: false,
    bodyLimit: options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
    trustProxy: false,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  let boundPort = requestedPort;

  // One JSON parser (depth capped, __proto__ kept as data), no text/plain: writes are JSON or multipart only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  const authFailures = new Map<string, number>();
  // Stamps a token's last use without ever waiting for an import that holds the writer.
  const touchDb = service.store.path === ':memory:' ? undefined : openDatabase(service.store.path, { busyTimeoutMs: 0, migrate: false });
  undo.push(() => touchDb?.close());
  undo.push(() => app.close());
  // Host, origin, content type and token, before anything else runs (registered before any plugin's hooks).
  app.addHook(
    'onRequest',
    createGuard({
      host,
      port: () => boundPort,
      // The first-start token is the admin one; named tokens (`context-store tokens create`) live in the store.
      authenticate: (given) => (tokensEqual(given, token) ? { name: 'admin', scope: 'admin' } : verifyApiToken(service.store.db, given, touchDb)),
      onAuthFailure: (route, request) => {
        const count = (authFailures.get(route) ?? 0) + 1;
        authFailures.set(route, count);
        options.onAuthFailure?.(route, count, request.ip);
      },
    }),
  );
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      files: MAX_UPLOAD_FILES,
      fields: MAX_UPLOAD_FILES + 32,
      fieldSize: 1024 * 1024,
      parts: 2 * MAX_UPLOAD_FILES + 64,
      headerPairs: 200,
    },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (isErrorValue(error) && (error as { name?: string }).name === 'AppError') return sendError(reply, toErrorValue(error));
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(reply, { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than this server accepts.' }, 413);
    if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, { code: 'BAD_ARGUMENT', message: 'Send a JSON (application/json) or multipart/form-data body.' }, 415);
    if (status >= 400 && status < 500)
      return sendError(reply, { code: 'BAD_ARGUMENT', message: error.message || 'Bad request.' }, status === 400 ? 400 : status);
    // Unexpected: the message only, never a stack.
    return sendError(reply, { code: 'INTERNAL', message: `Internal error: ${error.message}` }, 500);
  });
  let sendPage: ((reply: FastifyReply) => Promise<FastifyReply>) | undefined;
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === API_PREFIX || request.url.startsWith(`${API_PREFIX}/`);
    // A deep link into the single-page app (a page, not a file) gets the app.
    const wantsPage =
      request.method === 'GET' && !isApi && !path.extname(request.url.split('?')[0]!) && String(request.headers.accept ?? '').includes('text/html');
    if (wantsPage && sendPage) return sendPage(reply);
    return sendError(reply, { code: 'NOT_FOUND', message: isApi ? `No route ${request.method} ${request.url.split('?')[0]}.` : 'Not found.' }, 404);
  });

  registerRpcRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerDataMigrationRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerRejectsRoutes(app, ctx);
  sendPage = await registerStaticRoutes(app, ctx);

  await app.listen({ host, port: requestedPort });
  const address = app.server.address();
  boundPort = typeof address === 'object' && address ? address.port : requestedPort;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${boundPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    openUrl: `${url}/#token=${encodeURIComponent(token)}`,
    routes,
    authFailures,
    host,
    port: boundPort,
    token,
    service,
    uploadDir: uploads.dir,
    close() {
      closing ??= (async () => {
        for (const end of [...ctx.streams]) end();
        await app.close();
        service.events.off('operation.finished', onFinished);
        if (ownsService) await service.close();
        await uploads.removeAll();
        touchDb?.close();
      })();
      return closing;
    },
  };
}
