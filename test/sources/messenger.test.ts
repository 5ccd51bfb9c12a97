/**
 * The Messenger/Instagram preset on exports other programs keep as test input (test/fixtures/real/messenger,
 * SOURCES.md) and on an export written in Facebook's shape, through the real CLI. Before it, a thread imported
 * through a suggested mapping lost its title and people, its photo messages were empty contexts, and
 * Facebook's text was left garbled: every UTF-8 byte written as its own \u00XX ("N\u00c3\u00a4chste", an emoji
 * as four characters).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { closeStores, storeOf } from './stored.ts';
import { repairText } from '../../electron/engine/sources/messenger/index.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/messenger');
afterEach(closeStores);

interface Result {
  inputs: { source: { summary: string } }[];
  warnings: string[];
}

describe('repairText', () => {
  it("reads Facebook's byte-per-character text back as UTF-8, and leaves other text as written", () => {
    expect(repairText('N\u00c3\u00a4chste Woche!')).toBe('Nächste Woche!');
    expect(repairText('\u00f0\u009f\u008c\u00b9')).toBe('🌹');
    // Latin-1 text that is no UTF-8 once read as bytes (a lone é), text with characters above U+00FF, ASCII.
    expect(repairText('café')).toBe('café');
    expect(repairText('Nächste 🌹')).toBe('Nächste 🌹');
    expect(repairText('plain')).toBe('plain');
  });
});

describe('Messenger exports (real)', () => {
  it("chat-analytics' Messenger thread: a session named by its title with its people, each message a context, media it lacks counted", () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, '2A_7M.json'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe('Messenger or Instagram export — 1 thread, 7 messages, 4 media files not in the export');
    const { contexts, sessions } = storeOf(db);
    expect(sessions).toEqual([expect.objectContaining({ name: 'Alice', description: 'Messenger chat with Alice, Bob' })]);
    expect(contexts).toHaveLength(7);
    expect(contexts.find((c) => c.content === 'Hello')).toMatchObject({
      type: 'message',
      createdAt: '2014-11-05T00:35:32.056Z',
      metadata: { author: 'Alice' },
    });
    // A photo, a voice message, a sticker: titled by what they are, never empty contexts.
    expect(contexts.map((c) => c.title)).toEqual(expect.arrayContaining(['Photo', 'Voice message', 'Sticker', 'File']));
  });

  it("chat-miner's Instagram sample (messages only): read", () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(REAL, 'chat-miner-instagram.json')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(
      storeOf(db)
        .contexts.map((c) => c.content)
        .sort(),
    ).toEqual(['Hello Jane!', 'Hello John!']);
  });
});

describe("Messenger export (written in Facebook's shape)", () => {
  const thread = (messages: unknown[]) =>
    JSON.stringify(
      {
        participants: [{ name: 'Hans' }, { name: 'Peter' }],
        messages,
        title: 'Hans',
        is_still_participant: true,
        thread_path: 'inbox/hans_10206072096154041',
      },
      null,
      2,
    )
      // Facebook's own escaping: every UTF-8 byte of the text as \u00XX.
      .replace(/[\u0080-\uffff]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `\\u00${b.toString(16).padStart(2, '0')}`).join(''));

  function exportFolder(dir: string): string {
    const inbox = path.join(dir, 'your_facebook_activity', 'messages', 'inbox', 'hans_10206072096154041');
    fs.mkdirSync(path.join(inbox, 'photos'), { recursive: true });
    fs.writeFileSync(
      path.join(inbox, 'message_1.json'),
      thread([
        { sender_name: 'Peter', timestamp_ms: 1620998967908, content: '🌹', reactions: [{ reaction: '❤', actor: 'Hans' }] },
        { sender_name: 'Hans', timestamp_ms: 1616613981404, content: 'Nächste Woche!' },
        {
          sender_name: 'Hans',
          timestamp_ms: 1616613981000,
          photos: [{ uri: 'your_facebook_activity/messages/inbox/hans_10206072096154041/photos/1234.jpg', creation_timestamp: 1616613981 }],
        },
        { sender_name: 'Peter', timestamp_ms: 1616613900000, content: 'schau', share: { link: 'https://example.com/a', share_text: 'A page' } },
        { sender_name: 'Peter', timestamp_ms: 1616613800000, is_unsent: true },
      ]),
    );
    fs.writeFileSync(path.join(inbox, 'message_2.json'), thread([{ sender_name: 'Hans', timestamp_ms: 1600000000000, content: 'Grüß dich' }]));
    fs.writeFileSync(path.join(inbox, 'photos', '1234.jpg'), Buffer.from('ffd8ffe000104a464946', 'hex'));
    return path.join(dir, 'your_facebook_activity');
  }

  it('the export folder zipped: accents and emoji repaired, a thread in two files one session, the photo attached, an unsent message counted', () => {
    const dir = tempDir();
    exportFolder(dir);
    const zip = path.join(dir, 'facebook-hans.zip');
    execFileSync('python3', [
      '-c',
      'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], "your_facebook_activity")',
      zip.replace(/\.zip$/, ''),
      dir,
    ]);
    const db = path.join(dir, 'store.db');
    const run = cli(['import', zip, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Result>().inputs[0]!.source.summary).toBe('Messenger or Instagram export — 1 thread, 5 messages, 1 attachment, 1 unsent message skipped');
    const { contexts, sessions, store } = storeOf(db);
    expect(sessions).toEqual([
      expect.objectContaining({ name: 'Hans', description: 'Messenger chat with Hans, Peter', createdAt: '2020-09-13T12:26:40.000Z' }),
    ]);
    expect(contexts.map((c) => c.content)).toEqual(expect.arrayContaining(['🌹', 'Nächste Woche!', 'Grüß dich', 'schau']));
    expect(contexts.find((c) => c.content === '🌹')!.metadata).toMatchObject({ author: 'Peter', reactions: [{ reaction: '❤', actor: 'Hans' }] });
    expect(contexts.find((c) => c.content === 'schau')!.metadata).toMatchObject({ link: 'https://example.com/a', shareText: 'A page' });
    const photo = contexts.find((c) => c.title === 'Photo')!;
    expect(store.contexts.get(photo.id, { includeBinaryData: true })!.attachments).toEqual([
      expect.objectContaining({ name: '1234.jpg', mimeType: 'image/jpeg' }),
    ]);
  });

  it("a thread's two files named side by side are one thread", () => {
    const dir = tempDir();
    const folder = exportFolder(dir);
    const inbox = path.join(folder, 'messages', 'inbox', 'hans_10206072096154041');
    const db = path.join(dir, 'store.db');
    const run = cli(['import', path.join(inbox, 'message_1.json'), path.join(inbox, 'message_2.json'), '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ inputs: unknown[] }>().inputs).toHaveLength(1);
    expect(storeOf(db).sessions).toHaveLength(1);
  });
});
