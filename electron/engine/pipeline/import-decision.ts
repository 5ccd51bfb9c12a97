/**
 * The duplicate policy for one valid record, as a pure decision: what the store (or, in a dry run, the file so
 * far) already holds in, a Decision out. The pipeline collects and writes; nothing here reads or writes.
 */
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import { decide, type Decision, type Existing, type ReimportPolicy } from '../reimport/decide.ts';

export interface RecordSituation {
  type: RecordType;
  incoming: AnyRecord;
  /** A dry run wrote nothing, so an earlier record of this same file is known only by its id. */
  seenEarlierInDryRun: boolean;
  existing: Existing | undefined;
  baselineFields: Record<string, string> | undefined;
}

/** A decision, or (dry run only) "overwrites a record met earlier in this file", which has no before-image. */
export type RecordDecision = Decision | { kind: 'overwrite-earlier'; record: AnyRecord };

export function decideRecord(policy: ReimportPolicy, situation: RecordSituation): RecordDecision {
  const { type, incoming } = situation;
  if (situation.seenEarlierInDryRun) {
    // The later record of the file wins, as it would have when written.
    if (policy.overwriteExisting || policy.merge) return { kind: 'overwrite-earlier', record: incoming };
    if (policy.skipDuplicates) return { kind: 'skip', id: incoming.id };
    return { kind: 'duplicate', id: incoming.id };
  }
  return decide(policy, type, incoming, situation.existing, situation.baselineFields);
}
