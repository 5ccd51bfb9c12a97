/**
 * The mappings of earlier imports that really wrote records, most recent first: what suggestions "remember".
 * A dry run, a failed import, or one that rejected every record taught nothing, so it is never offered back.
 * With the fields of the file at hand, only mappings made for a source with those fields count (every
 * field the earlier mapping named is in this file), so a mapping of one export is not forced on another.
 * An entry the user forgot (forgetMapping) is left out of every import made before the forget.
 */
import { MappingSchema, type Mapping } from '../../../shared/model.ts';
import type { OperationRecord } from '../../../shared/operations.ts';
import type { Db } from '../store/open.ts';
import { ForgottenMappings } from '../store/forgotten-mappings.ts';
import { normaliseName } from '../../../shared/field-names.ts';

/** Where the history comes from (the operation runner): passed in, so mapping/ stays below operations/. */
export interface OperationHistory {
  history(limit: number, filter: { includeDryRuns: boolean }): OperationRecord[];
}

/** Whether the entry `source -> target` learnt from an import started at `learntAt` was forgotten since. */
export type ForgottenTest = (sourceKey: string, target: string, learntAt: string) => boolean;

export function rememberedMappings(runner: OperationHistory, fields?: readonly string[], limit = 200, isForgotten: ForgottenTest = () => false): Mapping[] {
  const out: Mapping[] = [];
  let history: OperationRecord[];
  try {
    history = runner.history(limit, { includeDryRuns: false });
  } catch {
    return out; // history is a help here, never a reason to fail a suggestion
  }
  const present = fields ? new Set(fields) : undefined;
  const recent = [...history].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  for (const op of recent) {
    if (op.type !== 'import' || (op.status !== 'completed' && op.status !== 'completed_with_errors')) continue;
    if (op.dryRun || op.options?.dryRun === true || op.counts.successful === 0 || op.relatedOperationId) continue;
    const parsed = MappingSchema.safeParse(op.options?.mapping);
    if (!parsed.success || Object.keys(parsed.data.fieldMappings).length === 0) continue;
    if (present && !Object.keys(parsed.data.fieldMappings).every((source) => present.has(source))) continue;
    const kept = Object.entries(parsed.data.fieldMappings).filter(([source, target]) => !isForgotten(normaliseName(source), target, op.startedAt));
    if (kept.length === 0) continue;
    out.push({ ...parsed.data, fieldMappings: Object.fromEntries(kept) });
  }
  return out;
}

/**
 * Forgets what committed imports taught the suggestions for a source field (every target, or one). Returns
 * how many remembered entries (one per import) stop counting; 0 when nothing was remembered for it.
 */
export function forgetMapping(db: Db, runner: OperationHistory, source: string, target?: string): { forgotten: number } {
  const key = normaliseName(source);
  const forgotten = new ForgottenMappings(db);
  const before = forgotten.matcher();
  let count = 0;
  for (const mapping of rememberedMappings(runner, undefined, 200, before)) {
    for (const [s, t] of Object.entries(mapping.fieldMappings)) if (normaliseName(s) === key && (target === undefined || t === target)) count++;
  }
  forgotten.forget(key, target, new Date().toISOString());
  return { forgotten: count };
}
