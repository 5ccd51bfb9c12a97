/**
 * The Claude preset on a real export folder (conversations.json, projects.json, users.json: see
 * test/fixtures/real/SOURCES.md), imported through the real CLI and compared with what Claude shows; then the
 * shapes the real file does not have (attachments, tool use, older exports) on a file written here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const EXPORT = path.resolve(__dirname, '../fixtures/real/claude/yaleman');

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function storeAt(db: string) {
  const store = Store.open(db);
  opened.push(store);
  return { store, contexts: store.contexts.list({}, 10_000, 0) as Context[], sessions: store.sessions.list({}, 10_000, 0) as Session[] };
}

interface Result {
  totalRecords: number;
  insertedRecords: number;
  unchangedRecords: number;
  warnings: string[];
  inputs: { format: string; source?: { id: string; counts: Record<string, number>; summary: string } }[];
}

describe('claude source, a real Claude export folder (yaleman/anthropic-data test data)', () => {
  it('is detected as a Claude export, not as sessions', () => {
    const run = cli(['import', EXPORT, '--dry-run'], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: Claude export — 1 conversation, 2 messages, 1 project, 1 project document');
    // conversations.json alone too
    const single = cli(['import', path.join(EXPORT, 'conversations.json'), '--dry-run', '--json'], {
      env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') },
    });
    expect(single.json<Result>().inputs[0]!.source!.id).toBe('claude');
  });

  it('a conversation is a session, its messages contexts; the thinking block is not in the answer', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', EXPORT, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.json<Result>().warnings.some((w) => w.includes('not read: users.json'))).toBe(true);
    const { contexts, sessions } = storeAt(db);
    const chat = sessions.find((s) => s.name === 'Bleep bloop')!;
    expect(chat.createdAt).toBe('2025-07-06T03:10:13.076Z');
    expect(chat.metadata).toMatchObject({ source: 'claude', sourceId: 'conversation:b49c0fc0-85d8-475c-bd2d-ee89f31f592c' });
    const messages = contexts.filter((c) => c.sessionId === chat.id).sort((a, b) => (a.metadata!.position as number) - (b.metadata!.position as number));
    expect(messages.map((m) => [m.type, m.tags])).toEqual([
      ['user', ['user']],
      ['assistant', ['assistant']],
    ]);
    expect(messages[0]!.content).toBe('Tell me about the facts behind the belief that dog saliva is anti bacterial etc');
    expect(messages[0]!.createdAt).toBe('2025-07-06T03:10:13.609Z');
    const answer = messages[1]!;
    expect(answer.content.startsWith('Dog saliva does contain some antibacterial compounds - lysozyme, lactoferrin, and histatins')).toBe(true);
    expect(answer.content.endsWith("It's mostly just spit full of germs.")).toBe(true);
    expect(answer.content).not.toContain('The user is asking about the belief');
    expect(answer.metadata!.thinking).toMatch(/^The user is asking about the belief that dog saliva has antibacterial properties\./);
    expect(answer.metadata).toMatchObject({ messageId: '0abf9869-20f7-4b45-99e3-4381e9d37317', position: 2 });

    // projects.json: the project is a session, its knowledge document a context in it.
    const project = sessions.find((s) => s.name === 'How to use Claude')!;
    expect(project.description).toMatch(/^An example project that also doubles as a how-to guide/);
    const doc = contexts.find((c) => c.sessionId === project.id)!;
    expect(doc).toMatchObject({ title: 'Claude prompting guide.md', type: 'document' });
    expect(doc.content.trimStart().startsWith('# Claude prompting guide')).toBe(true);
  });

  it('a second import with --match source: 0 inserted, everything unchanged', () => {
    const db = path.join(tempDir(), 'store.db');
    expect(cli(['import', EXPORT], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const again = cli(['import', EXPORT, '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    const result = again.json<Result>();
    expect(result.totalRecords).toBe(5);
    expect(result.insertedRecords).toBe(0);
    expect(result.unchangedRecords).toBe(5);
  });

  it('--as transcript: one Markdown transcript per conversation', () => {
    const db = path.join(tempDir(), 'store.db');
    expect(cli(['import', path.join(EXPORT, 'conversations.json'), '--as', 'transcript'], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const { contexts } = storeAt(db);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.type).toBe('transcript');
    expect(contexts[0]!.content).toMatch(/^# Bleep bloop\n\n## User \(2025-07-06T03:10:13\.609Z\)\n\nTell me about the facts/);
    expect(contexts[0]!.content).toContain('## Assistant (2025-07-06T03:10:24.798Z)\n\nDog saliva does contain');
    expect(contexts[0]!.content).not.toContain('The user is asking');
  });
});

describe("claude source, shapes the real file lacks (written here in the export's shape)", () => {
  it('attachments keep their extracted text; tool_use is one line, tool_result skipped and counted; an old export uses text', () => {
    const dir = tempDir();
    const file = path.join(dir, 'conversations.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          uuid: 'c1',
          name: 'Rust lifetimes',
          created_at: '2026-02-01T09:00:00.000000Z',
          updated_at: '2026-02-01T09:10:00.000000Z',
          chat_messages: [
            {
              uuid: 'm1',
              sender: 'human',
              text: 'Why does this not compile?',
              content: [{ type: 'text', text: 'Why does this not compile?' }],
              created_at: '2026-02-01T09:00:00.000000Z',
              attachments: [
                { file_name: 'main.rs', file_type: 'text/x-rust', file_size: 42, extracted_content: 'fn main() { let r; { let x = 5; r = &x; } }' },
              ],
              files: [{ file_name: 'screenshot.png' }],
            },
            {
              uuid: 'm2',
              sender: 'assistant',
              content: [
                { type: 'text', text: 'Let me check.' },
                { type: 'tool_use', name: 'web_search', input: { query: 'E0597 borrowed value does not live long enough' } },
                { type: 'tool_result', content: [{ type: 'text', text: 'search results' }] },
                { type: 'text', text: '`x` does not live long enough.' },
              ],
              created_at: '2026-02-01T09:01:00.000000Z',
            },
          ],
        },
        {
          uuid: 'c2',
          name: 'Old style export',
          created_at: '2025-06-01T12:00:00Z',
          chat_messages: [
            { uuid: 'o1', sender: 'human', text: 'Give me a name for a cat.', created_at: '2025-06-01T12:00:00Z' },
            { uuid: 'o2', sender: 'assistant', text: '   ' },
          ],
        },
      ]),
    );
    const db = path.join(dir, 'store.db');
    const run = cli(['import', file, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.json<Result>().inputs[0]!.source!.counts).toMatchObject({
      conversations: 2,
      messages: 3,
      attachments: 1,
      'tool results skipped': 1,
      'empty messages skipped': 1,
    });
    const { store, contexts } = storeAt(db);
    const question = store.contexts.get(contexts.find((c) => c.metadata!.messageId === 'm1')!.id, { includeBinaryData: true })!;
    expect(question.attachments).toEqual([expect.objectContaining({ name: 'main.rs', mimeType: 'text/x-rust' })]);
    expect(Buffer.from(question.attachments![0]!.data!, 'base64').toString('utf8')).toBe('fn main() { let r; { let x = 5; r = &x; } }');
    expect(question.metadata).toMatchObject({ files: ['screenshot.png'] });
    const answer = contexts.find((c) => c.metadata!.messageId === 'm2')!;
    expect(answer.content).toBe('Let me check.\n\n[tool: web_search — "E0597 borrowed value does not live long enough"]\n\n`x` does not live long enough.');
    expect(contexts.find((c) => c.metadata!.messageId === 'o1')!.content).toBe('Give me a name for a cat.');
  });
});
