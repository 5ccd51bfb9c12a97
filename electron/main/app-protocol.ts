/**
 * The desktop window's page comes from `app://context-store/`, a privileged standard scheme answered from the
 * built renderer folder. file:// pages have the opaque origin `null`, and with the
 * grantFileProtocolExtraPrivileges fuse off Chromium refuses their module scripts: the packaged window was
 * blank. A real origin also gives the IPC sender check something exact to compare.
 *
 * The handler is a plain function from Request to Response (no 'electron' import), so tests serve it to
 * Chromium exactly as Electron's protocol.handle does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_CSP } from '../../shared/csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'context-store';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The privileges the scheme is registered with (protocol.registerSchemesAsPrivileged, before ready). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function headers(type: string): Headers {
  return new Headers({
    'Content-Type': type,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
}

const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  let resolvedRoot: string | undefined;
  return async (request) => {
    // Resolved on first use: the folder may be built after the handler is made (tests, a first start).
    resolvedRoot ??= fs.existsSync(rendererDir) ? fs.realpathSync(rendererDir) : undefined;
    const root = resolvedRoot;
    if (!root) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    // A page of the single-page app (no extension) is the index; everything else is a file of the build.
    if (relative === '/' || !path.extname(relative)) relative = '/index.html';
    const candidate = path.resolve(root, `.${path.posix.normalize(relative)}`);
    let real: string;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      return notFound();
    }
    // Realpath-checked: neither `..` nor a link leads out of the renderer folder.
    if (real !== root && !real.startsWith(root + path.sep)) return notFound();
    const stat = fs.statSync(real);
    if (!stat.isFile()) return notFound();
    const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(real);
    return new Response(body, { status: 200, headers: headers(type) });
  };
}
