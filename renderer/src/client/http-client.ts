/**
 * The browser host's client: every call is `POST /api/rpc/<name>` with the token in the Authorization header;
 * events come from one shared SSE stream (`GET /api/events`, read with fetch), reconnecting with backoff.
 */
import { EVENT_NAMES, type CallInput, type CallName, type CallOutput, type Client, type EventName, type Events } from '../../../shared/contract.ts';
import { EVENTS_PATH, rpcPath } from '../../../shared/http.ts';
import type { ErrorValue } from '../../../shared/errors.ts';
import { ClientError } from './errors.ts';
import { readEventStream } from './sse.ts';

export interface HttpClientOptions {
  /** '' for the same origin (the browser host); a full origin in tests. */
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
}

export interface HttpClient extends Client {
  /** Authorized fetch against the same server (uploads, downloads). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the event stream. */
  close(): void;
}

export async function errorFromResponse(response: Response): Promise<ClientError> {
  let value: ErrorValue = { code: 'INTERNAL', message: `The server answered ${response.status} ${response.statusText}.` };
  try {
    const body = (await response.json()) as { error?: ErrorValue };
    if (body?.error?.code) value = body.error;
  } catch {
    /* not JSON: keep the status line */
  }
  return new ClientError(value, response.status);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: AbortController | undefined;
  let closed = false;

  const request = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${options.token}`);
    return doFetch(`${base}${path}`, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  };

  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  function openStream(): void {
    if (stream || closed) return;
    const controller = new AbortController();
    stream = controller;
    let delay = 500;
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          const response = await request(EVENTS_PATH, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
          if (!response.ok || !response.body) throw await errorFromResponse(response);
          delay = 500;
          await readEventStream(
            response.body,
            (name, data) => {
              const set = listeners.get(name);
              if (!set || set.size === 0) return;
              let payload: unknown;
              try {
                payload = JSON.parse(data);
              } catch {
                return;
              }
              for (const listener of [...set]) listener(payload);
            },
            controller.signal,
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          // An auth failure will not heal by retrying quickly; anything else is a dropped connection.
          if (error instanceof ClientError && error.status === 401) delay = 10_000;
        }
        if (controller.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    })();
  }

  function closeStream(): void {
    stream?.abort();
    stream = undefined;
  }

  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      let response: Response;
      try {
        response = await request(rpcPath(name), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new ClientError({ code: 'INTERNAL', message: `Cannot reach the Context Store server: ${(error as Error).message}` });
      }
      if (!response.ok) throw await errorFromResponse(response);
      const body = (await response.json()) as { value: CallOutput<K> };
      return body.value;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!EVENT_NAMES.includes(event)) throw new ClientError({ code: 'BAD_ARGUMENT', message: `Unknown event ${String(event)}.` });
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      openStream();
      return () => {
        set!.delete(wrapped);
        if (listenerCount() === 0) closeStream();
      };
    },
    request,
    close() {
      closed = true;
      closeStream();
    },
  };
}
