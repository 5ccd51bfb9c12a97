/** Realistic generated contexts for the benchmark: unicode, quotes, commas, newlines, metadata of every type. */
import fs from 'node:fs';
import type { Context } from '../../shared/model.ts';

const WORDS = [
  'context',
  'store',
  'migrate',
  'données',
  'naïve',
  'café',
  '日本語',
  'emoji 🎉',
  'quote "x"',
  'comma, here',
  'semi;colon',
  'tab\there',
  'über',
  'Ελληνικά',
];
const TYPES = ['note', 'task', 'meeting', 'log', 'idea'];
const TAGS = ['work', 'home', 'urgent', 'later', 'project-x', 'q1', 'q2'];
const IMPORTANCE = ['low', 'medium', 'high', 'critical'] as const;

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function* generateContexts(count: number, seed = 42): Generator<Context> {
  const r = rand(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < count; i++) {
    const sentences = 3 + Math.floor(r() * 6);
    let content = '';
    for (let s = 0; s < sentences; s++) content += Array.from({ length: 8 + Math.floor(r() * 10) }, () => pick(WORDS)).join(' ') + (r() < 0.3 ? '.\n' : '. ');
    yield {
      id: `ctx-${i.toString().padStart(7, '0')}`,
      title: `${pick(WORDS)} ${pick(WORDS)} #${i}`,
      content,
      type: pick(TYPES),
      tags: Array.from(new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(TAGS)))),
      sessionId: `session-${Math.floor(i / 100)}`,
      createdAt: new Date(start + i * 60_000).toISOString(),
      metadata: { importance: pick(IMPORTANCE), source: pick(['slack', 'notion', 'email']), score: Math.round(r() * 1000) / 10, reviewed: r() < 0.5 },
    };
  }
}

/** Writes lines to a file in 1 MB pieces, waiting when the stream asks; answers the file's size. */
async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return fs.statSync(file).size;
}

export function writeJsonl(file: string, count: number): Promise<number> {
  return writeLines(
    file,
    (function* () {
      for (const c of generateContexts(count)) yield JSON.stringify(c) + '\n';
    })(),
  );
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The reference CSV: one column per store column, as the sqlite3 shell's `.import` wants it. */
export function writeReferenceCsv(file: string, count: number): Promise<number> {
  return writeLines(
    file,
    (function* () {
      yield 'id,title,content,type,tags,session_id,created_at,updated_at,metadata\n';
      for (const c of generateContexts(count)) {
        yield [c.id, c.title, c.content, c.type, JSON.stringify(c.tags), c.sessionId ?? '', c.createdAt, '', JSON.stringify(c.metadata)]
          .map(csvCell)
          .join(',') + '\n';
      }
    })(),
  );
}
