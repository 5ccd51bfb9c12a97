/** The mappings of earlier imports that went through, most recent first: what suggestions "remember". */
import { MappingSchema, type Mapping } from '../../../shared/model.ts';
import type { OperationRunner } from '../operations/runner.ts';

export function rememberedMappings(runner: Pick<OperationRunner, 'history'>, limit = 200): Mapping[] {
  const out: Mapping[] = [];
  let history;
  try {
    history = runner.history(limit);
  } catch {
    return out; // history is a help here, never a reason to fail a suggestion
  }
  const recent = [...history].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  for (const op of recent) {
    if (op.type !== 'import' || (op.status !== 'completed' && op.status !== 'completed_with_errors')) continue;
    const parsed = MappingSchema.safeParse(op.options?.mapping);
    if (parsed.success && Object.keys(parsed.data.fieldMappings).length) out.push(parsed.data);
  }
  return out;
}
