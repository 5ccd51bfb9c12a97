/**
 * The mappings of earlier imports that really wrote records, most recent first: what suggestions "remember".
 * A dry run, a failed import, or one that rejected every record taught nothing, so it is never offered back.
 * With the fields of the file at hand, only mappings made for a source with those fields count (every
 * field the earlier mapping named is in this file), so a mapping of one export is not forced on another.
 */
import { MappingSchema, type Mapping } from '../../../shared/model.ts';
import type { OperationRecord } from '../../../shared/operations.ts';

/** Where the history comes from (the operation runner): passed in, so mapping/ stays below operations/. */
export interface OperationHistory {
  history(limit: number, filter: { includeDryRuns: boolean }): OperationRecord[];
}

export function rememberedMappings(runner: OperationHistory, fields?: readonly string[], limit = 200): Mapping[] {
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
    out.push(parsed.data);
  }
  return out;
}
