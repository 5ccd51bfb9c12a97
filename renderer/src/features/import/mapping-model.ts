/**
 * The mapping editor's model: one row per source field, and the pure functions that turn rows into the
 * contract's Mapping and back. Kept apart from React so it is easy to reason about (and to test).
 */
import type { FieldSuggestion, MappingSuggestion } from '../../../../shared/contract.ts';
import type { FieldTransformation, Mapping } from '../../../../shared/model.ts';

export type TransformKind = FieldTransformation['transformation'];
export interface TransformStep {
  kind: TransformKind;
  /** For custom: a function of the registry with optional arguments, e.g. `splitAndTrim` or `truncate(80)`. */
  fn?: string;
  /**
   * The field the step writes when it is not the row's target: a content row fills the title of records that
   * have none (`title: defaultFrom("content")`, `title: firstLine`), as the engine suggests.
   */
  field?: string;
}

function stepOf(t: FieldTransformation, row: { source: string; target: string | null }): TransformStep {
  const own = t.field === row.source || t.field === row.target;
  return { kind: t.transformation, fn: t.customFunction, ...(own ? {} : { field: t.field }) };
}

export interface MappingRow {
  source: string;
  target: string | null;
  transforms: TransformStep[];
  /** Where the field goes when it has no target. */
  unmapped: 'metadata' | 'drop';
  suggestion?: FieldSuggestion;
  /** False for a fuzzy suggestion the user has not confirmed yet. */
  confirmed: boolean;
}

/** A field the engine made no suggestion for (or no suggestion at all came): unmapped until the user picks. */
const noSuggestion = (source: string): FieldSuggestion => ({ source, target: null, confidence: 0, reason: 'none', autoAccept: false });

export function rowsFromSuggestion(fields: string[], suggestion: MappingSuggestion | null): MappingRow[] {
  const byField = new Map((suggestion?.fields ?? []).map((f) => [f.source, f]));
  const used = new Set<string>();
  return fields.map((source) => {
    const s = byField.get(source) ?? noSuggestion(source);
    const target = s.target && s.reason !== 'none' && !used.has(s.target) ? s.target : null;
    if (target) used.add(target);
    // A suggestion's transformations are its field's; those of another field (the title) come only with the target.
    const transforms = (s.transformations ?? []).filter((t) => target || t.field === source).map((t) => stepOf(t, { source, target }));
    return { source, target, transforms, unmapped: 'metadata', suggestion: s, confirmed: s.autoAccept || !target };
  });
}

export function rowsFromMapping(fields: string[], mapping: Mapping): MappingRow[] {
  const drop = mapping.unmappedFields === 'drop';
  // A transformation of a field no row maps (the title a content row fills) stays with the row of the one before it.
  const owner = new Map<FieldTransformation, string>();
  let last: string | undefined;
  for (const t of mapping.transformations) {
    const mine = fields.find((f) => f === t.field || (mapping.fieldMappings[f] !== undefined && mapping.fieldMappings[f] === t.field));
    last = mine ?? last ?? fields.find((f) => mapping.fieldMappings[f] !== undefined);
    if (last !== undefined) owner.set(t, last);
  }
  return fields.map((source) => {
    const target = mapping.fieldMappings[source] ?? null;
    const transforms = mapping.transformations.filter((t) => owner.get(t) === source).map((t) => stepOf(t, { source, target }));
    return { source, target, transforms, unmapped: drop ? 'drop' : 'metadata', confirmed: true };
  });
}

/** The contract's Mapping for these rows. Transformations name the target field, as in the seed's examples. */
export function buildMapping(rows: MappingRow[]): Mapping {
  const anyDropped = rows.some((r) => !r.target && r.unmapped === 'drop');
  const fieldMappings: Record<string, string> = {};
  const transformations: FieldTransformation[] = [];
  for (const row of rows) {
    if (row.target) {
      fieldMappings[row.source] = row.target;
      for (const t of row.transforms) {
        transformations.push(
          t.kind === 'custom'
            ? { field: t.field ?? row.target, transformation: 'custom', customFunction: t.fn ?? '' }
            : { field: t.field ?? row.target, transformation: t.kind },
        );
      }
    } else if (anyDropped && row.unmapped === 'metadata') {
      // Some fields are dropped, so unmapped ones default to nowhere: the kept ones are named explicitly.
      fieldMappings[row.source] = unmappedHome(row.source);
    }
  }
  return { fieldMappings, transformations, unmappedFields: anyDropped ? 'drop' : 'metadata' };
}

/** A file whose every field maps to itself needs no mapping at all (the app's own exports). */
export function isIdentity(rows: MappingRow[]): boolean {
  // A field already in metadata (`metadata.sourceId`, a preset's) that stays unmapped stays where it is.
  const stays = (r: MappingRow) => r.target === null && r.unmapped === 'metadata' && unmappedHome(r.source) === r.source;
  return rows.every((r) => (r.target === r.source || stays(r)) && r.transforms.length === 0);
}

/** Where an unmapped field goes: into metadata under its name, or where it is when it is in metadata already. */
export function unmappedHome(source: string): string {
  return source.startsWith('metadata.') ? source : `metadata.${source}`;
}

/** Every field matched exactly: nothing to ask, so the wizard can go straight to the dry run. */
export function allExact(rows: MappingRow[]): boolean {
  return (
    rows.length > 0 &&
    rows.every((r) => r.target !== null && r.confirmed && (r.suggestion?.reason === 'exact' || r.target === r.source) && r.transforms.length === 0)
  );
}

/** Reads a dotted path (`metadata.author`) from a record. */
export function readPath(record: Record<string, unknown> | null | undefined, path: string): unknown {
  if (!record) return undefined;
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
