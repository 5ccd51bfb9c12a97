/**
 * CSV export from runs of stored values (store/stored-cells.ts, formats/csv/cell-runs.ts) writes exactly the
 * bytes of the record path: the same writer fed records one by one. Hostile values in every column, stored
 * values the app would not write itself (raw SQL: other JSON shapes, padded JSON, invalid UTF-8), attachments
 * between runs, filters, pages cut small, an `all` export whose columns come from its first records, and
 * generated stores.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../electron/engine/store/store.ts';
import type { DataType } from '../../shared/model.ts';
import { context, exportOptions, tempStore } from '../helpers.ts';
import * as shared from './awkward-store.ts';
import {
  awkwardContexts,
  expectRunPathOnGeneratedStores,
  expectSameThroughExport,
  fillRawShapes,
  fillStore,
  PARSED_ONLY,
  RAW_SHAPES,
  splitChecksums,
} from './awkward-store.ts';

const recordPath = async (store: Store, options: Parameters<typeof shared.recordPath>[1]) => (await shared.recordPath(store, options)).toString('utf8');
const runPath = async (store: Store, options: Parameters<typeof shared.runPath>[1], pageSize: number) => {
  const run = await shared.runPath(store, options, pageSize);
  return { text: run.bytes.toString('utf8'), runs: run.runs };
};

describe('CSV from runs of stored values', () => {
  for (const withAttachments of [false, true]) {
    for (const dataType of ['contexts', 'sessions', 'all'] as DataType[]) {
      for (const includeMetadata of [true, false]) {
        it(`${dataType}, metadata ${includeMetadata ? 'in' : 'out'}${withAttachments ? ', attachments between runs' : ''}: the bytes of the record path`, async () => {
          const store = tempStore();
          fillStore(store, awkwardContexts(), withAttachments);
          const result = await expectSameThroughExport(store, 'csv', { dataType, includeMetadata, includeBinaryData: withAttachments });
          expect(result.recordCount).toBe((dataType === 'sessions' ? 0 : store.contexts.count()) + (dataType === 'contexts' ? 0 : 2));
          for (const pageSize of [1, 2, 7]) {
            const options = exportOptions({ dataType, format: 'csv', outputPath: 'x.csv', includeMetadata, includeBinaryData: withAttachments });
            const run = await runPath(store, options, pageSize);
            expect(run.runs).toBeGreaterThan(0);
            expect(run.text).toBe(await recordPath(store, options));
          }
        });
      }
    }
  }

  it('with filters: the same rows, the same bytes', async () => {
    const store = tempStore();
    fillStore(store, awkwardContexts(), true);
    for (const filters of [
      { tags: ['a,b', 'x'] },
      { types: ['note'] },
      { sessionIds: ['', 'plain'] },
      { dateRange: { start: '2024-01-01T00:00:10.000Z', end: '2024-01-01T00:00:40.000Z' } },
      { importance: ['high' as const] },
      { search: 'quoted' },
    ]) {
      await expectSameThroughExport(store, 'csv', { dataType: 'contexts', filters });
    }
  });

  // Metadata is taken for JSON.stringify's text once json() has minified it, as the SQLite-built JSON runs take
  // it (every write goes through the repository's toRow): only escapes JSON.stringify makes are stored.
  it('stored values the app would not write itself: other JSON shapes, padded JSON, invalid UTF-8', async () => {
    const store = tempStore();
    // CSV takes metadata's JSON text as it is (as the JSON runs do), so only shapes JSON.stringify could write.
    fillRawShapes(store, RAW_SHAPES.slice(0, PARSED_ONLY));
    await expectSameThroughExport(store, 'csv', { dataType: 'contexts' });
    await expectSameThroughExport(store, 'csv', { dataType: 'all', includeMetadata: false });
  });

  it('an `all` export whose columns come from its first records (a template with re-import settings among them)', async () => {
    const store = tempStore();
    store.contexts.insert(context('a', { title: '=x' }));
    store.contexts.insert(context('b', { updatedAt: '2024-02-01T00:00:00.000Z', sessionId: '' }));
    store.templates.insert({
      id: 't1',
      name: 'T',
      description: '',
      version: 1,
      schema: { type: 'contexts', fields: [] },
      transformation: { mapping: { fieldMappings: { title: 'title' }, transformations: [] }, computedFields: [] },
      reimport: { match: 'id', merge: true, onConflict: 'take-source' },
      createdAt: '2024-01-01T00:00:00.000Z',
    } as Parameters<typeof store.templates.insert>[0]);
    await expectSameThroughExport(store, 'csv', { dataType: 'all' });
    const options = exportOptions({ dataType: 'all', format: 'csv', outputPath: 'x.csv' });
    expect((await runPath(store, options, 1)).text).toBe(await recordPath(store, options));
    // The columns were chosen from the records: updatedAt after the metadata, as the first context has none.
    expect((await recordPath(store, options)).split('\r\n')[0]).toMatch(
      /^dataType,id,title,content,type,tags,sessionId,createdAt,metadata,updatedAt,.*reimport/,
    );
  });

  it('a split CSV export keeps the checksums of the JSON one', async () => {
    const store = tempStore();
    fillStore(store, awkwardContexts(), true);
    expect(await splitChecksums(store, 'csv')).toEqual(await splitChecksums(store, 'json'));
  });

  it('generated stores: the same bytes, pages of three', async () => {
    await expectRunPathOnGeneratedStores(tempStore(), 'csv', 150);
  });
});
