/**
 * The Slack preset on a real workspace export (hfaran/slack-export-viewer's test archive, unzipped: see
 * test/fixtures/real/SOURCES.md), through runImport and the real CLI, compared with what Slack shows; then the
 * markup, threads and a lone daily file on files written here in the export's shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { importOptions, tempDir, tempStore } from '../helpers.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const EXPORT = path.resolve(__dirname, '../fixtures/real/slack');

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function storeAt(db: string) {
  const store = Store.open(db);
  opened.push(store);
  return { contexts: store.contexts.list({}, 10_000, 0) as Context[], sessions: store.sessions.list({}, 10_000, 0) as Session[] };
}

interface Result {
  totalRecords: number;
  insertedRecords: number;
  unchangedRecords: number;
  failedRecords: number;
  warnings: string[];
  inputs: { source?: { id: string; counts: Record<string, number>; summary: string } }[];
}

function importCli(input: string, db: string, ...args: string[]): Result {
  const run = cli(['import', input, '--json', ...args], { env: { CONTEXT_STORE_DB: db } });
  expect(run.code, run.stderr).toBe(0);
  return run.json<Result>();
}

describe('slack source, a real Slack workspace export (hfaran/slack-export-viewer test archive)', () => {
  it('is detected without --source, the folder and its zip, and says what it did not read', async () => {
    const store = tempStore();
    const result = await runImport(store, [EXPORT], importOptions({ dryRun: true }));
    expect(result.error).toBeUndefined();
    expect(result.inputs[0]!.source).toMatchObject({ id: 'slack', summary: 'Slack export — 2 channels, 158 messages' });
    expect(result.failedRecords).toBe(0);
    expect(result.warnings).toContain(`${EXPORT}: not part of the channels and their messages, not read: integration_logs.json.`);

    const dir = tempDir();
    const zip = path.join(dir, 'slack-export.zip');
    execFileSync('python3', ['-c', `import shutil; shutil.make_archive(${JSON.stringify(zip.replace(/\.zip$/, ''))}, 'zip', ${JSON.stringify(EXPORT)})`]);
    const run = cli(['import', zip, '--dry-run'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Slack export — 2 channels, 158 messages');
  });

  it('a channel is a session, each message a context: readable text, author, type, date, kept details', () => {
    const db = path.join(tempDir(), 'store.db');
    expect(importCli(EXPORT, db).failedRecords).toBe(0);
    const { contexts, sessions } = storeAt(db);
    expect(sessions.map((s) => s.name).sort()).toEqual(['enrique', 'traveling-sailor']);
    const enrique = sessions.find((s) => s.name === 'enrique')!;
    expect(enrique).toMatchObject({ description: '', createdAt: '2016-01-15T05:55:18.000Z' });
    expect(enrique.metadata).toMatchObject({ source: 'slack', sourceId: 'channel:C0JGLMMNX', channelId: 'C0JGLMMNX', kind: 'channel', creator: 'Hamza Faran' });
    expect(contexts).toHaveLength(158);
    const bySourceId = (id: string) => contexts.find((c) => c.metadata!.sourceId === id)!;

    const join = bySourceId('C0JGLMMNX/1452837318.000002');
    expect(join).toMatchObject({
      title: '@Hamza Faran has joined the channel',
      content: '@Hamza Faran has joined the channel',
      type: 'channel_join',
      sessionId: enrique.id,
      createdAt: '2016-01-15T05:55:18.000Z',
    });
    expect(join.metadata).toMatchObject({ source: 'slack', author: 'Hamza Faran', user: 'U0BMQB6JE', ts: '1452837318.000002', channel: 'enrique' });

    // A link and its unfurl: the URL in the text, the unfurl in metadata.
    const link = bySourceId('C0JGLMMNX/1452846025.000011');
    expect(link).toMatchObject({ type: 'message', content: "Here's an example: https://github.com/hfaran/progressive/blob/master/setup.py" });
    expect(link.metadata!.attachments).toEqual([expect.objectContaining({ service_name: 'GitHub', title: 'hfaran/progressive' })]);

    // Slack's escaped quote mark is a quote again.
    const quote = contexts.find((c) => c.content.startsWith('>"Essentially what I\'m getting from this'))!;
    expect(quote.metadata!.author).toBe('heroeshannibal'); // U0BMM2FEH's real_name in users.json

    // A bot's commit notice has no text: its attachment is the content; the reaction on it is kept.
    const bot = bySourceId('C0JGLMMNX/1459154014.000018');
    expect(bot).toMatchObject({
      type: 'bot_message',
      title: '[enrique:master] 1 new commit by hfaran:',
      content:
        '[enrique:master] 1 new commit by hfaran:\n[b698a38](https://github.com/mesos-magellan/enrique/commit/b698a38dabbd81c51029f163e74bcd76115e9c2f): Implement killTask; resolves #20 - hfaran',
      createdAt: '2016-03-28T08:33:34.000Z',
    });
    expect(bot.metadata).toMatchObject({ author: 'B0JL6RASU', bot_id: 'B0JL6RASU', reactions: [{ name: 'botman', users: ['U0BMYT2FL'], count: 1 }] });

    // A shared file: the link made readable, the file's details kept.
    const file = contexts.find((c) => c.type === 'file_share' && (c.metadata!.file as { name: string }).name === '100_cities.js')!;
    expect(file.content).toBe('@Hermione Granger uploaded a file: [100 cities](https://mesos-magellan.slack.com/files/U0BMS113R/F0VNAKDE2/100_cities.js)');
    expect(file.metadata!.file).toMatchObject({ id: 'F0VNAKDE2', mimetype: 'text/plain', size: 4163 });

    // Entities inside code are decoded as Slack shows them.
    expect(contexts.some((c) => c.content.includes('line 5, in <module>'))).toBe(true);
  });

  it('a second import with --match source: 0 inserted, everything unchanged', () => {
    const db = path.join(tempDir(), 'store.db');
    importCli(EXPORT, db);
    const again = importCli(EXPORT, db, '--match', 'source');
    expect(again).toMatchObject({ totalRecords: 160, insertedRecords: 0, unchangedRecords: 160 });
  });
});

/** A small export written here: what the real one lacks (markup of every kind, a thread, a named bot, a DM). */
function writtenExport(): string {
  const dir = path.join(tempDir(), 'export');
  const write = (name: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), JSON.stringify(value, null, 2));
  };
  write('users.json', [
    { id: 'U1', name: 'ada', real_name: 'Ada Lovelace' },
    { id: 'U2', name: 'charles', profile: { real_name: '' } },
  ]);
  write('channels.json', [
    { id: 'C1', name: 'general', created: 1767312000, creator: 'U1', purpose: { value: 'Company-wide talk' }, topic: { value: 'Q1 plans' } },
    { id: 'C2', name: 'random', created: 1767312000, topic: { value: 'Anything' }, purpose: { value: '' } },
  ]);
  write('dms.json', [{ id: 'D1', created: 1767398400, members: ['U1', 'U2'] }]);
  write('general/2026-01-02.json', [
    {
      type: 'message',
      user: 'U1',
      text: '<@U2> see <#C2|random> and <#C2>, <https://x.example/a?b=1&amp;c=2|the doc>, <https://y.example> and <mailto:ada@x.example|ada@x.example>. <!here> 1 &lt; 2 &amp;&amp; 3 &gt; 2',
      ts: '1767355200.000100',
      thread_ts: '1767355200.000100',
      reply_count: 1,
      reply_users: ['U2'],
      replies: [{ user: 'U2', ts: '1767355260.000200' }],
    },
    { type: 'message', user: 'U2', text: 'On it', ts: '1767355260.000200', thread_ts: '1767355200.000100', parent_user_id: 'U1' },
    { type: 'message', subtype: 'bot_message', username: 'deploybot', bot_id: 'B9', text: 'Deployed *v2*', ts: '1767355300.000300' },
  ]);
  write('D1/2026-01-03.json', [{ type: 'message', user: 'U2', text: 'Lunch?', ts: '1767441600.000100', edited: { user: 'U2', ts: '1767441660.000000' } }]);
  return dir;
}

describe("slack source, shapes the real export lacks (written here in the export's shape)", () => {
  it("Slack's markup made readable: people, channels, links, mentions, entities", () => {
    const db = path.join(tempDir(), 'store.db');
    const result = importCli(writtenExport(), db);
    expect(result.failedRecords).toBe(0);
    expect(result.inputs[0]!.source!.summary).toBe('Slack export — 2 channels, 1 DM conversation, 4 messages');
    const { contexts, sessions } = storeAt(db);
    const general = sessions.find((s) => s.name === 'general')!;
    expect(general).toMatchObject({ description: 'Company-wide talk', createdAt: '2026-01-02T00:00:00.000Z' });
    expect(general.metadata).toMatchObject({ topic: 'Q1 plans', purpose: 'Company-wide talk' });
    expect(sessions.find((s) => s.name === 'random')!.description).toBe('Anything');
    const parent = contexts.find((c) => c.metadata!.ts === '1767355200.000100')!;
    expect(parent.content).toBe(
      '@charles see #random and #random, [the doc](https://x.example/a?b=1&c=2), https://y.example and [ada@x.example](mailto:ada@x.example). @here 1 < 2 && 3 > 2',
    );
    expect(parent.title).toBe('@charles see #random and #random, [the doc](https://x.example/a?b=1&c=2), https…');
    expect(parent.metadata).toMatchObject({ author: 'Ada Lovelace', text: expect.stringContaining('<@U2>'), reply_count: 1 });
    expect(parent.metadata!.parentId).toBeUndefined();
  });

  it('a thread reply keeps its thread; a bot says its name; a DM is a session named by its people; an edit is the update time', () => {
    const db = path.join(tempDir(), 'store.db');
    importCli(writtenExport(), db);
    const { contexts, sessions } = storeAt(db);
    const reply = contexts.find((c) => c.content === 'On it')!;
    expect(reply.metadata).toMatchObject({ author: 'charles', thread_ts: '1767355200.000100', parent_user_id: 'U1', parentId: 'C1/1767355200.000100' });
    const bot = contexts.find((c) => c.type === 'bot_message')!;
    // The title without the emphasis marks; the content as written.
    expect(bot).toMatchObject({ content: 'Deployed *v2*', title: 'Deployed v2' });
    expect(bot.metadata!.author).toBe('deploybot');
    const dm = sessions.find((s) => s.metadata!.channelId === 'D1')!;
    expect(dm).toMatchObject({ name: 'DM: Ada Lovelace, charles', createdAt: '2026-01-03T00:00:00.000Z' });
    expect(dm.metadata!.kind).toBe('dm');
    const lunch = contexts.find((c) => c.content === 'Lunch?')!;
    expect(lunch).toMatchObject({ sessionId: dm.id, createdAt: '2026-01-03T12:00:00.000Z', updatedAt: '2026-01-03T12:01:00.000Z' });
  });

  it('a lone daily file is a Slack channel day: detected, named after its folder, its messages read', () => {
    const dir = path.join(tempDir(), 'general');
    fs.mkdirSync(dir);
    const file = path.join(dir, '2026-01-02.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { type: 'message', user: 'U1', text: 'Hello <@U2>', ts: '1767355200.000100', user_profile: { real_name: 'Ada Lovelace', name: 'ada' } },
        { type: 'message', user: 'U2', text: 'Hi!', ts: '1767355260.000200' },
      ]),
    );
    const db = path.join(dir, 'store.db');
    const result = importCli(file, db);
    expect(result.failedRecords).toBe(0);
    expect(result.inputs[0]!.source).toMatchObject({ id: 'slack', summary: 'Slack export — 1 channel, 2 messages' });
    const { contexts, sessions } = storeAt(db);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ name: 'general', createdAt: '2026-01-02T12:00:00.000Z' });
    const inOrder = [...contexts].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(inOrder.map((c) => [c.content, c.metadata!.author])).toEqual([
      ['Hello @U2', 'Ada Lovelace'],
      ['Hi!', 'U2'],
    ]);
    expect(result.warnings.some((w) => w.includes('no channel list (channels.json)'))).toBe(true);
  });
});
