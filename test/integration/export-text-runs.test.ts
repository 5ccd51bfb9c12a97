/**
 * XML, YAML and Markdown exports from runs of stored values (formats/cell-values.ts and each format's
 * cell-runs.ts) write exactly the bytes of the record path: the same writer fed records one by one. Awkward
 * values in every field (awkward-store.ts), stored values the app would not write itself, invalid UTF-8,
 * attachments between runs (with and without their bytes), with and without metadata, contexts, sessions and
 * `all`, pages cut small, and generated stores.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportRecords, exportWriteContext, runExport } from '../../electron/engine/pipeline/export.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import type { CellRun, OutItem } from '../../electron/engine/formats/codec.ts';
import { projectRecord } from '../../electron/engine/pipeline/project.ts';
import { isStoredCells } from '../../electron/engine/store/repositories.ts';
import type { Store } from '../../electron/engine/store/store.ts';
import type { Context, DataType, Session } from '../../shared/model.ts';
import type { ExportOptionsInput, FormatId } from '../../shared/options.ts';
import { context, exportOptions, tempDir, tempStore } from '../helpers.ts';
import { context as arbitraryContext, session as arbitrarySession } from '../formats/arbitraries.ts';
import { awkwardContexts, fillStore } from './awkward-store.ts';

const FORMATS = ['xml', 'yaml', 'markdown'] as const satisfies readonly FormatId[];

async function bytes(chunks: AsyncIterable<string | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(parts);
}

type Options = ReturnType<typeof exportOptions>;

/** What the record path writes: the writer given every record as an object. */
const recordPath = (store: Store, options: Options) => bytes(getCodec(options.format).write(exportRecords(store, options), exportWriteContext(options)));

/** The run path straight from the repositories, pages of `pageSize` records; how many runs it gave. */
async function runPath(store: Store, options: Options, pageSize: number): Promise<{ bytes: Buffer; runs: number }> {
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
  const codec = getCodec(options.format);
  return { bytes: await bytes(codec.writeItems!(items(), exportWriteContext(options))), runs };
}

async function expectSameThroughExport(store: Store, format: FormatId, input: ExportOptionsInput) {
  const file = path.join(tempDir(), `out.${format}`);
  const options = exportOptions({ format, outputPath: file, ...input });
  const result = await runExport(store, options);
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const expected = await recordPath(store, options);
  expect(fs.readFileSync(file).toString('utf8')).toBe(expected.toString('utf8'));
  expect(fs.readFileSync(file).equals(expected)).toBe(true);
  return result;
}

for (const format of FORMATS) {
  describe(`${format} from runs of stored values`, () => {
    for (const withAttachments of [false, true]) {
      for (const dataType of ['contexts', 'sessions', 'all'] as DataType[]) {
        for (const includeMetadata of [true, false]) {
          it(`${dataType}, metadata ${includeMetadata ? 'in' : 'out'}${withAttachments ? ', attachments between runs' : ''}: the bytes of the record path`, async () => {
            const store = tempStore();
            fillStore(store, awkwardContexts(), withAttachments);
            await expectSameThroughExport(store, format, { dataType, includeMetadata, includeBinaryData: withAttachments });
            if (withAttachments) await expectSameThroughExport(store, format, { dataType, includeMetadata, includeBinaryData: false });
            for (const pageSize of [1, 2, 7]) {
              const options = exportOptions({ dataType, format, outputPath: `x.${format}`, includeMetadata, includeBinaryData: withAttachments });
              const run = await runPath(store, options, pageSize);
              expect(run.runs).toBeGreaterThan(0);
              expect(run.bytes.toString('utf8')).toBe((await recordPath(store, options)).toString('utf8'));
            }
          });
        }
      }
    }

    it('stored values the app would not write itself: other JSON shapes, padded JSON, invalid UTF-8', async () => {
      const store = tempStore();
      const shapes = [
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
        ['["x","x"]', '{"a":1,"a":2}'],
        ['[""]', '{"2":"b","1":"a","z":0}'],
        ['["\\u0007"]', '{"n":-0,"big":1e400,"e":1E2,"d":1.50}'],
        ['["]]>"]', '{"k":"\\ufffe","ok":"\\u00e9"}'],
      ];
      store.db.transaction(() => {
        shapes.forEach(([tags, metadata], i) => {
          store.contexts.insert(context(`raw-${i}`, { createdAt: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }));
          store.db.prepare('UPDATE contexts SET tags = ?, metadata = ? WHERE id = ?').run(tags, metadata, `raw-${i}`);
        });
        store.contexts.insert(context('bad-utf8'));
        store.db.prepare("UPDATE contexts SET title = CAST(x'41ff42c328' AS TEXT), content = CAST(x'22e2820a41' AS TEXT) WHERE id = 'bad-utf8'").run();
      })();
      await expectSameThroughExport(store, format, { dataType: 'contexts' });
      await expectSameThroughExport(store, format, { dataType: 'all', includeMetadata: false });
      const options = exportOptions({ dataType: 'contexts', format, outputPath: `x.${format}` });
      expect((await runPath(store, options, 3)).bytes.equals(await recordPath(store, options))).toBe(true);
    });

    it('an empty store, and a split export', async () => {
      const store = tempStore();
      for (const dataType of ['contexts', 'all'] as DataType[]) await expectSameThroughExport(store, format, { dataType });
      fillStore(store, awkwardContexts(), true);
      const result = await runExport(
        store,
        exportOptions({ dataType: 'all', format, outputPath: path.join(tempDir(), `out.${format}`), splitLargeFiles: { enabled: true, maxSizeBytes: 4096 } }),
      );
      expect(result.status, JSON.stringify(result.error)).toBe('completed');
    });

    it('generated stores: the same bytes, pages of three', async () => {
      const store = tempStore();
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(arbitraryContext, { selector: (c) => c.id, maxLength: 12 }),
          fc.uniqueArray(arbitrarySession, { selector: (s) => s.id, maxLength: 3 }),
          fc.boolean(),
          async (contexts, sessions, includeMetadata) => {
            store.db.transaction(() => {
              store.db.exec('DELETE FROM contexts; DELETE FROM sessions;');
              for (const c of contexts) store.contexts.insert(c as Context);
              for (const s of sessions) store.sessions.insert(s as Session);
            })();
            for (const dataType of ['contexts', 'all'] as DataType[]) {
              const options = exportOptions({ dataType, format, outputPath: `x.${format}`, includeMetadata });
              expect((await runPath(store, options, 3)).bytes.toString('utf8')).toBe((await recordPath(store, options)).toString('utf8'));
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
