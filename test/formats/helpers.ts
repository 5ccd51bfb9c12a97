/**
 * Round trips through the real pipeline: records go into a real store, out through runExport, into a fresh
 * store through runImport (format and type detected), and are read back from both stores to compare.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../electron/engine/store/store.ts';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { validateRecord } from '../../electron/engine/pipeline/validate-record.ts';
import { ExportOptionsSchema, ImportOptionsSchema, type ExportOptionsInput, type ImportOptionsInput, type ImportResult } from '../../shared/options.ts';
import { RECORD_TYPES, type AnyRecord, type DataType, type RecordType } from '../../shared/model.ts';
import { getCodec } from '../../electron/engine/formats/registry.ts';

export const FORMATS = ['json', 'jsonl', 'csv', 'xml', 'yaml', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const DATA_TYPES: DataType[] = ['contexts', 'sessions', 'templates', 'all'];

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cs-formats-'));
}

export type Seed = Partial<Record<RecordType, unknown[]>>;

/** Opens a store holding the seed records, normalised as an import would store them. */
export function seededStore(file: string, seed: Seed): Store {
  const store = Store.open(file);
  for (const type of RECORD_TYPES) {
    for (const raw of seed[type] ?? []) {
      const checked = validateRecord(type, raw, true);
      if (!checked.ok) throw new Error(`bad seed ${type}: ${JSON.stringify(checked.issues)}`);
      store.repository(type).insert(checked.record);
    }
  }
  return store;
}

export function allRecords(store: Store, types: RecordType[] = [...RECORD_TYPES]): Record<string, AnyRecord[]> {
  const out: Record<string, AnyRecord[]> = {};
  for (const type of types) out[type] = [...store.repository(type).iterate({}, { includeBinaryData: true })];
  return out;
}

export interface RoundTrip {
  before: Record<string, AnyRecord[]>;
  after: Record<string, AnyRecord[]>;
  file: string;
  importResult: ImportResult;
}

export async function roundTrip(
  format: Format,
  dataType: DataType,
  seed: Seed,
  options: { exportOptions?: Partial<ExportOptionsInput>; importOptions?: Partial<ImportOptionsInput>; fileName?: string; dir?: string } = {},
): Promise<RoundTrip> {
  const dir = options.dir ?? tempDir();
  const source = seededStore(path.join(dir, 'source.db'), seed);
  const target = Store.open(path.join(dir, 'target.db'));
  try {
    const file = path.join(dir, options.fileName ?? `export${getCodec(format).extensions[0]}`);
    const exported = await runExport(source, ExportOptionsSchema.parse({ dataType, format, outputPath: file, ...options.exportOptions }));
    if (exported.status !== 'completed') throw new Error(`export failed: ${JSON.stringify(exported.error)}`);
    const importResult = await runImport(target, [file], ImportOptionsSchema.parse({ dataType: 'auto-detect', format: 'auto', ...options.importOptions }));
    const types = dataType === 'all' ? [...RECORD_TYPES] : [dataType];
    return { before: allRecords(source, types), after: allRecords(target, types), file, importResult };
  } finally {
    source.close();
    target.close();
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The readable summary of a failed import, for assertion messages. */
export function describe(result: ImportResult): string {
  return JSON.stringify({
    status: result.status,
    error: result.error,
    errors: result.errors.slice(0, 3).map((e) => ({ ...e, data: undefined })),
    inputs: result.inputs,
  });
}
