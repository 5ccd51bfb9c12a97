/**
 * Counts and a checksum per record type of what an export wrote, for its manifest: SHA-256 over each record's
 * compact JSON in export order (the bytes the store built, or JSON.stringify of the projected value, which is
 * the same by construction). Hashing only runs when a manifest will carry it (split exports).
 */
import crypto from 'node:crypto';
import { isRecordRun, type OutItem } from '../formats/codec.ts';

export type RecordTypeTally = Record<string, { count: number; sha256?: string }>;

export class ExportTally {
  private readonly counts = new Map<string, number>();
  private readonly hashes = new Map<string, crypto.Hash>();
  constructor(private readonly hashing: boolean) {}

  async *wrap<T extends OutItem>(records: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const record of records) {
      const run = isRecordRun(record);
      this.counts.set(record.recordType, (this.counts.get(record.recordType) ?? 0) + (run ? record.count : 1));
      if (this.hashing) {
        let hash = this.hashes.get(record.recordType);
        if (!hash) this.hashes.set(record.recordType, (hash = crypto.createHash('sha256')));
        // A run is its records' JSON, one a line: the same bytes as record by record.
        hash.update(run ? record.bytes : JSON.stringify(record.value));
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
