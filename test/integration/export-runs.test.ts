/**
 * The export's fast path (JSON and JSON Lines from runs of SQLite-built JSON, pipeline/export.ts) writes
 * exactly the bytes the record path writes: the same codec fed records one by one, as every export was written
 * before. An awkward store: quotes, newlines, commas, unicode, empty and null fields, nested metadata, sessions,
 * a template, and a context with attachments (which the store cannot serialize in SQL, so it comes as a record
 * between runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import type { DataType } from '../../shared/model.ts';
import type { FormatId } from '../../shared/options.ts';
import { exportOptions, hostileContexts, tempDir, tempStore } from '../helpers.ts';
import { recordPath } from './awkward-store.ts';

function awkwardStore(withAttachments: boolean) {
  const store = tempStore();
  store.db.transaction(() => {
    hostileContexts().forEach((c, i) => {
      store.contexts.insert(
        i === 1 && withAttachments ? { ...c, attachments: [{ name: 'a "b".txt', mimeType: 'text/plain', data: Buffer.from('hi\n').toString('base64') }] } : c,
      );
    });
    store.sessions.insert({
      id: 's1',
      name: 'n "q"\n, x',
      description: '\u001b\u2028',
      createdAt: '2024-01-01T00:00:00.000Z',
      metadata: { a: [1, { b: null }], '': '' },
    });
    store.sessions.insert({ id: 's2', name: '', description: '', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z', metadata: {} });
  })();
  return store;
}

describe('export runs', () => {
  for (const withAttachments of [false, true]) {
    for (const format of ['json', 'jsonl', 'csv', 'xml', 'yaml', 'markdown'] as FormatId[]) {
      for (const dataType of ['contexts', 'sessions', 'all'] as DataType[]) {
        for (const includeMetadata of [true, false]) {
          it(`${format}, ${dataType}, metadata ${includeMetadata ? 'in' : 'out'}${withAttachments ? ', with attachments' : ''}: the bytes of the record path`, async () => {
            const store = awkwardStore(withAttachments);
            const file = path.join(tempDir(), `out.${format}`);
            const options = exportOptions({ dataType, format, outputPath: file, includeMetadata, includeBinaryData: true });
            const result = await runExport(store, options);
            expect(result.status, JSON.stringify(result.error)).toBe('completed');
            const expected = await recordPath(store, options);
            expect(fs.readFileSync(file).toString('utf8')).toBe(expected.toString('utf8'));
            expect(result.recordCount).toBe(store.contexts.count() * (dataType === 'sessions' ? 0 : 1) + (dataType === 'contexts' ? 0 : 2));
          });
        }
      }
    }
  }

  for (const withAttachments of [false, true]) {
    for (const dataType of ['contexts', 'all'] as DataType[]) {
      it(`a split export keeps its checksums: runs hash as records did (${dataType}${withAttachments ? ', with attachments' : ''})`, async () => {
        const store = awkwardStore(withAttachments);
        const dir = tempDir();
        const sums: unknown[] = [];
        // JSON's runs are joined by its own element separator, JSON Lines' by newlines.
        for (const format of ['json', 'jsonl', 'yaml'] as FormatId[]) {
          const file = path.join(dir, `out.${format}`);
          const result = await runExport(store, exportOptions({ dataType, format, outputPath: file, splitLargeFiles: { enabled: true, maxSizeBytes: 1024 } }));
          expect(result.status).toBe('completed');
          sums.push(JSON.parse(fs.readFileSync(result.manifestPath!, 'utf8')).records);
        }
        // YAML takes the record path, JSON and JSON Lines the runs: the same per-type checksums.
        expect(sums[0]).toEqual(sums[2]);
        expect(sums[1]).toEqual(sums[2]);
      });
    }
  }
});
