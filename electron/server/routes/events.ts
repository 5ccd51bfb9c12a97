/**
 * `GET /api/events`: server-sent events, `event: <name>` and `data: <json>` per service event, a comment line
 * every 15 s to keep proxies and idle timers quiet. Read with fetch (so the token stays in a header).
 */
import type { FastifyInstance } from 'fastify';
import { EVENT_NAMES } from '../../../shared/events.ts';
import { EVENTS_PATH } from '../../../shared/http.ts';
import type { ServerContext } from '../context.ts';

const HEARTBEAT_MS = 15_000;

export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(EVENTS_PATH, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    const unsubscribers = EVENT_NAMES.map((name) => {
      const listener = (payload: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      ctx.service.events.on(name, listener);
      return () => ctx.service.events.off(name, listener);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      for (const off of unsubscribers) off();
      ctx.streams.delete(end);
      res.end();
    };
    ctx.streams.add(end);
    request.raw.on('close', end);
  });
}
