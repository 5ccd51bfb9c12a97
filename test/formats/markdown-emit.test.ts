/**
 * The Markdown writer against the writer as it was before it wrote into a byte sink (kept here as the
 * reference): the same text, byte for byte, for hostile records of every type, section layouts and empty
 * exports, and content given as its UTF-8 bytes (TextBytes, as the store gives it to an export) the same as
 * the string.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { markdownCodec } from '../../electron/engine/formats/markdown/index.ts';
import type { OutRecord, WriteContext } from '../../electron/engine/formats/codec.ts';
import type { DataType, RecordType } from '../../shared/model.ts';
import { TextBytes } from '../../electron/engine/store/text-bytes.ts';
import { HOSTILE_PIECES, context, hostileString, jsonValue, session, template } from './arbitraries.ts';

// The reference: formats/markdown/index.ts's writer before the byte sink, unchanged.
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/;
const PLAIN_KEY = /^[A-Za-z0-9_$.-]+$/;
const SECTION_TITLES: Record<RecordType, string> = { contexts: 'Contexts', sessions: 'Sessions', templates: 'Templates' };
function isPlainText(value: string): boolean {
  return (
    value !== '' && value.trim() === value && !CONTROL.test(value) && !/^["[{]/.test(value) && !/^(null|true|false)$/.test(value) && !JSON_NUMBER.test(value)
  );
}
function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
function block(key: string, info: string, text: string): string {
  const fence = fenceFor(text);
  return `${keyLabel(key)}\n\n${fence}${info}\n${text}\n${fence}\n\n`;
}
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
function keyLabel(key: string): string {
  return `**${PLAIN_KEY.test(key) ? key : inlineJson(key)}:**`;
}
function fieldMarkdown(key: string, value: unknown): string {
  if (value === undefined) return '';
  if (key === 'content' && typeof value === 'string') return block(key, 'text', value);
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes('\r')) return block(key, 'text', value);
    return `${keyLabel(key)} ${isPlainText(value) ? value : inlineJson(value)}\n`;
  }
  if (key === 'tags' && Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string' && isPlainText(t) && !t.includes(','))) {
    return `${keyLabel(key)} ${value.join(', ')}\n`;
  }
  if (typeof value === 'object' && value !== null && !(Array.isArray(value) && value.length === 0 && key === 'tags')) {
    return block(key, 'json', JSON.stringify(value, null, 2));
  }
  return `${keyLabel(key)} ${inlineJson(value)}\n`;
}
function recordMarkdown(value: Record<string, unknown>, n: number): string {
  const inline: string[] = [];
  const blocks: string[] = [];
  for (const key of Object.keys(value)) {
    const text = fieldMarkdown(key, value[key]);
    if (!text) continue;
    (text.endsWith('\n\n') ? blocks : inline).push(text);
  }
  return `## Item ${n}\n\n${inline.join('')}${inline.length ? '\n' : ''}${blocks.join('')}`;
}
function reference(records: OutRecord[], context: WriteContext): string {
  let out = '';
  let current: RecordType | null = null;
  let n = 0;
  const written = new Set<RecordType>();
  for (const record of records) {
    if (record.recordType !== current) {
      current = record.recordType;
      written.add(current);
      n = 0;
      out += `# ${SECTION_TITLES[current]}\n\n`;
    }
    out += recordMarkdown(record.value, ++n);
  }
  if (context.dataType !== 'all' && !current) out += `# ${SECTION_TITLES[context.dataType]}\n\n_No records._\n`;
  if (context.dataType === 'all') {
    for (const type of ['contexts', 'sessions', 'templates'] as const) if (!written.has(type)) out += `# ${SECTION_TITLES[type]}\n\n_No records._\n\n`;
  }
  return out;
}

async function written(records: OutRecord[], context: WriteContext): Promise<string> {
  async function* source() {
    yield* records;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of markdownCodec.write(source(), context)) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const contextOf = (dataType: DataType): WriteContext => ({ dataType, includeMetadata: true, includeBinaryData: false });

/** The same text as the reference, and with every well-formed content given as bytes. */
async function same(records: OutRecord[], dataType: DataType = 'contexts') {
  // As bytes (a lone surrogate is written as U+FFFD), then as text.
  const expected = Buffer.from(reference(records, contextOf(dataType))).toString('utf8');
  expect(await written(records, contextOf(dataType))).toBe(expected);
  const asBytes = records.map((r) => {
    const content = r.value.content;
    return typeof content === 'string' && content.isWellFormed() ? { ...r, value: { ...r.value, content: new TextBytes(Buffer.from(content)) } } : r;
  });
  expect(await written(asBytes, contextOf(dataType))).toBe(expected);
}

test('every hostile piece as content, a field, a key and a tag', async () => {
  const records: OutRecord[] = [];
  for (const a of [...HOSTILE_PIECES, '', ' x', 'x ', '\ud800', 'a,b', '`x`', '``````']) {
    for (const b of ['', 'text', '\n', '`']) {
      const text = a + b;
      records.push({
        recordType: 'contexts',
        value: { id: text, title: text, content: text, tags: [text, 'plain'], [text || 'k']: text, nested: { [text]: [text] }, n: 1, nil: null },
      });
    }
  }
  await same(records);
  await same(records, 'all');
});

test('generated records of every type, in sections, and empty exports', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          context.map((value) => ({ recordType: 'contexts' as const, value })),
          session.map((value) => ({ recordType: 'sessions' as const, value })),
          template.map((value) => ({ recordType: 'templates' as const, value })),
        ),
        { maxLength: 8 },
      ),
      async (records) => {
        const sorted = [...records].sort(
          (a, b) => ['contexts', 'sessions', 'templates'].indexOf(a.recordType) - ['contexts', 'sessions', 'templates'].indexOf(b.recordType),
        );
        await same(sorted as OutRecord[], 'all');
        await same(sorted.filter((r) => r.recordType === 'contexts') as OutRecord[]);
      },
    ),
    { numRuns: 200 },
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(hostileString({ maxLength: 12 }), jsonValue, { maxKeys: 6, noNullPrototype: true }), async (value) => {
      await same([{ recordType: 'contexts', value }]);
    }),
    { numRuns: 300 },
  );
  await same([], 'contexts');
  await same([], 'sessions');
  await same([], 'all');
});
