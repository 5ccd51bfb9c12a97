/**
 * The WhatsApp preset on real "Export chat" files (test/fixtures/real/whatsapp, from chat-analytics' samples)
 * through the CLI: before it, they failed FORMAT_UNDETECTED (exit 2). Written chats cover iOS's bracketed lines,
 * 12-hour times, multi-line messages, attached media and the day order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir, writeFile } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const WHATSAPP = path.resolve(__dirname, '../fixtures/real/whatsapp');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function open(db: string): { contexts: Context[]; sessions: Session[] } {
  const store = Store.open(db);
  opened.push(store);
  return { contexts: store.contexts.list({}, 1000, 0) as Context[], sessions: store.sessions.list({}, 100, 0) as Session[] };
}

describe('WhatsApp chats (real Android exports)', () => {
  it('a group chat: a session named by the group, a context per message with its sender; the notices skipped and counted', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', path.join(WHATSAPP, '4A_11M.txt')], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: WhatsApp chat — 11 messages, 1 chat, 3 notices skipped');
    expect(run.stdout).toMatch(/read as UTC; no date in the chat has a number above 12 .* day-first/);
    const { contexts, sessions } = open(db);
    expect(sessions.map((s) => s.name)).toEqual(['Some cool group chat']);
    // The file's name, never where it was read from (the app uploads to a temporary folder).
    expect(sessions[0]!.description).toBe('WhatsApp chat (4A_11M.txt)');
    expect(contexts).toHaveLength(11);
    const bob = contexts.find((c) => c.content === 'im bob')!;
    expect(bob).toMatchObject({ title: 'im bob', type: 'message', sessionId: sessions[0]!.id, createdAt: '2020-09-12T23:55:00.000Z' });
    expect(bob.metadata).toMatchObject({ author: 'Bob', source: 'whatsapp', chat: 'Some cool group chat' });
    expect(contexts.some((c) => c.content === '👩🏻‍⚖️')).toBe(true);
  });

  it('--source-option dates=month-first reads 12/9/20 as 9 December; media omitted is said; a re-import finds the same messages', () => {
    const db = path.join(tempDir(), 'store.db');
    const file = path.join(WHATSAPP, '2A_5M.txt');
    expect(cli(['import', file, '--source-option', 'dates=month-first'], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const again = cli(['import', file, '--source-option', 'dates=month-first', '--match', 'source', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number }>().insertedRecords).toBe(0);
    const { contexts } = open(db);
    expect(contexts).toHaveLength(5);
    expect(contexts.find((c) => c.content === 'Hi')!.createdAt).toBe('2021-01-01T12:00:00.000Z');
    expect(contexts.find((c) => c.content === '<media omitted>')!).toMatchObject({ title: 'Media omitted', metadata: { mediaOmitted: true } });
  });
});

describe('WhatsApp chats (the other shapes phones write)', () => {
  it("iOS's [date, time] lines, 12-hour times, messages on several lines, a day above 12 telling the order, attached media in the zip's folder", () => {
    const dir = tempDir();
    const chat = [
      '\u200e[31/12/2023, 11:58:02 PM] Alice: Happy new year',
      'see you tomorrow',
      '[01/01/2024, 12:00:10 AM] Bob: \u200e<attached: 00000012-PHOTO-2024-01-01-00-00-10.jpg>',
      '[01/01/2024, 12:01:00 AM] Bob: <attached: 00000013-PHOTO-missing.jpg>',
    ].join('\n');
    const folder = path.join(dir, 'WhatsApp Chat - Alice');
    fs.mkdirSync(folder);
    writeFile(folder, '_chat.txt', chat);
    writeFile(folder, '00000012-PHOTO-2024-01-01-00-00-10.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const db = path.join(dir, 'store.db');
    const run = cli(['import', folder], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/day-first/);
    const { contexts, sessions } = open(db);
    expect(sessions.map((s) => s.name)).toEqual(['Alice']);
    const first = contexts.find((c) => c.title === 'Happy new year')!;
    expect(first).toMatchObject({ content: 'Happy new year\nsee you tomorrow', createdAt: '2023-12-31T23:58:02.000Z', metadata: { author: 'Alice' } });
    const photo = contexts.find((c) => c.createdAt === '2024-01-01T00:00:10.000Z')!;
    expect(photo.attachments).toMatchObject([{ name: '00000012-PHOTO-2024-01-01-00-00-10.jpg', mimeType: 'image/jpeg', size: 4 }]);
    expect(contexts.find((c) => c.createdAt === '2024-01-01T00:01:00.000Z')!.metadata).toMatchObject({ missingAttachments: ['00000013-PHOTO-missing.jpg'] });
  });
});

describe('WhatsApp lines as other phones and locales write them', () => {
  it('year-first dates, a narrow no-break space before PM, month-first told by a day above 12, a non-contact sender', async () => {
    const { parseChat, chatDate } = await import('../../electron/engine/sources/whatsapp/parse.ts');
    const ymd = parseChat('[2024-03-15, 14:32:18] Messages and calls are end-to-end encrypted\n[2024-03-15, 14:32:19] Mustafa: hey alice');
    expect(ymd.order).toBe('YMD');
    expect(ymd.lines.map((l) => [l.author, chatDate(l, ymd.order)])).toEqual([
      [undefined, '2024-03-15T14:32:18.000Z'],
      ['Mustafa', '2024-03-15T14:32:19.000Z'],
    ]);
    const us = parseChat('[12/24/2023, 10:13:58\u202fPM] Zero_Cool: first line\nsecond line\n[12/24/2023, 10:14:02\u202fPM] ~\u202fAcidBurn: <Media omitted>');
    expect(us).toMatchObject({ order: 'MDY', orderKnown: true });
    expect(us.lines.map((l) => [l.author, l.text, chatDate(l, us.order)])).toEqual([
      ['Zero_Cool', 'first line\nsecond line', '2023-12-24T22:13:58.000Z'],
      ['AcidBurn', '<Media omitted>', '2023-12-24T22:14:02.000Z'],
    ]);
  });
});
