/**
 * What the REST host answers about an uploaded file names it as the client sent it (`Voice recording.json`),
 * never by the server's temporary upload path: `inputs[].file`, and also the warnings and error messages the
 * pipeline builds with the file's path. Real Keep note whose attachment is not in the upload
 * (obsidianmd/obsidian-importer, test/fixtures/real/SOURCES.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { multipart, raw, tempDir } from './helpers.ts';

const VOICE = path.resolve(__dirname, '../fixtures/real/keep-voice/Voice recording.json');

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ storePath: path.join(dir, 'store.db'), port: 0, staticDir: null });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (route: string, filename: string, content: Buffer | string, options: Record<string, unknown> = {}) => {
  const form = multipart([
    { name: 'file', filename, content },
    { name: 'options', value: JSON.stringify(options) },
  ]);
  return raw(server.url, 'POST', route, { headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': form.contentType }, body: form.body });
};

describe('REST: an uploaded file is named as the client sent it', () => {
  it('import: a record warning names "Voice recording.json", not the upload folder', async () => {
    const response = await upload('/api/data-migration/import', 'Voice recording.json', fs.readFileSync(VOICE), { dryRun: true });
    expect(response.status).toBe(200);
    expect(response.json.inputs[0].file).toBe('Voice recording.json');
    const warning = (response.json.warnings as string[]).find((w) => w.includes('is not in the export'));
    expect(warning).toMatch(/^record 1: Voice recording\.json: attachment /);
    expect(response.text).not.toContain(server.uploadDir);
  });

  it('validate: the same', async () => {
    const response = await upload('/api/data-migration/validate', 'Voice recording.json', fs.readFileSync(VOICE));
    expect(response.json.inputs[0].file).toBe('Voice recording.json');
    expect((response.json.warnings as string[]).some((w) => w.startsWith('record 1: Voice recording.json: attachment '))).toBe(true);
    expect(response.text).not.toContain(server.uploadDir);
  });

  it('record error messages and their file name it too', async () => {
    // A ChatGPT export whose second item is not a conversation: its error names the entry it is in.
    const conversations = JSON.stringify([
      { conversation_id: 'c1', title: 'One', create_time: 1_700_000_000, mapping: {}, current_node: null },
      { conversation_id: 'c2', title: 'Two', create_time: 1_700_000_000, mapping: null },
    ]);
    const response = await upload('/api/data-migration/import', 'conversations.json', conversations, { dryRun: true, errorHandling: 'lenient' });
    const error = (response.json.errors as { error: string; file?: string }[]).find((e) => e.error.includes('not a ChatGPT conversation'));
    expect(error?.error).toMatch(/^conversations\.json, conversation 2 /);
    expect(error?.file).toBe('conversations.json');
    expect(response.text).not.toContain(server.uploadDir);
  });

  it('a dropped folder: the files its import did not read are named, by the folder the client sent', async () => {
    const form = multipart([
      { name: 'relativePath', value: 'notes/idea.md' },
      { name: 'file', filename: 'idea.md', content: '---\ncreated: 2024-01-01\n---\n# Idea\n' },
      { name: 'relativePath', value: 'notes/report.docx' },
      { name: 'file', filename: 'report.docx', content: Buffer.from([0, 1, 2, 3]) },
      { name: 'options', value: JSON.stringify({ dryRun: true }) },
    ]);
    const response = await raw(server.url, 'POST', '/api/data-migration/import', {
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': form.contentType },
      body: form.body,
    });
    expect(response.status).toBe(200);
    expect(response.json.totalRecords).toBe(2); // the note and its folder's session
    expect(response.json.warnings).toContain('notes: not a format or source this app reads, not read: report.docx.');
    expect(response.text).not.toContain(server.uploadDir);
  });
});
