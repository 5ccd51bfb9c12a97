/**
 * The browser host: the built renderer (out/renderer) at `/`. index.html gets the API token as a meta tag,
 * so the token never appears in a URL, and a strict CSP (no inline script) as a header. Other origins cannot
 * read this page (no CORS headers, the Host check stops DNS rebinding), so only this origin learns the token.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { TOKEN_META_NAME } from '../../../shared/http.ts';
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

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${escapeAttr(token)}" />`;
  return html.includes('</head>') ? html.replace('</head>', `    ${meta}\n  </head>`) : `${meta}\n${html}`;
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
    const html = await fs.promises.readFile(indexFile!, 'utf8');
    return reply.send(injectToken(html, ctx.token));
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
