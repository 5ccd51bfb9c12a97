/**
 * applyMapping(record, mapping) -> { record, issues }: the one mapping function the import, its dry run and
 * the mapping editor's live preview all call, so what a user previews is what is written.
 *
 * Rules (docs/mapping.md):
 *   - `fieldMappings` is `{ source: target }`. A source is a field of the file's record, a key or a dotted
 *     path into nested objects (`meta.author`; a literal key with dots wins). A target may be dotted too
 *     (`metadata.author`). Two sources may not write one target.
 *   - A source field that no mapping names keeps its name when it is a field of the record type (`id`,
 *     `title`, ...), and otherwise goes to `metadata` (default), is dropped, or is kept as it is ('keep').
 *   - A transformation's `field` names a target. A name that is only a mapped source applies to that
 *     source's target; any other name is a field of the mapped record (an unmapped field in `metadata` too).
 *     Transformations run after mapping, in the order listed, so a field can have a chain.
 *   - A value a transformation cannot handle is an issue of this record (TRANSFORM_ERROR), never a crash.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { RECORD_SCHEMAS, type Mapping, type RecordType } from '../../../shared/model.ts';
import { compileFunction, DefinitionError, TransformFailure, type ValueTransform } from './functions.ts';
import { cloneData, defineField, deleteSegments, hasOwn, isPlainObject, listOnTheWay, locate, setPath, type PlainObject } from './paths.ts';

export type UnmappedPolicy = 'metadata' | 'drop' | 'keep';

export interface MappingIssue {
  field?: string;
  message: string;
  code: string;
}

export interface MappingResult {
  record: PlainObject;
  issues: MappingIssue[];
  /** Said once per mapping: a source path that found nothing because a list is on its way (paths.listOnTheWay). */
  warnings?: string[];
}

export interface CompiledMapping {
  apply(record: unknown): MappingResult;
  /** Target names the mapping writes, in order. */
  targets: string[];
}

export interface CompileOptions {
  unmappedFields?: UnmappedPolicy;
  /** The record type the output is for: its fields pass through unmapped. Undecided: any type's fields. */
  recordType?: RecordType;
}

const KNOWN_FIELDS: Record<RecordType, Set<string>> = {
  contexts: new Set(Object.keys(RECORD_SCHEMAS.contexts.shape)),
  sessions: new Set(Object.keys(RECORD_SCHEMAS.sessions.shape)),
  templates: new Set(Object.keys(RECORD_SCHEMAS.templates.shape)),
};
const ANY_KNOWN = new Set([...KNOWN_FIELDS.contexts, ...KNOWN_FIELDS.sessions, ...KNOWN_FIELDS.templates]);

/** Optional fields of the store whose `null` means "not there" (the others keep a null and say why it does not fit). */
const NULL_IS_UNSET = new Set(['metadata.source', 'metadata.importance', 'metadata.author', 'updatedAt']);

export function knownFields(type: RecordType | undefined): Set<string> {
  return type ? KNOWN_FIELDS[type] : ANY_KNOWN;
}

interface CompiledTransformation {
  field: string;
  /** Resolved: the target it applies to, when the name is a mapping's target or source. */
  target?: string;
  label: string;
  run: ValueTransform;
}

const TEXT_TARGETS = new Set(['title', 'content', 'name', 'description']);

function joinTexts(values: unknown[]): string {
  return values
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join('\n\n');
}

function badArgument(message: string, field: string): AppError {
  return new AppError(ERROR_CODES.BAD_ARGUMENT, message, { field });
}

/** Compiles a mapping once: unknown functions, bad arguments and clashing targets fail here, by name. */
export function compileMapping(mapping: Mapping, options: CompileOptions = {}): CompiledMapping {
  const policy: UnmappedPolicy = mapping.unmappedFields ?? options.unmappedFields ?? 'metadata';
  const pairs = Object.entries(mapping.fieldMappings ?? {});
  const bySource = new Map<string, string>();
  const targetOwner = new Map<string, string>();
  for (const [source, target] of pairs) {
    if (source.trim() === '') throw badArgument('A mapping has an empty source field name.', 'mapping.fieldMappings');
    if (typeof target !== 'string' || target.trim() === '' || target.split('.').some((s) => s === '')) {
      throw badArgument(`The mapping of "${source}" has no usable target field name ("${target}").`, `mapping.fieldMappings.${source}`);
    }
    const owner = targetOwner.get(target);
    if (owner !== undefined)
      throw badArgument(`"${owner}" and "${source}" both map to "${target}"; a target takes one source field.`, `mapping.fieldMappings.${source}`);
    for (const [other, otherSource] of targetOwner) {
      if (target.startsWith(`${other}.`) || other.startsWith(`${target}.`)) {
        throw badArgument(
          `"${otherSource}" maps to "${other}" and "${source}" maps to "${target}"; one is inside the other.`,
          `mapping.fieldMappings.${source}`,
        );
      }
    }
    targetOwner.set(target, source);
    bySource.set(source, target);
  }

  const transformations: CompiledTransformation[] = (mapping.transformations ?? []).map((t, index) => {
    const where = `mapping.transformations.${index}`;
    if (!t.field || t.field.trim() === '') throw badArgument(`Transformation ${index + 1} names no field.`, `${where}.field`);
    let source: string;
    if (t.transformation === 'custom') {
      if (!t.customFunction || t.customFunction.trim() === '') {
        throw badArgument(`Transformation ${index + 1} (field "${t.field}") is "custom" but names no customFunction.`, `${where}.customFunction`);
      }
      source = t.customFunction;
    } else source = t.transformation;
    let run: ValueTransform;
    try {
      run = compileFunction(source);
    } catch (error) {
      if (error instanceof DefinitionError) throw badArgument(`Transformation of field "${t.field}": ${error.message}`, `${where}.customFunction`);
      throw error;
    }
    const target = targetOwner.has(t.field) ? t.field : bySource.get(t.field);
    return { field: t.field, target, label: source.trim(), run };
  });

  const known = knownFields(options.recordType);
  const transformed = new Set(transformations.flatMap((t) => [t.field, t.target ?? t.field]));
  /** Source paths whose miss was already explained (said once, not once per record). */
  const toldAbout = new Set<string>();

  const shape = options.recordType
    ? (RECORD_SCHEMAS[options.recordType].shape as Record<
        string,
        { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }
      >)
    : undefined;
  /** Why a list or object under a store field's name is not that field (undefined when it is, or is a plain value). */
  function misfitOf(key: string, value: unknown): string | undefined {
    if (!shape || key === 'metadata' || typeof value !== 'object' || value === null || !Object.hasOwn(shape, key)) return undefined;
    const parsed = shape[key]!.safeParse(value);
    if (parsed.success) return undefined;
    const issue = parsed.error?.issues[0];
    return issue ? `${[key, ...issue.path.map(String)].join('.')}: ${issue.message}` : 'another shape';
  }

  function apply(input: unknown): MappingResult {
    const issues: MappingIssue[] = [];
    if (!isPlainObject(input)) {
      return {
        record: {},
        issues: [
          {
            code: ERROR_CODES.MAPPING_ERROR,
            message: `expected an object to map, got ${Array.isArray(input) ? 'a list' : input === null ? 'null' : typeof input}`,
          },
        ],
      };
    }
    const out: PlainObject = {};
    const remaining = cloneData(input);
    const warnings: string[] = [];
    for (const [source, target] of pairs) {
      const found = locate(input, source);
      if (!found.found) {
        const why = toldAbout.has(source) ? undefined : listOnTheWay(input, source);
        if (why) {
          toldAbout.add(source);
          warnings.push(`mapping: "${source}" (→ ${target}) matched nothing: ${why}.`);
        }
        continue;
      }
      if (found.segments.length) deleteSegments(remaining, found.segments);
      // `messages[].text` into a text field (content, title): the texts one after another, unless a
      // transformation of that field (join(", ")) says how.
      const value =
        Array.isArray(found.value) && source.includes('[') && TEXT_TARGETS.has(target) && !transformed.has(target) ? joinTexts(found.value) : found.value;
      // `null` into a field the record may go without (a tweet's `user.url: null` as metadata.source, a null
      // `closed_at` as updatedAt) is no value: the field stays unset instead of failing "must be a string".
      if (value === null && NULL_IS_UNSET.has(target)) continue;
      try {
        setPath(out, target, cloneData(value));
      } catch (error) {
        issues.push({ code: ERROR_CODES.MAPPING_ERROR, field: target, message: (error as Error).message });
      }
    }
    const metadata: PlainObject = isPlainObject(out.metadata) ? out.metadata : {};
    for (const key of Object.keys(remaining)) {
      const value = remaining[key];
      // The record's own metadata (a source preset's sourceId) stays metadata, beside what the mapping put there
      // (`metadata.source` mapped from itself): merged, never nested as metadata.metadata.
      if (key === 'metadata' && known.has(key) && isPlainObject(value) && !targetOwner.has(key)) {
        for (const inner of Object.keys(value)) if (!hasOwn(metadata, inner)) defineField(metadata, inner, value[inner]);
        continue;
      }
      if (known.has(key) && !hasOwn(out, key) && !targetOwner.has(key)) {
        const misfit = misfitOf(key, value);
        if (!misfit) {
          defineField(out, key, value);
          continue;
        }
        // Discord's `attachments` ({url, fileName}) share the store's name, not its shape: an unmapped field, then.
        if (!toldAbout.has(`misfit:${key}`)) {
          toldAbout.add(`misfit:${key}`);
          warnings.push(
            `mapping: "${key}" is named as the store's ${key} but its values are not (${misfit}); ${policy === 'drop' ? 'dropped' : 'kept in metadata'} as an unmapped field.`,
          );
        }
        if (policy !== 'drop' && !hasOwn(metadata, key)) defineField(metadata, key, value);
        continue;
      }
      if (policy === 'drop') continue;
      if (policy === 'keep') {
        if (!hasOwn(out, key)) defineField(out, key, value);
        continue;
      }
      if (!hasOwn(metadata, key)) defineField(metadata, key, value);
    }
    if (Object.keys(metadata).length > 0 || isPlainObject(out.metadata)) out.metadata = metadata;

    for (const t of transformations) {
      const path =
        t.target ?? (locate(out, t.field).found ? t.field : isPlainObject(out.metadata) && hasOwn(out.metadata, t.field) ? `metadata.${t.field}` : t.field);
      const where = locate(out, path);
      try {
        // A missing field still goes through (default("x") fills it); a function that returns nothing leaves it out.
        const value = t.run(where.found ? where.value : undefined, out);
        if (where.found || value !== undefined) setPath(out, path, value);
      } catch (error) {
        const reason = error instanceof TransformFailure ? error.message : `failed: ${(error as Error).message ?? String(error)}`;
        issues.push({ code: ERROR_CODES.TRANSFORM_ERROR, field: path, message: `field "${path}" (${t.label}): ${reason}` });
      }
    }
    return { record: out, issues, ...(warnings.length ? { warnings } : {}) };
  }

  return { apply, targets: [...targetOwner.keys()] };
}

/** The pure function of the architecture: compile and apply in one call (the pipeline compiles once). */
export function applyMapping(record: unknown, mapping: Mapping, options: CompileOptions = {}): MappingResult {
  return compileMapping(mapping, options).apply(record);
}
