/** The browser host's one HTTP client, for this page's origin and the token of the one-time URL `serve` printed (see readPageToken). */
import { readPageToken } from './host.ts';
import { createHttpClient, type HttpClient } from './http-client.ts';

let httpClient: HttpClient | undefined;

export function getHttpClient(): HttpClient {
  httpClient ??= createHttpClient({ baseUrl: '', token: readPageToken() });
  return httpClient;
}
