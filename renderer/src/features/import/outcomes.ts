/** Groups a dry run's outcomes by action and reason, for the counts, the chips and the table. */
import { outcomeReason, type ImportResult, type RecordAction, type RecordOutcome } from '../../../../shared/options.ts';
import { recordTypeOr } from '../../../../shared/record-type.ts';
import { formatCount } from '../../lib/format.ts';

export interface ReasonGroup {
  key: string;
  action: RecordAction;
  reason: string;
  count: number;
}

export const ACTION_META: Record<RecordAction, { icon: string; label: string; verb: string }> = {
  insert: { icon: '✚', label: 'Insert', verb: 'inserted' },
  overwrite: { icon: '↻', label: 'Overwrite', verb: 'overwritten' },
  merge: { icon: '⇄', label: 'Merge', verb: 'merged' },
  unchanged: { icon: '=', label: 'Unchanged', verb: 'unchanged' },
  skip: { icon: '⤼', label: 'Skip', verb: 'skipped' },
  reject: { icon: '✕', label: 'Reject', verb: 'rejected' },
};

/** The outcomes of a result; when the service sent none, rejected records are rebuilt from the errors. */
export function outcomesOf(result: ImportResult): RecordOutcome[] {
  if (result.outcomes && result.outcomes.length > 0) return result.outcomes;
  return result.errors.map((e) => ({
    record: e.record,
    dataType: recordTypeOr(result.dataType),
    action: 'reject' as const,
    reason: e.error,
    field: e.field,
    after: e.data,
  }));
}

/** Reason groups with their totals: the engine's uncapped counts when it sent them, else counted from the outcomes. */
export function reasonGroupsOf(result: ImportResult, outcomes: RecordOutcome[]): ReasonGroup[] {
  if (!result.reasonCounts) return groupReasons(outcomes);
  return result.reasonCounts.map((r) => ({ key: `${r.action}|${r.reason}`, ...r })).sort((a, b) => b.count - a.count);
}

export function groupReasons(outcomes: RecordOutcome[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const o of outcomes) {
    if (o.action === 'insert') continue;
    const reason = outcomeReason(o);
    const key = `${o.action}|${reason}`;
    const g = groups.get(key) ?? { key, action: o.action, reason, count: 0 };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export const reasonKey = (o: RecordOutcome): string => `${o.action}|${outcomeReason(o)}`;

/** A short label for a record: its title or name, else its id. */
export function recordLabel(value: unknown, fallback?: string): string {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    for (const key of ['title', 'name', 'id']) if (typeof v[key] === 'string' && v[key]) return v[key] as string;
  }
  return fallback ?? '';
}

type ActionTotals = Pick<
  ImportResult,
  'totalRecords' | 'insertedRecords' | 'overwrittenRecords' | 'mergedRecords' | 'unchangedRecords' | 'skippedRecords' | 'failedRecords'
>;

const CHIP_ACTIONS: [RecordAction, keyof ActionTotals][] = [
  ['insert', 'insertedRecords'],
  ['overwrite', 'overwrittenRecords'],
  ['merge', 'mergedRecords'],
  ['unchanged', 'unchangedRecords'],
  ['skip', 'skippedRecords'],
  ['reject', 'failedRecords'],
];

/**
 * The dry run's filter chips: "All" and one per action that happened. A chip counts every record (the
 * result's totals), and when the engine listed only the first of them (OUTCOME_LIST_CAP) it says how many the
 * table shows, so "Insert · 1,000" never stands for 9,980 inserts.
 */
export function outcomeChips(result: ActionTotals, outcomes: RecordOutcome[]): { key: 'all' | RecordAction; label: string; icon?: string }[] {
  const label = (name: string, total: number, listed: number, first = false) =>
    `${name} · ${formatCount(total)}${listed < total ? ` (${first ? 'first ' : ''}${formatCount(listed)} listed)` : ''}`;
  const chips: { key: 'all' | RecordAction; label: string; icon?: string }[] = [
    { key: 'all', label: label('All', Math.max(result.totalRecords, outcomes.length), outcomes.length, true) },
  ];
  for (const [action, field] of CHIP_ACTIONS) {
    const listed = outcomes.filter((o) => o.action === action).length;
    const total = Math.max(result[field], listed);
    if (total > 0) chips.push({ key: action, label: label(ACTION_META[action].label, total, listed), icon: ACTION_META[action].icon });
  }
  return chips;
}
