/**
 * The Joplin preset on a real RAW export (test/fixtures/real/joplin-raw, SOURCES.md: a JEX unpacked), through the
 * real CLI. Before it, the folder was read as 25 Markdown notes: hex ids as titles, the `key: value` trailer left
 * in the content, file times as dates, and notebooks, resources, tags and note–tag links imported as notes. Written
 * items cover what the real export lacks: an encrypted item, item types that are no notes, a trailer with CRLF
 * line ends and a final newline, a note whose notebook was not exported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.ts';
import { tempDir, writeFile } from '../helpers.ts';
import { closeStores, storeOf } from './stored.ts';
import { parseRawItem } from '../../electron/engine/sources/joplin/raw.ts';

const RAW = path.resolve(__dirname, '../fixtures/real/joplin-raw/03_10_2022');
const JEX = path.resolve(__dirname, '../fixtures/real/joplin-raw/joplin-03_10_2022.jex');
afterEach(closeStores);

/** A RAW item as Joplin writes it: title, blank, body, blank, the trailer (no final newline). */
function item(id: string, type: number, props: Record<string, string>, title = '', body = ''): string {
  const trailer = Object.entries({ id, ...props })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const head = title ? `${title}\n\n${body ? `${body}\n\n` : ''}` : '';
  return `${head}${trailer}\ntype_: ${type}`;
}
const hex = (n: number) => n.toString(16).padStart(32, '0');
const times = { created_time: '2024-01-01T10:00:00.000Z', updated_time: '2024-01-05T10:00:00.000Z' };

describe('Joplin RAW export (real: the test JEX unpacked)', () => {
  it('notes are contexts with their titles, bodies without the trailer, Joplin dates, notebooks as sessions and tags', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', RAW], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Detected: Joplin export — 6 notes, 4 notebooks, 5 tags, 3 attachments, 2 attachments missing');
    const { contexts, sessions } = storeOf(db);
    expect(contexts).toHaveLength(6);
    expect(sessions.map((s) => s.name).sort()).toEqual([
      'Welcome! (Desktop)',
      'Welcome! (Desktop)/helo',
      'Welcome! (Desktop)/uuiu',
      'Welcome! (Desktop)/uuiu/uoo',
    ]);
    const byTitle = new Map(contexts.map((c) => [c.title, c]));
    expect([...byTitle.keys()].sort()).toEqual([
      '1. Welcome to Joplin!',
      '2. Importing and exporting notes',
      '3. Synchronising your notes',
      '4. Tips',
      '5. Joplin Privacy Policy',
      'Hello',
    ]);
    for (const c of contexts) {
      expect(c.content).not.toMatch(/\bparent_id: |\btype_: \d/);
      expect(c.title).not.toMatch(/^[0-9a-f]{32}$/);
    }
    const importing = byTitle.get('2. Importing and exporting notes')!;
    expect(importing.content).toMatch(/^# Importing and exporting notes\n\n## Importing from Evernote\n/);
    expect(importing.content).toMatch(/on the official website\.$/);
    expect(importing).toMatchObject({ type: 'note', createdAt: '2022-05-11T01:43:42.226Z', updatedAt: '2022-05-11T01:43:42.226Z' });
    expect(importing.metadata).toMatchObject({
      source: 'joplin',
      sourceId: '1026d571129b48ee9345e9775a9adc43',
      is_todo: false,
      markup_language: 1,
      joplin_source: 'joplin-desktop',
      notebook: 'Welcome! (Desktop)',
    });
    expect(importing.metadata).not.toHaveProperty('latitude');
    expect(importing.metadata).not.toHaveProperty('author');
    const welcomeNotebook = sessions.find((s) => s.name === 'Welcome! (Desktop)')!;
    expect(importing.sessionId).toBe(welcomeNotebook.id);
    const welcome = byTitle.get('1. Welcome to Joplin!')!;
    expect(welcome.sessionId).toBe(sessions.find((s) => s.name === 'Welcome! (Desktop)/helo')!.id);
    expect([...welcome.tags].sort()).toEqual(['hope', 'mine', 'welcome']);
    expect([...byTitle.get('3. Synchronising your notes')!.tags].sort()).toEqual(['notes', 'sync', 'welcome']);
    // A to-do keeps its place and its state; a non-zero position is kept.
    const todo = byTitle.get('Hello')!;
    expect(todo).toMatchObject({ type: 'todo', createdAt: '2022-05-12T17:59:33.992Z', updatedAt: '2022-10-03T06:45:44.629Z' });
    expect(todo.metadata).toMatchObject({
      is_todo: true,
      todo_completed: false,
      todo_due: '2022-05-12T20:00:00.980Z',
      latitude: 32.0837411,
      longitude: 72.6718596,
    });
    expect(todo.metadata).not.toHaveProperty('altitude');
  });

  it('`:/id` links to resources become attachments when the file is there; a missing one is counted and named', () => {
    const db = path.join(tempDir(), 'store.db');
    const run = cli(['import', RAW, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ warnings: string[] }>();
    const { contexts } = storeOf(db);
    const byTitle = new Map(contexts.map((c) => [c.title, c]));
    const tips = byTitle.get('4. Tips')!;
    expect(tips.attachments?.map((a) => [a.name, a.mimeType, a.size])).toEqual([['WebClipper.png', 'image/png', 8894]]);
    expect(byTitle.get('3. Synchronising your notes')!.attachments?.map((a) => [a.name, a.mimeType])).toEqual([['print.pdf', 'application/pdf']]);
    // The welcome note links two images; AllClients.png was left out of the fixture.
    expect(byTitle.get('1. Welcome to Joplin!')!.attachments?.map((a) => a.name)).toEqual(['SubNotebooks.png']);
    const missing = result.warnings.filter((w) => /1c7eeeccda5f45f2b6f5bbb998157e14/.test(w));
    expect(missing.join('\n')).toMatch(/AllClients\.png.*not in the export/);
    expect(result.warnings.join('\n')).not.toMatch(/eb2284ecfb564da6bf3e770381043d23/); // a link to a note is no attachment
  });

  it('is chosen over Markdown notes, and a second import finds the same notes', () => {
    const dir = tempDir();
    const db = path.join(dir, 'store.db');
    const dry = cli(['import', RAW, '--dry-run', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(dry.json<{ inputs: { source?: { id: string } }[] }>().inputs[0]!.source?.id).toBe('joplin');
    expect(cli(['import', RAW], { env: { CONTEXT_STORE_DB: db } }).code).toBe(0);
    const again = cli(['import', RAW, '--skip-duplicates', '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(again.json<{ insertedRecords: number; unchangedRecords: number }>()).toMatchObject({ insertedRecords: 0, unchangedRecords: 10 });
  });

  it('a .jex (a tar) is one clear error saying to unpack it, not FORMAT_UNDETECTED', () => {
    const run = cli(['import', JEX, '--dry-run'], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Joplin JEX export.*tar archive/);
    expect(run.stderr).toContain('mkdir jex && tar -xf');
    expect(run.stderr).not.toContain('FORMAT_UNDETECTED');
    // Renamed, it is known by its tar header and the Joplin item names in it.
    const renamed = path.join(tempDir(), 'backup.tar');
    fs.copyFileSync(JEX, renamed);
    const again = cli(['import', renamed, '--dry-run'], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/backup\.tar is a Joplin JEX export, a tar archive.*tar -xf "backup\.tar" -C jex/);
  });
});

describe('Joplin RAW export (written for what the real one lacks)', () => {
  it('trailer values are unescaped as Joplin writes them (\\n a line break, \\\\n a backslash and n); the body stays as written', () => {
    const parsed = parseRawItem(`T\n\nbody \\n kept\n\nid: ${hex(8)}\nsource_url: a\\nb\nauthor: c\\\\nd\ntype_: 1`);
    expect(parsed).toMatchObject({ title: 'T', body: 'body \\n kept', props: { source_url: 'a\nb', author: 'c\\nd' } });
    expect(parseRawItem('no trailer here')).toBeUndefined();
    expect(parseRawItem(`x\n\nid: not-hex\ntype_: 1`)).toBeUndefined();
  });

  it('encrypted items are skipped with a warning; other item types are skipped and counted by type; CRLF and a final newline are read', () => {
    const dir = tempDir();
    const raw = path.join(dir, 'raw');
    fs.mkdirSync(raw);
    writeFile(raw, `${hex(1)}.md`, item(hex(1), 2, { ...times, parent_id: '' }, 'Work'));
    writeFile(
      raw,
      `${hex(2)}.md`,
      `${item(hex(2), 1, { parent_id: hex(1), ...times, is_todo: '1', todo_completed: '1704448800000', source_url: 'https://example.com/a', author: 'Ann', altitude: '12.5000', markup_language: '1' }, 'Plan', 'Line one\nLine two')}\n`.replace(
        /\n/g,
        '\r\n',
      ),
    );
    writeFile(raw, `${hex(3)}.md`, item(hex(3), 1, { parent_id: hex(99), ...times, encryption_cipher_text: 'JED01…', encryption_applied: '1' }));
    writeFile(raw, `${hex(4)}.md`, item(hex(4), 13, { item_id: hex(2), ...times }));
    writeFile(raw, `${hex(5)}.md`, item(hex(5), 13, { item_id: hex(2), ...times }));
    writeFile(raw, `${hex(6)}.md`, item(hex(6), 1, { parent_id: hex(98), ...times }, 'Orphan', 'no notebook here'));
    const db = path.join(dir, 'store.db');
    const run = cli(['import', raw, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ warnings: string[]; inputs: { source: { summary: string } }[] }>();
    expect(result.inputs[0]!.source.summary).toBe('Joplin export — 2 notes, 1 notebook, 1 encrypted item skipped, 2 other items skipped');
    const warnings = result.warnings.join('\n');
    expect(warnings).toMatch(/1 encrypted item\(s\) .*not read.*decrypt/i);
    expect(warnings).toMatch(/2 item\(s\) that are no notes.*revision 2/);
    expect(warnings).toMatch(/1 note\(s\) in notebook 0{30}62, which is not in the export; imported without a session/);
    const { contexts, sessions } = storeOf(db);
    const plan = contexts.find((c) => c.title === 'Plan')!;
    expect(plan).toMatchObject({ type: 'todo', content: 'Line one\r\nLine two', sessionId: sessions[0]!.id, createdAt: '2024-01-01T10:00:00.000Z' });
    expect(plan.metadata).toMatchObject({
      source_url: 'https://example.com/a',
      author: 'Ann',
      altitude: 12.5,
      is_todo: true,
      todo_completed: '2024-01-05T10:00:00.000Z',
    });
    expect(contexts.find((c) => c.title === 'Orphan')!.sessionId).toBeNull();
  });

  it('a zip of the export under a top folder reads the same; an unlinked resource file and a stray file are named, not read', () => {
    const dir = tempDir();
    const zip = path.join(dir, 'joplin.zip');
    const script = [
      'import zipfile,os,sys',
      "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)",
      'for root,_,files in os.walk(sys.argv[2]):',
      '  for f in files:',
      '    p=os.path.join(root,f); z.write(p,"export/"+os.path.relpath(p,sys.argv[2]))',
      `z.writestr("export/resources/${hex(9)}.jpg", "jpeg")`,
      'z.writestr("export/README.txt", "hello")',
      'z.close()',
    ].join('\n');
    execFileSync('python3', ['-c', script, zip, RAW]);
    const db = path.join(dir, 'store.db');
    const run = cli(['import', zip, '--json'], { env: { CONTEXT_STORE_DB: db } });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ insertedRecords: number; warnings: string[]; inputs: { source: { summary: string } }[] }>();
    expect(result.inputs[0]!.source.summary).toBe('Joplin export — 6 notes, 4 notebooks, 5 tags, 3 attachments, 2 attachments missing');
    expect(result.insertedRecords).toBe(10);
    const warnings = result.warnings.join('\n');
    expect(warnings).toContain(`resource files no note links to, not read: export/resources/${hex(9)}.jpg.`);
    expect(warnings).toContain('not Joplin items, not read: export/README.txt.');
    expect(
      storeOf(db)
        .contexts.find((c) => c.title === '4. Tips')!
        .attachments?.map((a) => a.name),
    ).toEqual(['WebClipper.png']);
  });

  it('a single RAW note file is read as one note', () => {
    const dir = tempDir();
    const file = writeFile(dir, `${hex(7)}.md`, item(hex(7), 1, { parent_id: '', ...times, user_created_time: '2023-06-01T00:00:00.000Z' }, 'Alone', 'text'));
    const run = cli(['import', file, '--dry-run', '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.json<{ inputs: { source?: { id: string } }[]; insertedRecords: number }>()).toMatchObject({
      inputs: [{ source: { id: 'joplin' } }],
      insertedRecords: 1,
    });
  });

  it('a Markdown note that merely ends in `key: value` lines is not taken for Joplin', () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    writeFile(notes, 'a.md', '# A\n\nstatus: done\ntype_: 1');
    writeFile(notes, 'b.md', '# B\n\nbody');
    const run = cli(['import', notes, '--dry-run', '--json'], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.json<{ inputs: { source?: { id: string } }[] }>().inputs[0]!.source?.id).toBe('markdown-notes');
  });
});
