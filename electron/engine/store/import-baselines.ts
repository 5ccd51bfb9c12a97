/** The store side of re-import: find a record by its source identity or content, keep what an import wrote. */
import type { RecordType } from '../../../shared/model.ts';
import type { Db } from './open.ts';

export interface Baseline {
  recordType: RecordType;
  recordId: string;
  source?: string;
  sourceId?: string;
  contentHash: string;
  /** A fingerprint per field, as JSON-able object. */
  fields: Record<string, string>;
  operationId: string;
  importedAt: string;
}

interface Row {
  record_type: RecordType;
  record_id: string;
  source: string | null;
  source_id: string | null;
  content_hash: string;
  fields: string;
  operation_id: string;
  imported_at: string;
}

const fromRow = (r: Row): Baseline => ({
  recordType: r.record_type,
  recordId: r.record_id,
  source: r.source ?? undefined,
  sourceId: r.source_id ?? undefined,
  contentHash: r.content_hash,
  fields: JSON.parse(r.fields) as Record<string, string>,
  operationId: r.operation_id,
  importedAt: r.imported_at,
});

export class ImportBaselines {
  private readonly byId;
  private readonly bySource;
  private readonly byContent;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.byId = db.prepare<[string, string], Row>('SELECT * FROM import_baselines WHERE record_type = ? AND record_id = ?');
    this.bySource = db.prepare<[string, string, string], Row>('SELECT * FROM import_baselines WHERE record_type = ? AND source = ? AND source_id = ?');
    this.byContent = db.prepare<[string, string], Row>(
      'SELECT * FROM import_baselines WHERE record_type = ? AND content_hash = ? ORDER BY imported_at DESC LIMIT 1',
    );
    this.upsert = db.prepare(
      `INSERT INTO import_baselines (record_type, record_id, source, source_id, content_hash, fields, operation_id, imported_at)
       VALUES (@recordType, @recordId, @source, @sourceId, @contentHash, @fields, @operationId, @importedAt)
       ON CONFLICT (record_type, record_id) DO UPDATE SET source = excluded.source, source_id = excluded.source_id,
         content_hash = excluded.content_hash, fields = excluded.fields, operation_id = excluded.operation_id, imported_at = excluded.imported_at`,
    );
    this.remove = db.prepare('DELETE FROM import_baselines WHERE record_type = ? AND record_id = ?');
  }

  get(type: RecordType, id: string): Baseline | undefined {
    const row = this.byId.get(type, id);
    return row ? fromRow(row) : undefined;
  }

  findBySource(type: RecordType, source: string, sourceId: string): Baseline | undefined {
    const row = this.bySource.get(type, source, sourceId);
    return row ? fromRow(row) : undefined;
  }

  findByContent(type: RecordType, contentHash: string): Baseline | undefined {
    const row = this.byContent.get(type, contentHash);
    return row ? fromRow(row) : undefined;
  }

  put(b: Baseline): void {
    // A source identity now held by another record (the source re-used it) moves to this one.
    if (b.source && b.sourceId) {
      const other = this.findBySource(b.recordType, b.source, b.sourceId);
      if (other && other.recordId !== b.recordId) this.delete(b.recordType, other.recordId);
    }
    this.upsert.run({ ...b, source: b.source ?? null, sourceId: b.sourceId ?? null, fields: JSON.stringify(b.fields) });
  }

  delete(type: RecordType, id: string): void {
    this.remove.run(type, id);
  }
}
