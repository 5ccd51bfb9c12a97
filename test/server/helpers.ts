/** Raw HTTP against a real server: node:http, so tests control every header (Host, Origin, Content-Type). */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export function raw(
  url: string,
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: urlPath,
        headers: options.headers ?? {},
        setHost: !options.headers?.Host && !options.headers?.host,
        // A fresh connection each time: Node's default agent keeps sockets alive, and one the server reset (a
        // refused huge header) could be reused by the next request and fail it with ECONNRESET.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** A multipart/form-data body built by hand, so a test can send exactly what it means to. */
export function multipart(parts: ({ name: string; value: string } | { name: string; filename: string; content: Buffer | string; type?: string })[]) {
  const boundary = `----cstest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function tempDir(prefix = 'cs-server-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function contextsJson(count: number, prefix = 'c'): string {
  const records = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    title: `Title ${i + 1}`,
    content: `Content ${i + 1}`,
    type: 'note',
    tags: ['t'],
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
  return JSON.stringify(records);
}
