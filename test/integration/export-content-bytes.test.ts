/**
 * XML, YAML and Markdown exports take contexts' content as its UTF-8 bytes (store/text-bytes.ts): the file is
 * byte for byte what the codec writes given every record with its content as a string, as every export was
 * written before. Long and short hostile content (the YAML writer builds long text from the bytes), what the
 * store may hold that is not UTF-8 text (bytes some other tool stored: read as a string, as before), and an
 * export through a template (its expressions read the content as text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRecords, exportWriteContext, runExport } from '../../electron/engine/pipeline/export.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import type { DataType } from '../../shared/model.ts';
import type { ExportOptionsInput, FormatId } from '../../shared/options.ts';
import { context, exportOptions, hostileContexts, tempDir, tempStore } from '../helpers.ts';
import { HOSTILE_PIECES } from '../formats/arbitraries.ts';

const LONG = 'a line of text long enough that the writers take it from its bytes, ';

function storeWithContent() {
  const store = tempStore();
  store.db.transaction(() => {
    for (const c of hostileContexts()) store.contexts.insert(c);
    HOSTILE_PIECES.forEach((piece, i) => {
      store.contexts.insert(context(`piece-${i}`, { content: `${LONG}${piece}\n${LONG}${piece}`, createdAt: '2024-02-01T00:00:00.000Z' }));
      store.contexts.insert(context(`repeated-${i}`, { content: piece.repeat(200), createdAt: '2024-02-02T00:00:00.000Z' }));
      store.contexts.insert(context(`edges-${i}`, { content: `${piece}${LONG.repeat(3)}${piece}`, createdAt: '2024-02-03T00:00:00.000Z' }));
    });
    store.contexts.insert(context('lone-surrogate', { content: `${LONG}\ud800${LONG}`, createdAt: '2024-03-01T00:00:00.000Z' }));
    for (const [id, sql] of [
      ['not-utf8', "CAST(x'ff61fe0a62c0af' AS TEXT)"],
      ['cesu', "CAST(x'eda080' AS TEXT)"],
      ['blob', "x'68690a'"],
      ['number', '42'],
    ] as const) {
      store.contexts.insert(context(id, { createdAt: '2024-04-01T00:00:00.000Z' }));
      store.db.prepare(`UPDATE contexts SET content = ${sql} WHERE id = ?`).run(id);
    }
    store.sessions.insert({ id: 's1', name: 'n', description: `${LONG}\u0001\n`, createdAt: '2024-01-01T00:00:00.000Z', metadata: {} });
  })();
  return store;
}

/** What the codec writes given every record as it was read before: content as a string. */
async function stringPath(store: ReturnType<typeof tempStore>, options: ReturnType<typeof exportOptions>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of getCodec(options.format).write(exportRecords(store, options), exportWriteContext(options))) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

describe('content as bytes', () => {
  const store = storeWithContent();
  for (const format of ['xml', 'yaml', 'markdown'] as FormatId[]) {
    for (const dataType of ['contexts', 'all'] as DataType[]) {
      for (const extra of [
        {},
        { includeMetadata: false },
        { mapping: { fieldMappings: { id: 'id', content: 'content', title: 'title' } } },
      ] as ExportOptionsInput[]) {
        it(`${format}, ${dataType}, ${JSON.stringify(extra)}: the bytes of the string path`, async () => {
          const file = path.join(tempDir(), `out.${format}`);
          const options = exportOptions({ dataType, format, outputPath: file, ...extra });
          const result = await runExport(store, options);
          expect(result.status, JSON.stringify(result.error)).toBe('completed');
          const written = fs.readFileSync(file);
          const expected = await stringPath(store, options);
          expect(written.equals(expected), `${written.length} bytes, expected ${expected.length}`).toBe(true);
        });
      }
    }
  }

  it('the repository gives valid UTF-8 text as bytes, and anything else as before', () => {
    const read = (contentBytes: boolean) => new Map([...store.contexts.iterate({}, { contentBytes })].map((c) => [c.id, c.content as unknown]));
    const asText = read(false);
    for (const [id, content] of read(true)) {
      if (typeof content === 'string') expect(['not-utf8', 'cesu', 'blob', 'number']).toContain(id);
      expect(String(content)).toBe(String(asText.get(id)));
    }
  });
});
