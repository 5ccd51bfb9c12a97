/**
 * Verifying an export against the store: every record of the file is looked up by id and compared by checksum
 * (missing in the store, different), and every record of the store the export should have held but did not is
 * listed (missing in the export). What "should have held" is the export's own filters when history knows the
 * file (its export operation), else every record of the data types the file holds.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { manifestFileName, parsePartName } from '../../../shared/file-names.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RecordDifference, VerifyResult, VerifyTypeCounts } from '../../../shared/backup.ts';
import { RECORD_TYPES, type RecordType } from '../../../shared/model.ts';
import type { Filters } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import { OperationLog } from '../store/operation-log.ts';
import { readInputs } from '../pipeline/read-inputs.ts';
import { checksumOf, comparable, differingFields, normaliseExported } from './record-checksum.ts';

export interface VerifyExportOptions {
  file: string;
  passphrase?: string;
  key?: string;
  limit: number;
}

interface ExportOperationInfo {
  filters: Filters;
  includeMetadata: boolean;
  dataType: string;
}

/** The export operation that wrote this file, if history has it. */
function exportOperationOf(store: Store, file: string): ExportOperationInfo | undefined {
  const found = new OperationLog(store.db).exportOptionsOf(path.resolve(file));
  if (!found) return undefined;
  const options = found as { filters?: Filters; includeMetadata?: boolean; dataType?: string };
  return { filters: options.filters ?? {}, includeMetadata: options.includeMetadata ?? true, dataType: options.dataType ?? 'contexts' };
}

/** The manifest of a split export given as its manifest, one of its parts, or its `--out` name. */
function readManifestOf(file: string): { recordCount: number; records?: Record<string, { count: number; sha256?: string }> } | undefined {
  const part = parsePartName(file);
  const candidates = [file, manifestFileName(part ? part.basePath : file)];
  for (const candidate of candidates) {
    try {
      const text = fs.readFileSync(candidate, 'utf8');
      if (!/^\s*\{\s*"contextStoreManifest"/.test(text)) continue;
      return JSON.parse(text) as { recordCount: number; records?: Record<string, { count: number; sha256?: string }> };
    } catch {
      /* not there, or not a manifest */
    }
  }
  return undefined;
}

export async function verifyExport(store: Store, options: VerifyExportOptions): Promise<VerifyResult> {
  const started = Date.now();
  const reader = await readInputs([options.file], {
    options: { format: 'auto', dataType: 'auto-detect', passphrase: options.passphrase, key: options.key, allowPlaintext: false },
    mapper: null,
  });
  const known = exportOperationOf(store, options.file);
  const types = new Map<RecordType, VerifyTypeCounts>();
  const seen = new Map<RecordType, Set<string>>();
  const differences: RecordDifference[] = [];
  let totalDifferences = 0;
  const note = (d: RecordDifference) => {
    totalDifferences++;
    if (differences.length < options.limit) differences.push(d);
  };
  const countsOf = (type: RecordType) => {
    let c = types.get(type);
    if (!c) types.set(type, (c = { dataType: type, export: 0, store: 0, matching: 0, missingInStore: 0, missingInExport: 0, different: 0 }));
    return c;
  };
  let withMetadata: boolean | undefined = known?.includeMetadata;
  const manifest = readManifestOf(path.resolve(options.file));
  const hashes = new Map<string, crypto.Hash>();

  for await (const record of reader.records) {
    if (record.error) throw new AppError(record.error.code, record.error.message, { file: record.file, record: record.recordNumber });
    const type = record.recordType;
    const counts = countsOf(type);
    counts.export++;
    const raw = record.value as Record<string, unknown>;
    if (manifest?.records) {
      let hash = hashes.get(type);
      if (!hash) hashes.set(type, (hash = crypto.createHash('sha256')));
      hash.update(JSON.stringify(raw) + '\n');
    }
    withMetadata ??= typeof raw === 'object' && raw !== null && 'metadata' in raw;
    const normalised = normaliseExported(type, raw);
    const id = String((normalised as { id?: unknown } | undefined)?.id ?? raw?.id ?? '');
    let ids = seen.get(type);
    if (!ids) seen.set(type, (ids = new Set()));
    ids.add(id);
    const stored = id ? store.repository(type).get(id) : undefined;
    if (!stored || !normalised) {
      counts.missingInStore++;
      note({ dataType: type, id, kind: 'missing-in-store' });
      continue;
    }
    const mine = comparable(type, stored as unknown as Record<string, unknown>, { includeMetadata: withMetadata });
    const theirs = comparable(type, normalised as unknown as Record<string, unknown>, { includeMetadata: withMetadata });
    if (checksumOf(mine) === checksumOf(theirs)) counts.matching++;
    else {
      counts.different++;
      note({ dataType: type, id, kind: 'different', fields: differingFields(mine, theirs) });
    }
  }

  const expectedTypes = known ? (known.dataType === 'all' ? [...RECORD_TYPES] : [known.dataType as RecordType]) : [...types.keys()];
  for (const type of expectedTypes) {
    const counts = countsOf(type);
    const ids = seen.get(type) ?? new Set<string>();
    for (const record of store.repository(type).iterate(known?.filters ?? {})) {
      counts.store++;
      if (!ids.has(record.id)) {
        counts.missingInExport++;
        note({ dataType: type, id: record.id, kind: 'missing-in-export' });
      }
    }
  }
  const list = [...types.values()];
  const total = list.reduce((n, c) => n + c.export, 0);
  const verified = list.reduce((n, c) => n + c.matching, 0);
  let manifestCheck: VerifyResult['manifest'];
  let countsOk = true;
  if (manifest) {
    const counts: Record<string, number> = {};
    const checksums: Record<string, string> = {};
    for (const [type, entry] of Object.entries(manifest.records ?? {})) {
      counts[type] = entry.count;
      if (entry.sha256) checksums[type] = entry.sha256;
    }
    const countsMatch = manifest.recordCount === total && Object.entries(counts).every(([type, n]) => (types.get(type as RecordType)?.export ?? 0) === n);
    // The checksums are over the records' compact JSON: comparable when the file is JSON (its values parse back to the same text).
    const jsonFile = reader.inputs.every((i) => i.format === 'json' || i.format === 'jsonl');
    const sumsMatch = !jsonFile || Object.entries(checksums).every(([type, sum]) => !hashes.has(type) || hashes.get(type)!.digest('hex') === sum);
    manifestCheck = { recordCount: manifest.recordCount, counts, checksums, matches: countsMatch && sumsMatch };
    countsOk = countsMatch;
  }
  // The per-record comparison is the verdict; a manifest whose counts disagree with its own parts fails it too.
  const ok = totalDifferences === 0 && countsOk;
  return {
    ok,
    file: path.resolve(options.file),
    verified,
    total,
    types: list,
    differences,
    totalDifferences,
    ...(manifestCheck ? { manifest: manifestCheck } : {}),
    durationMs: Date.now() - started,
  };
}
