/**
 * One record, merged field by field: what the store holds (local), what the source brings (incoming) and,
 * when the record came from an earlier import, a fingerprint of each field as that import left it
 * (baseline). The baseline is what tells a local edit from a source change: a field that differs from it
 * on both sides was edited in both places, and that is a conflict, reported, never decided silently.
 */
import crypto from 'node:crypto';
import type { Attachment, Context } from '../../../shared/model.ts';
import { canonicalJson } from '../envelope/manifest.ts';
import { MERGEABLE_FIELDS, resolveMergeRules, type ConflictChoice, type MergeableField, type MergeRule, type MergeRules } from './merge-rules.ts';

/** A fingerprint per field of a record as an import wrote it. */
export type FieldBaseline = Partial<Record<MergeableField, string>>;

export interface FieldChange {
  field: MergeableField;
  rule: MergeRule;
  before: unknown;
  after: unknown;
}

export interface FieldConflict {
  field: MergeableField;
  rule: MergeRule;
  local: unknown;
  incoming: unknown;
  /** What the conflict choice made of it (`fail` leaves the local value and fails the record). */
  resolution: 'kept-local' | 'took-source' | 'failed';
}

export interface MergeOutcome {
  record: Context;
  changes: FieldChange[];
  conflicts: FieldConflict[];
  /** Nothing to write: the merged record equals the local one. */
  unchanged: boolean;
  /** A conflict under `fail`: the record must not be written. */
  failed: boolean;
}

export interface MergeInput {
  local: Context;
  incoming: Context;
  baseline?: FieldBaseline;
  rules?: MergeRules;
  onConflict: ConflictChoice;
}

export function fieldFingerprint(value: unknown): string {
  return crypto
    .createHash('sha1')
    .update(canonicalJson(normalise(value)))
    .digest('base64');
}

/** The baseline an import leaves for the record it wrote. */
export function baselineOf(record: Context): FieldBaseline {
  const baseline: FieldBaseline = {};
  for (const field of MERGEABLE_FIELDS) baseline[field] = fieldFingerprint(fieldValue(record, field));
  return baseline;
}

export function mergeRecord({ local, incoming, baseline, rules, onConflict }: MergeInput): MergeOutcome {
  const resolved = resolveMergeRules(rules);
  const merged: Record<string, unknown> = { ...local };
  const changes: FieldChange[] = [];
  const conflicts: FieldConflict[] = [];
  let failed = false;
  for (const field of MERGEABLE_FIELDS) {
    const mine = fieldValue(local, field);
    const theirs = fieldValue(incoming, field);
    if (same(mine, theirs)) continue;
    const rule = resolved[field];
    const editedHere = baseline?.[field] !== undefined && fieldFingerprint(mine) !== baseline[field];
    const changedThere = baseline?.[field] === undefined || fieldFingerprint(theirs) !== baseline[field];
    let value: unknown = mine;
    switch (rule) {
      case 'local':
        break;
      case 'union':
        value = unite(field, mine, theirs);
        break;
      case 'append':
        value = appendText(mine, theirs);
        break;
      case 'newer':
        value = stamp(incoming) > stamp(local) ? theirs : mine;
        break;
      case 'source':
        if (!changedThere) break; // the source still says what the last import wrote: the local edit stands
        if (editedHere) {
          const resolution = onConflict === 'take-source' ? 'took-source' : onConflict === 'keep-local' ? 'kept-local' : 'failed';
          conflicts.push({ field, rule, local: mine, incoming: theirs, resolution });
          if (resolution === 'took-source') value = theirs;
          if (resolution === 'failed') failed = true;
        } else value = theirs;
        break;
    }
    if (!same(value, mine)) {
      changes.push({ field, rule, before: mine, after: value });
      if (value === undefined) delete merged[field];
      else merged[field] = value;
    }
  }
  const record = merged as Context;
  return { record, changes: failed ? [] : changes, conflicts, unchanged: changes.length === 0, failed };
}

function fieldValue(record: Context, field: MergeableField): unknown {
  return (record as Record<string, unknown>)[field];
}

/** Absent and empty mean the same for lists and objects: an export that omits `attachments: []` is no change. */
function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return null;
  if (Array.isArray(value) && value.every(isAttachment)) return (value as Attachment[]).map(attachmentKey);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(normalise(a)) === canonicalJson(normalise(b));
}

function unite(field: MergeableField, mine: unknown, theirs: unknown): unknown {
  if (field === 'metadata') {
    // Keys from both sides; where both have a key, the source's value (the rule is about keys, not values).
    return { ...((mine as object | undefined) ?? {}), ...((theirs as object | undefined) ?? {}) };
  }
  const left = Array.isArray(mine) ? mine : [];
  const right = Array.isArray(theirs) ? theirs : [];
  const key = field === 'attachments' ? (a: unknown) => attachmentKey(a as Attachment) : (a: unknown) => canonicalJson(a);
  const seen = new Set(left.map(key));
  return [...left, ...right.filter((item) => !seen.has(key(item)) && seen.add(key(item)))];
}

function appendText(mine: unknown, theirs: unknown): unknown {
  const a = typeof mine === 'string' ? mine : '';
  const b = typeof theirs === 'string' ? theirs : '';
  if (!b || a.includes(b)) return mine;
  if (!a) return theirs;
  return `${a}\n\n${b}`;
}

function stamp(record: Context): number {
  return Date.parse(record.updatedAt ?? record.createdAt) || 0;
}

function isAttachment(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && ('sha256' in value || 'data' in value || 'size' in value);
}

/** Attachments are the same when their checksums are (or, without one, name and size). */
function attachmentKey(a: Attachment): string {
  if (a.sha256) return `sha256:${a.sha256}`;
  if (a.data) return `sha256:${crypto.createHash('sha256').update(Buffer.from(a.data, 'base64')).digest('hex')}`;
  return `name:${a.name}:${a.size ?? ''}`;
}
