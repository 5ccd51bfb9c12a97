/**
 * What an import does with one valid record, given what the store holds: insert it, overwrite, merge field
 * by field, leave it (unchanged or skipped), or refuse it (a duplicate nobody said what to do with, or a
 * conflict under `fail`). Pure apart from the reads it makes; the pipeline does the writing.
 */
import crypto from 'node:crypto';
import type { AnyRecord, Context, RecordType } from '../../../shared/model.ts';
import type { Repository } from '../store/repositories.ts';
import type { ImportBaselines } from '../store/import-baselines.ts';
import { baselineOf, mergeRecord, type FieldChange, type FieldConflict } from './merge.ts';
import { canonicalJson } from '../envelope/manifest.ts';
import type { ConflictChoice, MergeRules } from './merge-rules.ts';

import type { MatchMode, RecordConflictChoice } from '../../../shared/options.ts';

export interface ReimportPolicy {
  match: MatchMode;
  skipDuplicates: boolean;
  overwriteExisting: boolean;
  merge: boolean;
  mergeRules?: MergeRules;
  onConflict: ConflictChoice;
  /** A person's answer for one record (by the store's id), over `onConflict`. */
  conflictChoices?: Record<string, RecordConflictChoice>;
}

export type Decision =
  | { kind: 'insert'; record: AnyRecord }
  | { kind: 'overwrite'; record: AnyRecord; before: AnyRecord }
  | { kind: 'merge'; record: AnyRecord; before: AnyRecord; changes: FieldChange[]; conflicts: FieldConflict[] }
  | { kind: 'unchanged'; id: string; conflicts: FieldConflict[] }
  | { kind: 'skip'; id: string }
  | { kind: 'duplicate'; id: string }
  | { kind: 'conflict'; id: string; conflicts: FieldConflict[] };

/** The source identity a preset gave a context (metadata.source + metadata.sourceId). */
export function sourceIdentity(record: AnyRecord): { source: string; sourceId: string } | undefined {
  const meta = (record as { metadata?: Record<string, unknown> }).metadata;
  const source = meta?.source;
  const sourceId = meta?.sourceId;
  if (typeof source === 'string' && source && (typeof sourceId === 'string' || typeof sourceId === 'number') && String(sourceId)) {
    return { source, sourceId: String(sourceId) };
  }
  return undefined;
}

/** Same text, same content: what `--match content` compares (title and body, whitespace at the ends ignored). */
export function contentHash(record: AnyRecord): string {
  const r = record as { title?: unknown; content?: unknown; name?: unknown; description?: unknown };
  const parts = [r.title ?? r.name ?? '', r.content ?? r.description ?? ''].map((v) => String(v).trim());
  return crypto.createHash('sha256').update(canonicalJson(parts)).digest('base64');
}

export interface Existing {
  record: AnyRecord;
  /** How it was found: only a source or content match makes an identical record "unchanged" by itself. */
  matchedBy: MatchMode;
}

export function findExisting(
  repo: Repository,
  baselines: ImportBaselines | undefined,
  type: RecordType,
  record: AnyRecord,
  match: MatchMode,
): Existing | undefined {
  if (match === 'source' && baselines) {
    const identity = sourceIdentity(record);
    if (identity) {
      const found = baselines.findBySource(type, identity.source, identity.sourceId);
      const existing = found && repo.get(found.recordId, { includeBinaryData: true });
      if (existing) return { record: existing, matchedBy: 'source' };
    }
  } else if (match === 'content' && baselines) {
    const found = baselines.findByContent(type, contentHash(record));
    const existing = found && repo.get(found.recordId, { includeBinaryData: true });
    if (existing) return { record: existing, matchedBy: 'content' };
  }
  const byId = repo.get(record.id, { includeBinaryData: true });
  return byId ? { record: byId, matchedBy: 'id' } : undefined;
}

export function decide(
  policy: ReimportPolicy,
  type: RecordType,
  incoming: AnyRecord,
  found: Existing | undefined,
  baselineFields: Record<string, string> | undefined,
): Decision {
  if (!found) return { kind: 'insert', record: incoming };
  const existing = found.record;
  // Matched by source or content, the record keeps the id the store knows it by.
  const record = existing.id === incoming.id ? incoming : ({ ...incoming, id: existing.id } as AnyRecord);
  if (type !== 'contexts') {
    if (found.matchedBy !== 'id' && sameRecord(existing, record)) return { kind: 'unchanged', id: existing.id, conflicts: [] };
    if (policy.overwriteExisting || policy.merge) return { kind: 'overwrite', record, before: existing };
    if (policy.skipDuplicates) return { kind: 'skip', id: existing.id };
    return { kind: 'duplicate', id: existing.id };
  }
  if (policy.merge) {
    const outcome = mergeRecord({
      local: existing as Context,
      incoming: record as Context,
      baseline: baselineFields,
      rules: policy.mergeRules,
      onConflict: policy.conflictChoices?.[existing.id] ?? policy.onConflict,
    });
    if (outcome.failed) return { kind: 'conflict', id: existing.id, conflicts: outcome.conflicts };
    if (outcome.unchanged) return { kind: 'unchanged', id: existing.id, conflicts: outcome.conflicts };
    return { kind: 'merge', record: outcome.record, before: existing, changes: outcome.changes, conflicts: outcome.conflicts };
  }
  // A record found by its source identity that the source still has as it was: nothing to do, whatever the policy.
  if (found.matchedBy !== 'id' && sameRecord(existing, record)) return { kind: 'unchanged', id: existing.id, conflicts: [] };
  if (policy.overwriteExisting) return { kind: 'overwrite', record, before: existing };
  if (policy.skipDuplicates) return { kind: 'skip', id: existing.id };
  return { kind: 'duplicate', id: existing.id };
}

function sameRecord(a: AnyRecord, b: AnyRecord): boolean {
  if ('content' in a && 'content' in b) {
    return mergeRecord({ local: a as Context, incoming: b as Context, onConflict: 'keep-local', rules: ALL_SOURCE }).unchanged;
  }
  const strip = ({ updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
  return canonicalJson(strip(a as never)) === canonicalJson(strip(b as never));
}

const ALL_SOURCE: MergeRules = {
  title: 'source',
  content: 'source',
  type: 'source',
  tags: 'source',
  sessionId: 'source',
  createdAt: 'source',
  updatedAt: 'source',
  metadata: 'source',
  attachments: 'source',
};

/** The baseline row an import keeps for a context it wrote (source identity, content hash, field prints). */
export function baselineFor(type: RecordType, record: AnyRecord, operationId: string, now: string) {
  const identity = sourceIdentity(record);
  return {
    recordType: type,
    recordId: record.id,
    source: identity?.source,
    sourceId: identity?.sourceId,
    contentHash: contentHash(record),
    fields: type === 'contexts' ? (baselineOf(record as Context) as Record<string, string>) : {},
    operationId,
    importedAt: now,
  };
}
