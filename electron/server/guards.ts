/**
 * The checks every request passes before any route runs, in this order (docs/security.md, "The local REST API"):
 * 1. the Host header names the bound address (DNS rebinding), 2. no foreign Origin / cross-site fetch,
 * 3. writes carry a JSON or multipart body (no form posts), 4. every route needs `Authorization: Bearer
 * <token>` except the explicit allowlist of the page and its static assets.
 *
 * Protection is decided by the route the router matched (after it decoded the path), never by comparing the raw
 * URL with a prefix: `/%61pi/...` is routed to `/api/...` and so needs the token like `/api/...` does.
 */
import net from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from './token.ts';
import { scopeAllows, scopeForRoute } from './scopes.ts';
import { sendError } from './reply.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host names (without port) a request may use to reach a server bound to `host`. */
export function allowedHostNames(host: string): Set<string> {
  const names = new Set<string>();
  const bracket = (h: string) => (net.isIPv6(h) ? `[${h}]` : h);
  names.add(bracket(host).toLowerCase());
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '::1';
  const wildcard = host === '0.0.0.0' || host === '::';
  if (loopback || wildcard) for (const name of LOOPBACK_NAMES) names.add(name);
  return names;
}

/** Splits `name:port` (with `[v6]:port`) into its parts; undefined when malformed. */
function splitHost(header: string): { name: string; port: string | undefined } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), port: match[2] };
}

/** Host check: the name is one the server answers to (an IP literal when bound to a wildcard) and the port matches. */
export function isAllowedHost(header: string | undefined, boundHost: string, port: number): boolean {
  if (!header) return false;
  const parts = splitHost(header);
  if (!parts) return false;
  if ((parts.port ?? '80') !== String(port)) return false;
  if (allowedHostNames(boundHost).has(parts.name)) return true;
  // Bound to every interface on purpose: any IP literal is fine (a rebinding attack needs a DNS name).
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    const bare = parts.name.replace(/^\[|\]$/g, '');
    return net.isIP(bare) !== 0;
  }
  return false;
}

/** The routes anyone on the machine may fetch: the page (which holds no secret) and its assets. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/', '/index.html', '/favicon.ico', '/*']);

/** Who a valid token belongs to. */
export interface Principal {
  name: string;
  scope: string;
}

export interface GuardOptions {
  host: string;
  port: () => number;
  /** The principal a presented token (or session cookie) stands for, or undefined when it is not valid. */
  authenticate: (token: string) => Principal | undefined;
  /** Told of each refused authentication, with the route pattern it was for. */
  onAuthFailure?: (route: string, request: FastifyRequest) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createGuard(options: GuardOptions) {
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const port = options.port();
    const hostHeader = request.headers.host;
    if (!isAllowedHost(hostHeader, options.host, port)) {
      sendError(reply, { code: 'FORBIDDEN', message: 'This server answers only to its own address; the Host header does not match it.' }, 403);
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${hostHeader}`.toLowerCase()) {
      sendError(reply, { code: 'FORBIDDEN', message: 'Requests from other origins are refused.' }, 403);
      return;
    }
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      sendError(reply, { code: 'FORBIDDEN', message: 'Cross-site requests are refused.' }, 403);
      return;
    }
    if (WRITE_METHODS.has(request.method) && hasBody(request)) {
      const type = (request.headers['content-type'] ?? '').toLowerCase();
      if (!type.startsWith('application/json') && !type.startsWith('multipart/form-data')) {
        sendError(reply, { code: 'BAD_ARGUMENT', message: 'Send a JSON (application/json) or multipart/form-data body.' }, 415);
        return;
      }
    }
    // The matched route, not the URL string. No route matched: the not-found handler answers 404 (or the page).
    const route = request.routeOptions.url;
    if (route === undefined || PUBLIC_ROUTES.has(route)) return;
    const given = bearerToken(request.headers.authorization);
    const principal = given ? options.authenticate(given) : undefined;
    if (!principal) {
      options.onAuthFailure?.(`${request.method} ${route}`, request);
      sendError(
        reply,
        { code: 'UNAUTHORIZED', message: 'A valid "Authorization: Bearer <token>" header is required (the token is printed by `context-store serve`).' },
        401,
      );
      return;
    }
    const needed = scopeForRoute(request.method, route, request.params);
    if (!scopeAllows(principal.scope, needed)) {
      sendError(
        reply,
        {
          code: 'FORBIDDEN',
          message: `The token "${principal.name}" has the "${principal.scope}" scope; this needs the "${needed}" scope (or admin).`,
          data: { scopeNeeded: needed },
        },
        403,
      );
      return;
    }
    request.principal = principal;
  };
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (request.headers['transfer-encoding'] !== undefined) return true;
  return length !== undefined && length !== '0';
}
