/**
 * XML, YAML and Markdown exports from runs of stored values (formats/cell-values.ts and each format's
 * cell-runs.ts) write exactly the bytes of the record path: the same writer fed records one by one. Awkward
 * values in every field (awkward-store.ts), stored values the app would not write itself, invalid UTF-8,
 * attachments between runs (with and without their bytes), with and without metadata, contexts, sessions and
 * `all`, pages cut small, and generated stores.
 */
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../shared/model.ts';
import type { FormatId } from '../../shared/options.ts';
import { exportOptions, tempStore } from '../helpers.ts';
import {
  awkwardContexts,
  expectRunPathOnGeneratedStores,
  expectSameThroughExport,
  fillRawShapes,
  fillStore,
  recordPath,
  runPath,
  splitChecksums,
} from './awkward-store.ts';

const FORMATS = ['xml', 'yaml', 'markdown'] as const satisfies readonly FormatId[];

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
      fillRawShapes(store);
      await expectSameThroughExport(store, format, { dataType: 'contexts' });
      await expectSameThroughExport(store, format, { dataType: 'all', includeMetadata: false });
      const options = exportOptions({ dataType: 'contexts', format, outputPath: `x.${format}` });
      expect((await runPath(store, options, 3)).bytes.equals(await recordPath(store, options))).toBe(true);
    });

    it('an empty store; a split export keeps the checksums of the JSON one', async () => {
      const store = tempStore();
      for (const dataType of ['contexts', 'all'] as DataType[]) await expectSameThroughExport(store, format, { dataType });
      fillStore(store, awkwardContexts(), true);
      expect(await splitChecksums(store, format)).toEqual(await splitChecksums(store, 'json'));
    });

    it('generated stores: the same bytes, pages of three', async () => {
      await expectRunPathOnGeneratedStores(tempStore(), format, 60);
    });
  });
}
