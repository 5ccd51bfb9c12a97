/**
 * Counts and a checksum per record type of what an export wrote, for its manifest: SHA-256 over each record's
 * compact JSON in export order (the bytes the store built, or JSON.stringify of the projected value, which is
 * the same by construction). Hashing only runs when a manifest will carry it (split exports); then cell runs
 * carry their records' JSON too.
 */
import crypto from 'node:crypto';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { isCellRun, isRecordRun, type OutItem } from '../formats/codec.ts';

/**
 * A run's records as record by record: each one's JSON, a newline after all but the last (wrap adds that one).
 * Its separator holds the run's only newlines (json_object escapes those inside values), so it cuts exactly.
 */
function hashRun(hash: crypto.Hash, bytes: Buffer, separator: string): void {
  if (separator === '\n') {
    hash.update(bytes);
    return;
  }
  const cut = Buffer.from(separator);
  let start = 0;
  for (let at = bytes.indexOf(cut); at !== -1; at = bytes.indexOf(cut, start)) {
    hash.update(bytes.subarray(start, at));
    hash.update('\n');
    start = at + cut.length;
  }
  hash.update(bytes.subarray(start));
}

export type RecordTypeTally = Record<string, { count: number; sha256?: string }>;

export class ExportTally {
  private readonly counts = new Map<string, number>();
  private readonly hashes = new Map<string, crypto.Hash>();
  constructor(readonly hashing: boolean) {}

  async *wrap<T extends OutItem>(records: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const record of records) {
      const run = 'run' in record;
      this.counts.set(record.recordType, (this.counts.get(record.recordType) ?? 0) + (run ? record.count : 1));
      if (this.hashing) {
        let hash = this.hashes.get(record.recordType);
        if (!hash) this.hashes.set(record.recordType, (hash = crypto.createHash('sha256')));
        if (isRecordRun(record)) hashRun(hash, record.bytes, record.separator);
        else if (isCellRun(record)) hashRun(hash, cellRunJson(record.json), '\n');
        else hash.update(JSON.stringify(record.value));
        hash.update('\n');
      }
      yield record;
    }
  }

  summary(): RecordTypeTally {
    const out: RecordTypeTally = {};
    for (const [type, count] of this.counts) out[type] = { count, ...(this.hashes.has(type) ? { sha256: this.hashes.get(type)!.copy().digest('hex') } : {}) };
    return out;
  }
}

function cellRunJson(json: Buffer | undefined): Buffer {
  if (!json) throw new AppError(ERROR_CODES.INTERNAL, 'A run of stored values came without its JSON, which the checksums need.');
  return json;
}
