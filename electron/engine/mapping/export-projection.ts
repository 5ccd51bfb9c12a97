/**
 * On export, a template's mapping selects and renames output fields and adds computed ones.
 *
 * Direction: a template is usually written for import (`{ legacy_title: "title" }`: foreign name -> store
 * field). On export each pair is read the way that makes sense for the store's records: when the key is a
 * store field (`title`, `metadata.author`) the pair is store field -> output name; otherwise, when the value
 * is a store field, it is read backwards (store field `title` is written as `legacy_title`), so one template
 * imports a legacy file and exports it back in the same shape. With mappings, only mapped fields are written;
 * without, the whole record is. Computed fields are added last (`exportedAt: now()`), all records of one
 * export sharing one `now`. Transformations belong to imports and do not run on export.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ExportOptions } from '../../../shared/options.ts';
import type { RecordType, Template } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { isRecordType } from '../../../shared/record-type.ts';
import { knownFields } from './apply.ts';
import { coerceComputed, compileComputedFields } from './computed.ts';
import { templateOption } from './index.ts';
import { cloneData, defineField, locate, type PlainObject } from './paths.ts';

export type ExportProjector = (type: RecordType, record: Record<string, unknown>) => Record<string, unknown>;

function isStoreField(type: RecordType, name: string): boolean {
  const head = name.split('.')[0]!;
  return knownFields(type).has(head);
}

/** The (store field, output name) pairs of a template's mapping for one record type. */
export function exportPairs(template: Template, type: RecordType): [string, string][] {
  return Object.entries(template.transformation.mapping.fieldMappings).map(([key, value]) => {
    if (isStoreField(type, key)) return [key, value];
    if (isStoreField(type, value)) return [value, key];
    return [key, value];
  });
}

export function createExportProjector(template: Template, now = new Date()): ExportProjector {
  let computed: ReturnType<typeof compileComputedFields>;
  try {
    computed = compileComputedFields(template.transformation.computedFields);
  } catch (error) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Template "${template.name}" cannot be used: ${(error as Error).message}`, { field: 'template' });
  }
  const forType = isRecordType(template.schema.type) ? template.schema.type : undefined;
  const pairsByType = new Map<RecordType, [string, string][]>();
  return (type, record) => {
    // An `all` export: a template for contexts leaves sessions and templates as they are.
    if (forType && forType !== type) return record;
    let pairs = pairsByType.get(type);
    if (!pairs) pairsByType.set(type, (pairs = exportPairs(template, type)));
    let out: PlainObject;
    if (pairs.length === 0) out = cloneData(record);
    else {
      out = {};
      for (const [from, to] of pairs) {
        const found = locate(record, from);
        if (found.found) defineField(out, to, cloneData(found.value));
      }
    }
    if (computed.length) {
      const scope: PlainObject = cloneData(record);
      for (const key of Object.keys(out)) defineField(scope, key, out[key]);
      for (const field of computed) {
        try {
          defineField(out, field.name, coerceComputed(field.name, field.type, field.expression.evaluate({ record: scope, now })));
        } catch (error) {
          const id = typeof record.id === 'string' ? ` (record "${record.id}")` : '';
          throw new AppError(
            ERROR_CODES.TRANSFORM_ERROR,
            `Computed field "${field.name}" of template "${template.name}" failed${id}: ${(error as Error).message}`,
            {
              field: field.name,
            },
          );
        }
      }
    }
    return out;
  };
}

/** Whether an export's records are shaped (selected, renamed, computed) rather than written whole. */
export function isShapedExport(options: Pick<ExportOptions, 'template' | 'mapping'>): boolean {
  return Boolean(options.template || options.mapping);
}

/** The template that shapes an export: the one named, with the wizard's field mapping in place of its own. */
function shapingTemplate(options: Pick<ExportOptions, 'template' | 'mapping' | 'dataType'>, store: Store): Template | null {
  if (!isShapedExport(options)) return null;
  const template: Template = options.template
    ? templateOption(store, options.template)
    : {
        id: 'field-selection',
        name: 'field selection',
        description: '',
        version: 1,
        schema: { type: isRecordType(options.dataType) ? options.dataType : 'object', fields: [] },
        transformation: { mapping: { fieldMappings: {}, transformations: [] }, computedFields: [] },
        createdAt: new Date(0).toISOString(),
      };
  return options.mapping ? { ...template, transformation: { ...template.transformation, mapping: options.mapping } } : template;
}

export function prepareExportProjector(options: Pick<ExportOptions, 'template' | 'mapping' | 'dataType'>, store: Store): ExportProjector | null {
  const template = shapingTemplate(options, store);
  return template ? createExportProjector(template) : null;
}

/**
 * The output fields of a shaped export of one record type, in the mapping's order, then its computed fields:
 * what a CSV's header is, whatever the records hold (a column nobody has a value in is still a column the
 * person chose). Undefined for an `all` export, and for a mapping that selects nothing.
 */
export function exportColumns(options: Pick<ExportOptions, 'template' | 'mapping' | 'dataType'>, store: Store): string[] | undefined {
  const template = shapingTemplate(options, store);
  if (!template || !isRecordType(options.dataType)) return undefined;
  const pairs = exportPairs(template, options.dataType);
  if (pairs.length === 0) return undefined;
  return [...new Set([...pairs.map(([, to]) => to), ...template.transformation.computedFields.map((f) => f.name)])];
}
