/**
 * The Telegram preset on exports other programs keep as test input (test/fixtures/real/telegram, SOURCES.md),
 * through the real CLI. Before it, a full export (`chats.list[].messages`) imported each chat as a *session*
 * with every message left as JSON in its metadata, dated now, and no context; a single chat's ids were the
 * per-chat message numbers, so two chats collided. A written export covers the rest: media beside result.json,
 * hashtags, links, replies, edits, forwards, left chats, service messages.
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { closeStores, storeOf } from './stored.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/telegram');
afterEach(closeStores);

interface Result {
  inputs: { source: { summary: string } }[];
  warnings: string[];
}

describe('Telegram exports (real)', () => {
  it('a full export (chats.list): each chat a session, each message a context in it, service messages counted', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'MultiChat_2C_6M.json'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe(
      'Telegram export — 2 chats, 5 messages, 1 service message skipped, 1 media file not in the export',
    );
    const { contexts, sessions } = storeOf(db);
    expect(sessions.map((s) => s.name).sort()).toEqual(['Chat One', 'Chat Two']);
    expect(contexts).toHaveLength(5);
    const hello = contexts.find((c) => c.content === 'Hello from chat one!')!;
    expect(hello).toMatchObject({ type: 'message', title: 'Hello from chat one!', createdAt: '2023-01-01T12:00:00.000Z', metadata: { author: 'Alice' } });
    expect(hello.sessionId).toBe(sessions.find((s) => s.name === 'Chat One')!.id);
  });

  it('a single chat (name, type, id, messages): links from runs, photos the export left out counted, old local dates said', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'DM_2A_7M.json'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<Result>();
    expect(result.inputs[0]!.source.summary).toBe('Telegram export — 1 chat, 2 service messages skipped, 6 messages, 2 media files not in the export');
    expect(result.warnings.join('\n')).toMatch(/2 message\(s\) carry only "date", the exporting computer's local time without a zone/);
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: 'Bob', description: 'Telegram personal chat' })]);
    expect(contexts.find((c) => c.metadata?.messageId === 3644)).toMatchObject({
      content: 'https://google.com 👀',
      metadata: { links: ['https://google.com'] },
    });
    // A photo with no text is titled as a photo, never an empty context.
    const photo = contexts.find((c) => c.metadata?.messageId === 3672)!;
    expect(photo).toMatchObject({ title: 'Photo', content: '', metadata: { photo: 'not included in the export' } });
  });

  it("chat-miner's minimal exports (no ids): read, each message its own context", () => {
    for (const [file, chat] of [
      ['chat-miner-batch.json', 'Chatname'],
      ['chat-miner-single.json', 'Telegram chat'],
    ] as const) {
      const db = path.join(tempDir(), 'store.db');
      const run = cli(['import', path.join(REAL, file)], { env: { CONTEXT_STORE_DB: db } });
      expect(run.code, run.stderr).toBe(0);
      const { contexts, sessions } = storeOf(db);
      expect(sessions.map((s) => s.name)).toEqual([chat]);
      expect(contexts.map((c) => c.content).sort()).toEqual(['Link:https://telegram.org/', 'Minimal Message']);
    }
  });

  it('two chats whose messages have the same numbers are two sets of contexts, and a second import finds them again', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'MultiChat_2C_6M.json'), path.join(REAL, 'DM_2A_7M.json')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(storeOf(db).contexts).toHaveLength(11);
    const again = cli(['import', path.join(REAL, 'DM_2A_7M.json'), '--skip-duplicates', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number; unchangedRecords: number }>()).toMatchObject({ insertedRecords: 0, unchangedRecords: 7 });
  });
});

describe('Telegram export (written for what the real ones lack)', () => {
  it('the ChatExport folder zipped: a photo beside result.json is an attachment; hashtags, text links, replies, edits and forwards', () => {
    const dir = tempDir();
    const chat = {
      name: 'Field Ops',
      type: 'private_supergroup',
      id: 1234567890,
      messages: [
        {
          id: 1,
          type: 'service',
          date: '2025-11-14T09:00:00',
          date_unixtime: '1731574800',
          actor: 'Ana',
          actor_id: 'user1',
          action: 'create_group',
          title: 'Field Ops',
        },
        {
          id: 2,
          type: 'message',
          date: '2025-11-14T09:12:44',
          date_unixtime: '1731575564',
          edited: '2025-11-14T09:15:02',
          edited_unixtime: '1731575702',
          from: 'Ana Kovač',
          from_id: 'user1',
          text: [
            'Ping ',
            { type: 'mention', text: '@ben' },
            ' see ',
            { type: 'text_link', text: 'the doc', href: 'https://example.com/doc' },
            ' ',
            { type: 'hashtag', text: '#ops' },
          ],
          text_entities: [
            { type: 'plain', text: 'Ping ' },
            { type: 'mention', text: '@ben' },
            { type: 'plain', text: ' see ' },
            { type: 'text_link', text: 'the doc', href: 'https://example.com/doc' },
            { type: 'plain', text: ' ' },
            { type: 'hashtag', text: '#ops' },
          ],
        },
        {
          id: 3,
          type: 'message',
          date_unixtime: '1731575600',
          from: 'Ben Ito',
          from_id: 'user2',
          reply_to_message_id: 2,
          forwarded_from: 'Ops Announcements',
          photo: 'photos/photo_1@14-11-2025_09-13-20.jpg',
          width: 10,
          height: 10,
          text: '',
          text_entities: [],
        },
      ],
    };
    const folder = path.join(dir, 'ChatExport_2025-11-14');
    fs.mkdirSync(path.join(folder, 'photos'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'result.json'), JSON.stringify(chat, null, 1));
    fs.writeFileSync(path.join(folder, 'photos', 'photo_1@14-11-2025_09-13-20.jpg'), Buffer.from('ffd8ffe000104a464946', 'hex'));
    const zip = path.join(dir, 'ChatExport_2025-11-14.zip');
    execFileSync('python3', [
      '-c',
      'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], sys.argv[3])',
      zip.replace(/\.zip$/, ''),
      dir,
      'ChatExport_2025-11-14',
    ]);
    const db = path.join(dir, 'store.db');
    const run = cli(['import', zip, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe('Telegram export — 1 chat, 1 service message skipped, 2 messages, 1 attachment');
    const { contexts, sessions, store } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: 'Field Ops', description: 'Telegram private supergroup' })]);
    const ping = contexts.find((c) => c.metadata?.messageId === 2)!;
    expect(ping).toMatchObject({
      content: 'Ping @ben see the doc #ops',
      tags: ['ops'],
      createdAt: '2024-11-14T09:12:44.000Z',
      updatedAt: '2024-11-14T09:15:02.000Z',
      metadata: { author: 'Ana Kovač', authorId: 'user1', links: ['https://example.com/doc'] },
    });
    const photo = contexts.find((c) => c.metadata?.messageId === 3)!;
    expect(photo).toMatchObject({
      title: 'Photo',
      metadata: { replyTo: 2, forwardedFrom: 'Ops Announcements', photo: 'photos/photo_1@14-11-2025_09-13-20.jpg' },
    });
    expect(store.contexts.get(photo.id, { includeBinaryData: true })!.attachments).toEqual([
      expect.objectContaining({ name: 'photo_1@14-11-2025_09-13-20.jpg', mimeType: 'image/jpeg', size: 10 }),
    ]);
  });
});

describe('Telegram full export with its contacts first (as tdesktop writes it)', () => {
  it('is detected although its chats are past the first bytes, and a message the preset trips over does not stop the chat', () => {
    const dir = tempDir();
    const contacts = Array.from({ length: 600 }, (_, i) => ({
      user_id: 100000000 + i,
      first_name: `Contact ${i}`,
      last_name: 'Person',
      phone_number: '+1 555 0100',
      date: '2024-01-03T10:00:00',
      date_unixtime: '1704276000',
    }));
    const full = {
      about: 'Here is the data you requested. Remember: Telegram is ad free.',
      personal_information: { user_id: 1, first_name: 'Ana' },
      contacts: { about: 'x', list: contacts },
      chats: {
        about: 'This page lists all chats from this export.',
        list: [
          {
            name: 'Ben',
            type: 'personal_chat',
            id: 2,
            messages: [
              {
                id: 1,
                type: 'message',
                date_unixtime: '1731575564',
                from: 'Ben',
                from_id: 'user2',
                text: 'first',
                text_entities: [{ type: 'plain', text: 'first' }],
              },
              { id: 2, type: 'message', date_unixtime: '1731575565', from: 'Ben', from_id: 'user2', text: 'x', text_entities: [null] },
              {
                id: 3,
                type: 'message',
                date_unixtime: '1731575566',
                from: 'Ben',
                from_id: 'user2',
                text: 'third',
                text_entities: [{ type: 'plain', text: 'third' }],
              },
            ],
          },
        ],
      },
    };
    const file = path.join(dir, 'result.json');
    fs.writeFileSync(file, JSON.stringify(full, null, 1));
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    const run = cli(['import', file, '--json', '--on-error', 'lenient'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.json<Result>().inputs[0]!.source.summary).toMatch(/^Telegram export — 1 chat/);
    expect(storeOf(path.join(dir, 'store.db')).contexts.map((c) => c.content)).toEqual(expect.arrayContaining(['first', 'third']));
  });
});
