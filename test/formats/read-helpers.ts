/** Reading a file's bytes straight through a codec, and importing one through the pipeline. */
import fs from 'node:fs';
import path from 'node:path';
import type { RawRecord, ReadContext } from '../../electron/engine/formats/codec.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import { Store } from '../../electron/engine/store/store.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { ImportOptionsSchema, type ImportOptionsInput, type ImportResult } from '../../shared/options.ts';
import { tempDir } from './helpers.ts';

export async function* chunked(bytes: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function readWith(format: string, input: string | Buffer, context: Partial<ReadContext> = {}, chunkSize = 7): Promise<RawRecord[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const out: RawRecord[] = [];
  for await (const r of getCodec(format).read(chunked(bytes, chunkSize), {
    dataType: 'auto-detect',
    fileName: `x.${format}`,
    maxRecordBytes: 1 << 20,
    ...context,
  }))
    out.push(r);
  return out;
}

export async function importFile(
  name: string,
  content: string | Buffer,
  options: Partial<ImportOptionsInput> = {},
): Promise<{ result: ImportResult; records: Record<string, unknown>[]; file: string }> {
  const dir = tempDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const store = Store.open(path.join(dir, 'store.db'));
  try {
    const result = await runImport(store, [file], ImportOptionsSchema.parse({ errorHandling: 'lenient', ...options }));
    const records = [...store.contexts.iterate(), ...store.sessions.iterate(), ...store.templates.iterate()] as unknown as Record<string, unknown>[];
    return { result, records, file };
  } finally {
    store.close();
  }
}
