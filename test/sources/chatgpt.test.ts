/**
 * The ChatGPT preset on real exports (test/fixtures/real/SOURCES.md), imported through the real CLI, compared
 * with what ChatGPT shows for those conversations: titles, the visible thread in order, roles, models, dates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/chatgpt');
const PKUPPENS = path.join(REAL, 'pkuppens/conversations.json');
const CODE_INTERPRETER = path.join(REAL, 'realazthat/conversations.json');

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function storeAt(db: string) {
  const store = Store.open(db);
  opened.push(store);
  const contexts = store.contexts.list({}, 10_000, 0) as Context[];
  const sessions = store.sessions.list({}, 10_000, 0) as Session[];
  const thread = (sessionName: string) =>
    contexts
      .filter((c) => c.sessionId === sessions.find((s) => s.name === sessionName)!.id)
      .sort((a, b) => (a.metadata!.position as number) - (b.metadata!.position as number));
  return { store, contexts, sessions, thread };
}

interface Result {
  status: string;
  totalRecords: number;
  insertedRecords: number;
  unchangedRecords: number;
  warnings: string[];
  inputs: { source: { id: string; counts: Record<string, number>; summary: string } }[];
}

describe('chatgpt source, real conversations.json (pkuppens/my_chat_gpt export, 2023)', () => {
  it('detects it and says so: conversations and messages counted, the dropped branch counted and named', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', PKUPPENS], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: ChatGPT export — 4 conversations, 25 messages');
    expect(run.stdout).toMatch(
      /1 message\(s\) on other branches .* were not imported; the option "Other branches: keep" imports them \(--source-option branches=keep\)/,
    );
  });

  it('a conversation is a session, the visible thread its contexts: roles, order, model, dates as ChatGPT shows them', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', PKUPPENS, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.counts).toMatchObject({ conversations: 4, messages: 25, 'messages on other branches dropped': 1 });
    const { sessions, thread, contexts } = storeAt(db);
    expect(sessions.map((s) => s.name).sort()).toEqual([
      'Agile Embraces Constant Change.',
      'CORS uitleg.',
      'Improve Website Recommendations.',
      'Logo design for Pieterkuppens.net.',
    ]);
    const agile = sessions.find((s) => s.name === 'Agile Embraces Constant Change.')!;
    expect(agile.createdAt).toBe('2023-03-31T07:39:52.326Z');
    expect(agile.metadata).toMatchObject({ source: 'chatgpt', sourceId: 'conversation:2fd62004-b0cf-443d-af15-d1df7a44e1bb' });

    const [question, answer] = thread('Agile Embraces Constant Change.');
    expect(question).toMatchObject({ type: 'user', tags: ['user'], content: "What is the philosophy behind Agile's change as a constant in a single line?" });
    expect(answer).toMatchObject({ type: 'assistant', content: 'Embrace change for continuous improvement and adaptation.' });
    expect(answer!.metadata).toMatchObject({ role: 'assistant', model: 'gpt-4', position: 2, conversationId: '2fd62004-b0cf-443d-af15-d1df7a44e1bb' });
    expect(answer!.createdAt).toBe('2023-03-31T07:39:58.237Z');

    // 14 messages on the thread; the regenerated answer ChatGPT no longer shows is not among them.
    const logo = thread('Logo design for Pieterkuppens.net.');
    expect(logo).toHaveLength(14);
    expect(logo.map((m) => m.type)).toEqual(Array.from({ length: 14 }, (_, i) => (i % 2 ? 'assistant' : 'user')));
    expect(logo[0]!.content).toMatch(/^I want you to act as a business logo designer\./);
    expect(logo[7]!.content).toMatch(/^We could consider adding a third color/);
    expect(contexts.some((c) => /^If you'd like a third color/.test(c.content))).toBe(false);
    expect(logo[13]!.content).toMatch(/^Sure, here's a text description of the logo that DALL-E could potentially generate/);

    // The hidden system message and the browsing tool's output are not messages a person reads.
    const website = thread('Improve Website Recommendations.');
    expect(website.map((m) => m.type)).toEqual(['user', 'assistant', 'assistant', 'user', 'assistant', 'assistant', 'assistant']);
    expect(website[1]!.metadata).toMatchObject({ contentType: 'code', model: 'gpt-4-browsing' });
    expect(website[1]!.content.startsWith('```\n')).toBe(true);
    expect(contexts.every((c) => c.content.trim() !== '')).toBe(true);
  });

  it('a second import with --match source finds every record: 0 inserted, all unchanged', () => {
    const db = path.join(tempDir(), 'store.db');
    expect(cli(['import', PKUPPENS], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const again = cli(['import', PKUPPENS, '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.code).toBe(0);
    const result = again.json<Result>();
    expect(result.insertedRecords).toBe(0);
    expect(result.unchangedRecords).toBe(result.totalRecords);
    expect(result.totalRecords).toBe(29);
  });

  it('branches=keep imports the other branch too, marked as not on the visible thread', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', PKUPPENS, '--source-option', 'branches=keep'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    const { contexts } = storeAt(db);
    const regenerated = contexts.find((c) => /^If you'd like a third color/.test(c.content))!;
    expect(regenerated.metadata).toMatchObject({ onVisibleThread: false, role: 'assistant' });
    expect(contexts.filter((c) => c.metadata!.onVisibleThread === true)).toHaveLength(25);
  });

  it('--as transcript: one context per conversation, a Markdown transcript of the visible thread', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', PKUPPENS, '--as', 'transcript'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected: ChatGPT export — 4 conversations, 4 transcripts');
    const { contexts } = storeAt(db);
    expect(contexts).toHaveLength(4);
    const agile = contexts.find((c) => c.title === 'Agile Embraces Constant Change.')!;
    expect(agile.type).toBe('transcript');
    expect(agile.content).toBe(
      "# Agile Embraces Constant Change.\n\n## User (2023-03-31T07:39:52.328Z)\n\nWhat is the philosophy behind Agile's change as a constant in a single line?\n\n" +
        '## Assistant (gpt-4 · 2023-03-31T07:39:58.237Z)\n\nEmbrace change for continuous improvement and adaptation.\n',
    );
  });

  it('reads the export zip (conversations.json beside chat.html) and says what it did not read', () => {
    const dir = tempDir();
    const folder = path.join(dir, 'export');
    fs.mkdirSync(folder);
    fs.copyFileSync(PKUPPENS, path.join(folder, 'conversations.json'));
    fs.writeFileSync(path.join(folder, 'chat.html'), '<html></html>');
    const zip = path.join(dir, 'chatgpt-export.zip');
    execFileSync('python3', ['-c', `import shutil; shutil.make_archive(${JSON.stringify(zip.replace(/\.zip$/, ''))}, 'zip', ${JSON.stringify(folder)})`]);
    const run = cli(['import', zip, '--dry-run', '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.summary).toMatch(/^ChatGPT export — 4 conversations, 25 messages/);
    expect(result.warnings.some((w) => w.includes('not read: chat.html'))).toBe(true);
  });
});

describe('chatgpt source, real code-interpreter conversation (realazthat/chatgpt2graph example export)', () => {
  it('code cells are fenced code, tool output and hidden system messages are skipped and counted', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', CODE_INTERPRETER, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.counts).toMatchObject({ conversations: 1, messages: 31, 'tool messages skipped': 11 });
    const { sessions, thread } = storeAt(db);
    expect(sessions[0]).toMatchObject({ name: 'Average Distance in U(0,1)', createdAt: '2023-09-21T19:57:53.969Z' });
    const messages = thread('Average Distance in U(0,1)');
    expect(messages[0]).toMatchObject({
      type: 'user',
      content: 'given two random independent variables x,y in U(0,1), what is the average distance between them?\n\n\n',
    });
    expect(messages[2]!.content).toBe(
      "```\nfrom sympy import symbols, integrate, Abs\n\nx, y = symbols('x y')\nexpression = Abs(x - y)\nintegral = integrate(integrate(expression, (x, 0, 1)), (y, 0, 1))\nintegral\n```",
    );
    expect(messages[2]!.title).toBe('from sympy import symbols, integrate, Abs');
    expect(messages.every((m) => m.metadata!.model === undefined || m.metadata!.model === 'gpt-4-code-interpreter')).toBe(true);
    expect(messages.filter((m) => m.type === 'user')).toHaveLength(8);
  });
});
