/**
 * The Detect step (the contract's inspectFile): what an input is (format or source preset, data type,
 * envelope) and its first records with their fields and sample values, before anything is mapped or written.
 * Its own module so the service loads the readers, presets and archive code only when a file is inspected.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Handlers, InspectResult } from '../../../shared/contract.ts';
import { guessRecordType } from '../../../shared/record-type.ts';
import type { RecordType } from '../../../shared/model.ts';
import { DEFAULT_MAX_RECORD_BYTES, type RawRecord } from '../formats/codec.ts';
import { detectFormat, extensionCodec } from '../formats/registry.ts';
import { expandInput, type ExpandedInput } from '../inputs/expand.ts';
import { groupExportParts } from './export-parts.ts';
import { chooseSource, openAndDetect, sourceOptionDefaults, sourceSummary } from './read-inputs.ts';

/** Flattens nested objects to dotted field names: the names a mapping's source side uses. */
export function flattenFields(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && Object.keys(inner).length > 0) flattenFields(inner, name, out);
      else out.set(name, inner);
    }
  }
  return out;
}

export async function inspect(
  file: string,
  options: Parameters<Handlers['inspectFile']>[0]['options'],
  sampleSize: number,
  companions: string[] = [],
): Promise<InspectResult> {
  // A folder, a zip or a tool's export: the Detect step shows the preset that will read it and its first records.
  let expanded = await expandInput(file, { limits: options.decompressionLimits });
  if (companions.length && expanded.kind === 'file') expanded = await withCompanions(expanded, companions, options);
  try {
    const chosen = await chooseSource(expanded, options.source);
    if (chosen) {
      const counts: Record<string, number> = {};
      // What the preset says about the input (WhatsApp's day order, likes without dates) belongs on the Detect
      // step, where the options that answer it are; the folder is left out (an upload's is a temporary one).
      const presetWarnings: string[] = [];
      const folder = path.dirname(path.resolve(file)) + path.sep;
      const reader = chosen.preset.read(expanded, {
        options: sourceOptionDefaults(chosen.preset, options.sourceOptions, options.as),
        maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
        warn: (message) => presetWarnings.push(message.split(folder).join('')),
        count: (noun, by = 1) => void (counts[noun] = (counts[noun] ?? 0) + by),
      });
      const sampled = await sampleRecords(reader, sampleSize, mappedTypeOf(options.dataType));
      sampled.result.warnings.push(...presetWarnings);
      return {
        ...sampled.result,
        input: {
          file,
          format: chosen.preset.id,
          dataType: 'all',
          compression: 'none',
          encrypted: false,
          bytes: expanded.entries.reduce((sum, e) => sum + e.size, 0),
          source: {
            id: chosen.preset.id,
            label: chosen.preset.label,
            forced: chosen.forced,
            counts,
            // The counts the preset made while the sample was read: the whole input unless the sample stopped early.
            summary: `${sourceSummary(chosen.preset.label, counts)}${sampled.complete ? '' : ` (in the first ${sampled.result.sampleRecords.length} records)`}`,
          },
          entriesRead: expanded.entries.length,
          skipped: expanded.skipped.length ? expanded.skipped : undefined,
          ...(expanded.kind !== 'file' ? { container: expanded.kind } : {}),
        },
      };
    }
    if (expanded.kind !== 'file') {
      // The first entry the import would read: by its extension, else by its content (a Tomboy `.note` is XML).
      let first = expanded.entries.find((e) => extensionCodec(e.path));
      for (const e of expanded.entries) {
        if (first) break;
        if (readableByContent(e.path, (await e.head(64 * 1024)).toString('utf8'))) first = e;
      }
      if (!first) throw new AppError(ERROR_CODES.FORMAT_UNDETECTED, `${path.basename(file)} holds no file this tool can read.`, { file });
      if (first.diskPath) return await inspect(first.diskPath, options, sampleSize);
      // An entry of a zip (Simplenote's notes.json): looked at from a copy, as the import reads it from the stream.
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cs-inspect-'));
      try {
        const copy = path.join(dir, path.basename(first.path));
        await pipeline(first.open(), fs.createWriteStream(copy));
        const result = await inspect(copy, options, sampleSize);
        return { ...result, input: { ...result.input, file: `${file} › ${first.path}` } };
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await expanded.close();
  }
  const notes: string[] = [];
  let root: string | undefined;
  let encoding: string | undefined;
  const {
    opened,
    codec,
    records: reader,
  } = await openAndDetect(
    file,
    options,
    undefined,
    undefined,
    (found, detected) => {
      root = found;
      if (detected) notes.push(`records at \`${found}\` (found in the document)`);
    },
    (found, why) => {
      encoding = found;
      notes.push(`read as ${found} (${why}); choose another encoding if the text looks wrong`);
    },
    (message) => notes.push(message),
  );
  const sampled = await sampleRecords(reader, sampleSize, mappedTypeOf(options.dataType));
  sampled.result.warnings.unshift(...notes);
  const { types } = sampled;
  const requested = options.dataType;
  return {
    ...sampled.result,
    input: {
      file,
      format: codec.id,
      dataType: requested !== 'auto-detect' ? requested : types.size === 1 ? [...types][0]! : types.size > 1 ? 'all' : 'contexts',
      compression: opened.compression,
      encrypted: opened.encrypted,
      bytes: opened.bytes,
      root,
      encoding,
    },
  };
}

/** The most other files the Detect step reads with the inspected one. */
const MAX_COMPANIONS = 1000;

/** The file with the other files of its export given with it (outbox.json with actor.json), as the import groups them. */
async function withCompanions(
  expanded: ExpandedInput,
  companions: string[],
  options: Parameters<Handlers['inspectFile']>[0]['options'],
): Promise<ExpandedInput> {
  const others: ExpandedInput[] = [];
  // Only files join a file (export-parts.ts): folders and zips are not opened, each path once, a bad one passed over
  // (the import names it), and no more than an export's parts are looked at.
  const seen = new Set([path.resolve(expanded.root)]);
  for (const companion of companions) {
    if (others.length >= MAX_COMPANIONS) break;
    const resolved = path.resolve(companion);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    const stat = await fs.promises.stat(resolved).catch(() => undefined);
    if (!stat?.isFile()) continue;
    try {
      const other = await expandInput(companion, { limits: options.decompressionLimits });
      if (other.kind === 'file') others.push(other);
      else await other.close();
    } catch {
      /* not readable here: the import says why */
    }
  }
  const [first, ...rest] = await groupExportParts([expanded, ...others], options.source);
  // What did not join the inspected file is not looked at here.
  for (const input of rest) await input.close();
  return first!;
}

function mappedTypeOf(dataType: string | undefined): RecordType {
  return dataType === 'sessions' || dataType === 'templates' ? dataType : 'contexts';
}

/** Whether the formats can tell this entry's format from its first bytes (as the import of a folder does). */
function readableByContent(name: string, head: string): boolean {
  try {
    detectFormat(name, head);
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === ERROR_CODES.FORMAT_UNDETECTED || error.code === ERROR_CODES.UNSUPPORTED_FORMAT)) return false;
    throw error;
  }
}

async function sampleRecords(
  reader: AsyncIterable<RawRecord>,
  sampleSize: number,
  /** The type a mapping maps (contexts unless the user asked for another): its records' fields are the fields. */
  mappedType: RecordType = 'contexts',
): Promise<{ result: Omit<InspectResult, 'input'>; types: Set<RecordType>; complete: boolean }> {
  const sampleRecords: Record<string, unknown>[] = [];
  const fields: string[] = [];
  const samples: Record<string, unknown[]> = {};
  const warnings: string[] = [];
  const types = new Set<RecordType>();
  // How many sampled records hold a value in each field: fewer than all is a sparse field.
  const filled = new Map<string, number>();
  // The fields a mapping is made of are those of the records it maps: a preset's sessions pass unmapped
  // (read-inputs.ts), so their `name` and `description` are no fields of its contexts. Typed others only when
  // the sample has nothing else (a file of sessions).
  const others: Record<string, unknown>[] = [];
  let mapped = 0;
  const addFields = (record: Record<string, unknown>) => {
    mapped++;
    for (const [name, value] of flattenFields(record)) {
      if (!(name in samples)) {
        fields.push(name);
        samples[name] = [];
      }
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      if (!empty) filled.set(name, (filled.get(name) ?? 0) + 1);
      // An empty list says nothing of the field (Discord's `attachments: []` on most messages hid the one holding files).
      const nothing = value === undefined || value === '' || value === null || (Array.isArray(value) && value.length === 0);
      if (samples[name]!.length < 3 && !nothing) samples[name]!.push(value);
    }
  };
  const done = () => {
    if (mapped === 0) for (const record of others) addFields(record);
    const sparseFields = fields.filter((f) => (filled.get(f) ?? 0) < mapped);
    return { fields, sampleRecords, samples, sparseFields, warnings };
  };
  for await (const raw of reader) {
    if (raw.error) {
      warnings.push(raw.error.message);
    } else if (typeof raw.value === 'object' && raw.value !== null) {
      const record = raw.value as Record<string, unknown>;
      sampleRecords.push(record);
      types.add(raw.recordType ?? guessRecordType(record) ?? 'contexts');
      if (raw.recordType && raw.recordType !== mappedType) others.push(record);
      else addFields(record);
    }
    if (sampleRecords.length + warnings.length >= sampleSize) return { result: done(), types, complete: false };
  }
  return { result: done(), types, complete: true };
}
