/**
 * A record's fingerprint: a hash of its row as SQLite holds it (attachments described by their checksums).
 * Imports before migration 009 stored one per journal row at commit; undo and verify still check those rows by
 * it (newer rows carry the undo mark instead). Computed by SQL on both sides, so the two always agree.
 */
import crypto from 'node:crypto';
import type { RecordType } from '../../../shared/model.ts';
import type { Db } from './open.ts';

const registered = new WeakSet<Db>();

/** Registers `cs_fingerprint(text)` on a connection (once). */
export function ensureFingerprintFunction(db: Db): void {
  if (registered.has(db)) return;
  db.function('cs_fingerprint', { deterministic: true }, (text: unknown) =>
    text == null ? null : crypto.createHash('sha1').update(String(text)).digest('base64'),
  );
  registered.add(db);
}

/** SQL for the fingerprint of the row aliased `t` in the table of `type`. */
export function fingerprintSql(type: RecordType): string {
  switch (type) {
    case 'contexts':
      return `cs_fingerprint(json_array(t.title, t.content, t.type, t.tags, t.session_id, t.created_at, t.updated_at, t.metadata,
        (SELECT json_group_array(json_array(a.position, a.name, a.mime_type, a.size, a.sha256)) FROM attachments a WHERE a.context_id = t.id)))`;
    case 'sessions':
      return 'cs_fingerprint(json_array(t.name, t.description, t.created_at, t.updated_at, t.metadata))';
    case 'templates':
      return 'cs_fingerprint(json_array(t.name, t.description, t.version, t.schema, t.transformation, t.created_at, t.updated_at))';
  }
}

/** The table of a record type (the names are ours, never user input). */
export function tableOf(type: RecordType): string {
  return type;
}
