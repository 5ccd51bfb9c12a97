/**
 * A store of awkward values for the export differential tests: every way a value can need quoting, escaping,
 * an apostrophe, a flag, a block or the escape scheme in CSV, XML, YAML and Markdown, in every field.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Context, DataType, Session } from '../../shared/model.ts';
import type { ExportOptionsInput, FormatId } from '../../shared/options.ts';
import type { Store } from '../../electron/engine/store/store.ts';
import type { CellRun, OutItem } from '../../electron/engine/formats/codec.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import { exportRecords, exportWriteContext, runExport } from '../../electron/engine/pipeline/export.ts';
import { projectRecord } from '../../electron/engine/pipeline/project.ts';
import { isStoredCells } from '../../electron/engine/store/repositories.ts';
import { context, exportOptions, hostileContexts, tempDir } from '../helpers.ts';
import { context as arbitraryContext, session as arbitrarySession } from '../formats/arbitraries.ts';

/** Every way a cell can need quoting, an apostrophe or the flag, in every column the run writes. */
export const AWKWARD = [
  '',
  'plain',
  'a "quoted" word',
  '"',
  'a,b',
  ',',
  'line\nbreak',
  'cr\ronly',
  'crlf\r\n',
  '\n',
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\tTAB',
  '\rCR first',
  "'",
  "''",
  "'=",
  "'a",
  "' ",
  "x'",
  'Ünïcödé 日本語',
  '🎉 astral 𝄞',
  'e\u0301',
  '\u2028\u2029',
  '\u0000nul',
  '\u007f',
  ' padded ',
  '=',
  '-',
  `long ${'x"y,'.repeat(80)}\r\n${'z'.repeat(300)}`,
  // What YAML, XML and Markdown make something of.
  'yes',
  'null',
  '~',
  '---',
  '---\ntitle: front matter\n---\n# Heading',
  'key: value # comment',
  ']]> &amp; <tag> & < >',
  '\ufffe\uffff',
  '\u0085next line',
  '\u00a0nbsp edges\u00a0',
  '```fenced``` and ````',
  '`',
  '**id:** x',
  '## Item 9',
  ' lead\n',
  'trail \n next',
  'a \n\n b',
  'tab\there\nand emoji 🎉\nend\n',
  'block\nsafe\n',
  'block\nsafe',
  'ends\n\n',
  '\n\nstarts',
  '  indented\nblock',
  'end space\n ',
  '  \n',
  ' \t\n ',
  'e\u001b[31m',
  '\u0008\u000b\u000c',
  '0123',
  '1e3',
  '-12.5',
  'true',
  `${'long line '.repeat(2000)}`,
];

const TAGS: string[][] = [
  [],
  ['a'],
  ['a', 'b'],
  ['x'],
  ['"'],
  ['a,b'],
  [' a'],
  ['a '],
  [''],
  ['[x'],
  ['x', '[y'],
  ['=x'],
  ['-neg', '@at'],
  ["'", 'x'],
  ["'"],
  ["'="],
  ["''"],
  ['ü', '日本'],
  ['\u00a0nbsp'],
  ['nbsp\u00a0'],
  ['\u3000'],
  ['…'],
  ['é'],
  ['tab\t'],
  ['a\nb'],
  ['🎉'],
  ['\ufeff'],
];

const METADATA: Context['metadata'][] = [
  {},
  { a: 1 },
  { importance: 'high', source: 'x', n: -0.125, big: 1e21, small: 5e-324, int: 42, neg: -1 },
  { s: '\u0000\u001f\u2028\u2029\ud800 lone', e: 'é日本🎉', q: '"quoted", comma' },
  { nested: { a: [1, 'two', [3], { four: null }] }, empty: { o: {}, a: [] } },
  { '=': '=formula', "'": "'", '': '' },
  { ключ: 'значение', '1': 'digit key', b: '  x ', 'with space': true, yes: 'no', '~': null, xml: 'name', n: -0, f: false },
  { ticks: '`````', cdata: ']]>', nel: 'a\u0085b', huge: 1.5e300, tiny: 1e-7, line: 'a\nb', ctl: '\u0007', fffe: '\ufffe' },
  { a: 'x', b: 2.5, c: true, d: null, e: '' },
];

export function awkwardContexts(): Context[] {
  const out: Context[] = [];
  AWKWARD.forEach((value, i) => {
    const id = `ctx-${String(i).padStart(3, '0')}`;
    out.push(
      context(id, {
        title: value,
        content: AWKWARD[(i + 7) % AWKWARD.length]!,
        type: AWKWARD[(i + 3) % AWKWARD.length] || 'note',
        tags: TAGS[i % TAGS.length]!,
        sessionId: i % 4 === 0 ? null : i % 4 === 1 ? '' : AWKWARD[(i + 11) % AWKWARD.length]!,
        createdAt: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
        ...(i % 3 === 0 ? { updatedAt: '2024-06-01T12:00:00.000Z' } : {}),
        metadata: METADATA[i % METADATA.length]!,
      }),
    );
    // The same values as ids, sessions and dates too.
    out.push(context(`${value}#${i}`, { title: 't', content: value, sessionId: value, tags: TAGS[(i + 5) % TAGS.length]!, updatedAt: value || undefined }));
  });
  TAGS.forEach((tags, i) => {
    out.push(context(`tags-${i}`, { tags, createdAt: '2023-12-31T00:00:00.000Z' }));
  });
  return [...out, ...hostileContexts()];
}

export function fillStore(store: Store, contexts: Context[], withAttachments: boolean): void {
  store.db.transaction(() => {
    contexts.forEach((c, i) => {
      const attached = withAttachments && i % 9 === 4;
      store.contexts.insert(
        attached ? { ...c, attachments: [{ name: 'a "b".txt', mimeType: 'text/plain', data: Buffer.from(`hi ${i}\n`).toString('base64') }] } : c,
      );
    });
    store.sessions.insert({
      id: 's1',
      name: 'n "q"\n, x',
      description: '=\u001b\u2028',
      createdAt: '2024-01-01T00:00:00.000Z',
      metadata: { a: [1, { b: null }], '': '' },
    });
    store.sessions.insert({ id: 's2', name: '', description: "'", createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z', metadata: {} });
  })();
}

/**
 * Tags and metadata as raw SQL may store them (the app writes JSON.stringify's text): other shapes, padding,
 * escapes; from PARSED_ONLY on, text JSON.stringify would not have written (repeated and integer-like keys, `-0`,
 * numbers out of range or not in its form, escapes it does not make), which only a writer that parses agrees on.
 */
export const RAW_SHAPES = [
  ['[]', '{}'],
  ['"x"', '"=x"'],
  ['null', 'null'],
  ['{"a":1}', '5'],
  ['[1,2]', '-5'],
  ['[ "a" , "b" ]', '{ "a" : [ 1 , 2 ] }'],
  ['["a","b"]', '[1,"=x"]'],
  ['["\\u0061"]', '{"u":"\\u0000\\u001f\\n\\"\\\\"}'],
  ['["a\\"b"]', 'true'],
  ['["é","x"]', '"\'"'],
  ['[1]', '""'],
  // PARSED_ONLY
  ['["x","x"]', '{"a":1,"a":2}'],
  ['[""]', '{"2":"b","1":"a","z":0}'],
  ['["\\u0007"]', '{"n":-0,"big":1e400,"e":1E2,"d":1.50}'],
  ['["]]>"]', '{"k":"\\ufffe","ok":"\\u00e9"}'],
];

export const PARSED_ONLY = 11;

/** Contexts whose tags and metadata are `shapes`, and one whose title and content are not valid UTF-8. */
export function fillRawShapes(store: Store, shapes: string[][] = RAW_SHAPES): void {
  store.db.transaction(() => {
    shapes.forEach(([tags, metadata], i) => {
      store.contexts.insert(context(`raw-${i}`, { createdAt: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }));
      store.db.prepare('UPDATE contexts SET tags = ?, metadata = ? WHERE id = ?').run(tags, metadata, `raw-${i}`);
    });
    store.contexts.insert(context('bad-utf8'));
    store.db.prepare("UPDATE contexts SET title = CAST(x'41ff42c328' AS TEXT), content = CAST(x'22e2820a41' AS TEXT) WHERE id = 'bad-utf8'").run();
  })();
}

export async function bytes(chunks: AsyncIterable<string | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(parts);
}

type Options = ReturnType<typeof exportOptions>;

/** What the record path writes: the format's writer given every record as an object. */
export const recordPath = (store: Store, options: Options) => bytes(getCodec(options.format).write(exportRecords(store, options), exportWriteContext(options)));

/** The run path straight from the repositories, pages of `pageSize` records; how many runs it gave. */
/** Exports through the pipeline and holds the file to the record path's bytes (`--format`, the options given). */
export async function expectSameThroughExport(store: Store, format: FormatId, input: ExportOptionsInput) {
  const file = path.join(tempDir(), `out.${format}`);
  const options = exportOptions({ format, outputPath: file, ...input });
  const result = await runExport(store, options);
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const expected = await recordPath(store, options);
  expect(fs.readFileSync(file).toString('utf8')).toBe(expected.toString('utf8'));
  expect(fs.readFileSync(file).equals(expected)).toBe(true);
  return result;
}

export async function runPath(store: Store, options: Options, pageSize: number): Promise<{ bytes: Buffer; runs: number }> {
  let runs = 0;
  async function* items(): AsyncGenerator<OutItem> {
    const types = options.dataType === 'all' ? (['contexts', 'sessions', 'templates'] as const) : [options.dataType];
    for (const type of types) {
      const repository = store.repository(type);
      const read = { includeMetadata: options.includeMetadata, includeBinaryData: options.includeBinaryData, pageSize };
      for (const item of repository.cellRuns(options.filters, read) ?? repository.iterate(options.filters, read)) {
        if (isStoredCells(item)) {
          runs++;
          yield { ...item, run: 'cells', recordType: type } satisfies CellRun;
        } else yield { recordType: type, value: projectRecord(type, item, options) };
      }
    }
  }
  return { bytes: await bytes(getCodec(options.format).writeItems!(items(), exportWriteContext(options))), runs };
}

/** The store holds exactly these contexts and sessions (a generated case of a property test). */
export function replaceRecords(store: Store, contexts: unknown[], sessions: unknown[]): void {
  store.db.transaction(() => {
    store.db.exec('DELETE FROM contexts; DELETE FROM sessions;');
    for (const c of contexts) store.contexts.insert(c as Context);
    for (const s of sessions) store.sessions.insert(s as Session);
  })();
}

/** The per-type checksums in the manifest of a split `all` export (4 KB parts) of the store in `format`. */
export async function splitChecksums(store: Store, format: FormatId): Promise<unknown> {
  const options = exportOptions({
    dataType: 'all',
    format,
    outputPath: path.join(tempDir(), `out.${format}`),
    splitLargeFiles: { enabled: true, maxSizeBytes: 4096 },
  });
  const result = await runExport(store, options);
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  return JSON.parse(fs.readFileSync(result.manifestPath!, 'utf8')).records;
}

/** On generated stores, the run path (pages of three) writes the record path's bytes in `format`. */
export async function expectRunPathOnGeneratedStores(store: Store, format: FormatId, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(arbitraryContext, { selector: (c) => c.id, maxLength: 12 }),
      fc.uniqueArray(arbitrarySession, { selector: (s) => s.id, maxLength: 3 }),
      fc.boolean(),
      async (contexts, sessions, includeMetadata) => {
        replaceRecords(store, contexts, sessions);
        for (const dataType of ['contexts', 'all'] as DataType[]) {
          const options = exportOptions({ dataType, format, outputPath: `x.${format}`, includeMetadata });
          expect((await runPath(store, options, 3)).bytes.toString('utf8')).toBe((await recordPath(store, options)).toString('utf8'));
        }
      },
    ),
    { numRuns },
  );
}
