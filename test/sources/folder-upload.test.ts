import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { createHttpClient, type HttpClient } from '../../renderer/src/client/http-client.ts';
import { tempDir } from '../helpers.ts';

const VAULT = path.resolve(__dirname, '../fixtures/real/joplin-notes');
let server: RunningServer;
let client: HttpClient;
let dir: string;

beforeAll(async () => {
  dir = tempDir('cs-folder-upload-');
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, token: 'test-token-0123456789abcdef-0123456789abcdef' });
  client = createHttpClient({ baseUrl: server.url, token: server.token });
});
afterAll(async () => {
  client?.close();
  await server?.close();
});

describe('a dropped folder uploads as one input (the browser host)', () => {
  it('files sent with relativePath fields come back as their folder, which imports like a folder on disk', async () => {
    const form = new FormData();
    for (const name of fs.readdirSync(VAULT)) {
      form.append('relativePath', `joplin-notes/${name}`);
      form.append('file', new Blob([fs.readFileSync(path.join(VAULT, name))]), name);
    }
    form.append('relativePath', 'joplin-notes/../../escape.md');
    form.append('file', new Blob(['# Escaped?\n']), 'escape.md');
    const response = await client.request('/api/files', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as { path: string; name: string };
    expect(uploaded.name).toBe('joplin-notes');
    expect(uploaded.path.startsWith(server.uploadDir)).toBe(true);
    const result = await client.call('importData', { files: [uploaded.path], options: {} });
    expect(result.inputs[0]!.source!.id).toBe('markdown-notes');
    // 3 notes + the escape attempt, kept inside the folder; 1 session for the folder.
    expect(result.insertedRecords).toBe(5);
    // Its messages name the files as the browser sent them, not the server's temp copies.
    const said = JSON.stringify([result.warnings, result.errors, result.inputs]);
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(said).not.toContain(server.uploadDir);
    expect(said).toContain('joplin-notes');
  });

  it("a file's lastModified sent with it is its time on the server: a note without a date is dated by it, not by the upload", async () => {
    const form = new FormData();
    const when = Date.parse('2023-09-12T08:30:00.000Z');
    form.append('relativePath', 'vault/Daily/2023-09-12.md');
    form.append('lastModified', String(when));
    form.append('file', new Blob(['# A daily note\n\nno front matter\n']), '2023-09-12.md');
    form.append('relativePath', 'vault/Other.md');
    form.append('lastModified', 'not a time');
    form.append('file', new Blob(['# Other\n']), 'Other.md');
    const response = await client.request('/api/files', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as { path: string };
    expect(fs.statSync(path.join(uploaded.path, 'Daily', '2023-09-12.md')).mtimeMs).toBe(when);
    const result = await client.call('importData', { files: [uploaded.path], options: { dryRun: true } });
    const daily = result.outcomes!.find((o) => (o.after as { title?: string } | undefined)?.title === 'A daily note');
    expect((daily!.after as { createdAt: string }).createdAt).toBe('2023-09-12T08:30:00.000Z');
  });
});
