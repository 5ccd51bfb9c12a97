/**
 * A suggestion is tried on the very samples it was made for before it is offered as accepted: its
 * transformations run on each sample, and the result must be something the target takes (a date for
 * createdAt, a list of text for tags, ...). The first sample that fails is kept, to be shown next to the
 * suggestion, whose transformations are then offered unticked instead of being put in the mapping.
 */
import { IMPORTANCE_LEVELS, IsoDateTime, type Mapping } from '../../../shared/model.ts';
import { compileFunction } from './functions.ts';
import { splitTagText } from './tags.ts';
import { present } from './suggest-values.ts';

export interface SampleFailure {
  sample: unknown;
  message: string;
}

const shown = (v: unknown) => (typeof v === 'string' && v.length > 60 ? `"${v.slice(0, 60)}…"` : JSON.stringify(v));

/** Whether the target takes this value, as the mapping step will hand it over; a reason when not. */
function refusal(target: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (target === 'createdAt' || target === 'updatedAt') {
    return typeof value === 'string' && IsoDateTime.safeParse(value).success ? undefined : `${shown(value)} is not an ISO 8601 date-time`;
  }
  if (target === 'tags') {
    const list = typeof value === 'string' ? splitTagText(value) : value;
    return Array.isArray(list) && list.every((t) => typeof t === 'string')
      ? undefined
      : `tags must be a list of text, got ${Array.isArray(list) ? 'a list of ' + typeof list.find((t) => typeof t !== 'string') + 's' : typeof list}`;
  }
  if (target === 'id' || target === 'sessionId') return typeof value === 'string' && value !== '' ? undefined : `${shown(value)} is not text`;
  if (target === 'metadata.importance') {
    return (IMPORTANCE_LEVELS as readonly unknown[]).includes(value) ? undefined : `${shown(value)} is not one of ${IMPORTANCE_LEVELS.join(', ')}`;
  }
  return undefined;
}

/** The first sample on which these transformations, or the target itself, fail; undefined when all pass. */
export function firstFailure(target: string, transformations: Mapping['transformations'], samples: unknown[]): SampleFailure | undefined {
  let chain: ((v: unknown) => unknown)[];
  try {
    chain = transformations.map((t) => compileFunction(t.transformation === 'custom' ? (t.customFunction ?? '') : t.transformation));
  } catch (error) {
    return { sample: undefined, message: (error as Error).message };
  }
  for (const sample of present(samples)) {
    let value: unknown = sample;
    try {
      for (const run of chain) value = run(value);
    } catch (error) {
      return { sample, message: (error as Error).message };
    }
    const why = refusal(target, value);
    if (why) return { sample, message: why };
  }
  return undefined;
}
