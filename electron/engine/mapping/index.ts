/**
 * The mapping stage: between the reader and validation, a pure function of the record. The dry run, the live
 * preview and the real import all call the same code. An import with a mapping or a template gets a
 * RecordMapper; everything that can be wrong with the mapping itself is found here, before a record is read.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ImportOptions } from '../../../shared/options.ts';
import type { Mapping, RecordType, Template } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { findTemplate } from '../templates.ts';
import { isRecordType, guessRecordType } from '../../../shared/record-type.ts';
import { compileMapping, type MappingIssue, type UnmappedPolicy } from './apply.ts';
import { checkAgainstSchema } from './schema-check.ts';
import { fillRequired } from './fill.ts';
import { splitTagsField } from './tags.ts';

export type { MappingIssue } from './apply.ts';
export { applyMapping, compileMapping } from './apply.ts';

export interface MappedRecord {
  value: unknown;
  issues: MappingIssue[];
  /** The record's error in one sentence, when there are issues (each issue says its own field's problem). */
  message?: string;
  /** The message without which record: what a dry run groups rejections by. */
  reason?: string;
  /** The record type a template or mapping decided, if any. */
  recordType?: RecordType;
  /**
   * What the mapping wants said about this record: a source path that found nothing through a list, or what
   * the mapping step filled in or assumed (a missing creation date).
   */
  warnings?: string[];
}
/** `recordType`: the records it is for; records that arrive typed otherwise (a preset's sessions) pass untouched. */
export type RecordMapper = ((value: unknown, recordNumber: number) => MappedRecord) & { readonly recordType?: RecordType };

export type MapperOptions = Pick<ImportOptions, 'mapping' | 'template' | 'unmappedFields'> & Partial<Pick<ImportOptions, 'dataType' | 'validateSchema'>>;

/** A template named by an option: a name nobody saved is a bad argument (exit 2), said before any work. */
export function templateOption(store: Store, idOrName: string): Template {
  const template = findTemplate(store, idOrName);
  if (!template) throw new AppError(ERROR_CODES.BAD_ARGUMENT, `No template with id or name "${idOrName}".`, { field: 'template' });
  return template;
}

export interface RecordMapperConfig {
  mapping: Mapping;
  unmappedFields: UnmappedPolicy;
  /** The type the records are for, when the caller or a template says so. */
  recordType?: RecordType;
  template?: Template;
  validateSchema: boolean;
  now?: Date;
}

/** Builds the per-record function from an explicit configuration (the import and previewMapping share it). */
export function createRecordMapper(config: RecordMapperConfig): RecordMapper {
  const compiled = compileMapping(config.mapping, { unmappedFields: config.unmappedFields, recordType: config.recordType });
  // A schema may describe the file's fields (old_created) rather than the model's (createdAt): a schema field
  // that is a mapping's source is checked at its target, after the transformations, and reported by its own name.
  const targetOf = new Map(Object.entries(config.mapping.fieldMappings ?? {}));
  const targetNames = new Set(targetOf.values());
  const schemaFields = (config.template?.schema.fields ?? []).map((f) =>
    targetOf.has(f.name) && !targetNames.has(f.name) ? { ...f, name: targetOf.get(f.name)!, reportAs: f.name } : { ...f, reportAs: f.name },
  );
  const now = config.now ?? new Date();
  const templateName = config.template?.name;
  const mapOne: RecordMapper = (value, recordNumber) => {
    const applied = compiled.apply(value);
    const { record, issues } = applied;
    const warnings = [...(applied.warnings ?? [])];
    if (issues.length) {
      return {
        value: record,
        recordType: config.recordType,
        message: `Record ${recordNumber}: ${issues.map((i) => i.message).join('; ')}`,
        reason: issues.map((i) => i.message).join('; '),
        issues,
        warnings: warnings.length ? warnings : undefined,
      };
    }
    const type = config.recordType ?? guessRecordType(record) ?? 'contexts';
    if (type === 'contexts') splitTagsField(record);
    warnings.push(...fillRequired(type, record, value, now));
    if (config.validateSchema && schemaFields.length) {
      const failures = checkAgainstSchema(record, schemaFields, type).map((f) => ({ field: f.reportAs ?? f.field, message: f.message }));
      if (failures.length) {
        const summary = failures.map((f) => `${f.field} ${f.message}`).join('; ');
        return {
          value: record,
          recordType: config.recordType,
          message: `Record ${recordNumber} does not match template "${templateName}": ${summary}`,
          reason: `does not match template "${templateName}": ${summary}`,
          issues: failures.map((f) => ({ code: ERROR_CODES.VALIDATION_ERROR, field: f.field, message: f.message })),
          warnings,
        };
      }
    }
    return { value: record, recordType: config.recordType, issues: [], warnings: warnings.length ? warnings : undefined };
  };
  // Whatever one record does (absurd nesting that exhausts the stack), it is that record's error, not the import's.
  const guarded = (value: unknown, recordNumber: number): MappedRecord => {
    try {
      return mapOne(value, recordNumber);
    } catch (error) {
      const reason = `could not be mapped: ${error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message}`;
      const message = `Record ${recordNumber} ${reason}`;
      return { value, recordType: config.recordType, message, reason, issues: [{ code: ERROR_CODES.MAPPING_ERROR, message }] };
    }
  };
  return Object.assign(guarded, { recordType: config.recordType });
}

/** Compiles the mapping of an import once, before any record is read; bad mappings fail here, by name. */
export function prepareRecordMapper(options: MapperOptions, store: Store): RecordMapper | null {
  if (!options.mapping && !options.template) return null;
  const template = options.template ? templateOption(store, options.template) : undefined;
  const explicit = options.dataType && isRecordType(options.dataType) ? options.dataType : undefined;
  const templateType = template && isRecordType(template.schema.type) ? template.schema.type : undefined;
  if (explicit && templateType && explicit !== templateType) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Template "${template!.name}" is for ${templateType}, but this import is for ${explicit}.`, {
      field: 'template',
    });
  }
  // An explicit mapping wins over the template's own; the template's schema still validates.
  const mapping = options.mapping ?? template!.transformation.mapping;
  return createRecordMapper({
    mapping,
    unmappedFields: options.unmappedFields ?? 'metadata',
    recordType: explicit ?? templateType,
    template,
    validateSchema: options.validateSchema ?? true,
  });
}
