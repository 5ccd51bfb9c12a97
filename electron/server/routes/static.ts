/**
 * The browser host: the built renderer (out/renderer) at `/`, with a strict CSP (no inline script). The page
 * holds no secret (anyone on the machine may fetch it): the browser gets its credential from the one-time URL
 * `serve` prints (`/#token=...`; a fragment never reaches the server or its logs), the way notebook servers do.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { APP_CSP } from '../../../shared/csp.ts';
import type { ServerContext } from '../context.ts';

/** The same policy the desktop window's page gets (shared/csp.ts), as a header: the page carries none. */
export const PAGE_CSP = APP_CSP;

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', PAGE_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin')
    .header('Cross-Origin-Resource-Policy', 'same-origin');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Context Store</title></head>
<body><h1>Context Store</h1><p>The user interface has not been built yet. Run <code>npx electron-vite build</code>
in the project folder, then reload this page. The REST API under <code>/api</code> works already.</p></body></html>`;

/** Registers the page and the assets; answers the function that sends the page (for deep links). */
export async function registerStaticRoutes(app: FastifyInstance, ctx: ServerContext): Promise<(reply: FastifyReply) => Promise<FastifyReply>> {
  const dir = ctx.staticDir;
  const indexFile = dir ? path.join(dir, 'index.html') : null;
  const built = indexFile !== null && fs.existsSync(indexFile);

  const sendIndex = async (_request: unknown, reply: FastifyReply): Promise<FastifyReply> => {
    pageHeaders(reply).header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    if (!built) return reply.send(NOT_BUILT);
    return reply.send(await fs.promises.readFile(indexFile!, 'utf8'));
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  // Browsers ask for it unprompted; an empty answer beats a 404 in the console when the UI ships none.
  const favicon = dir ? path.join(dir, 'favicon.ico') : null;
  app.get('/favicon.ico', async (_request, reply) => {
    if (favicon && fs.existsSync(favicon)) return reply.type('image/x-icon').send(await fs.promises.readFile(favicon));
    return reply.code(204).send();
  });

  if (built) {
    await app.register(fastifyStatic, {
      root: dir!,
      prefix: '/',
      index: false,
      wildcard: true,
      dotfiles: 'deny',
      setHeaders: (res) => {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      },
    });
  }
  return (reply) => sendIndex(undefined, reply);
}
