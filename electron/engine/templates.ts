/**
 * Templates as data: create, list, get (by id or name), update (bumps the version, keeps every earlier one),
 * delete. Behaviour (mapping, computed fields) lives in mapping/.
 */
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import { TemplateSchema, type Template } from '../../shared/model.ts';
import type { TemplateInput } from '../../shared/contract.ts';
import type { Store } from './store/store.ts';
import { inWriteTransaction } from './store/transaction.ts';
import { newId } from './pipeline/ids.ts';
import { checkTemplate } from './mapping/template-check.ts';
import { checkMergeRules } from './reimport/merge-rules.ts';

function parseTemplate(value: unknown): Template {
  const parsed = TemplateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new AppError(ERROR_CODES.VALIDATION_ERROR, `The template is not valid: ${field ? `${field} ` : ''}${issue.message}`, { field });
  }
  // A template must compile: known functions, good arguments, expressions that parse.
  checkTemplate(parsed.data);
  if (parsed.data.reimport?.mergeRules) checkMergeRules(parsed.data.reimport.mergeRules);
  return parsed.data;
}

export function findTemplate(store: Store, idOrName: string): Template | undefined {
  return store.templates.get(idOrName) ?? store.templates.findByName(idOrName);
}

export function requireTemplate(store: Store, idOrName: string): Template {
  const template = findTemplate(store, idOrName);
  if (!template) throw new AppError(ERROR_CODES.NOT_FOUND, `No template with id or name "${idOrName}".`, { field: 'template' });
  return template;
}

export function createTemplate(store: Store, input: TemplateInput): Template {
  const now = new Date().toISOString();
  const template = parseTemplate({ ...input, id: input.id ?? newId('tpl'), version: input.version ?? 1, createdAt: now });
  if (store.templates.exists(template.id)) throw new AppError(ERROR_CODES.CONFLICT, `A template with id "${template.id}" already exists.`, { field: 'id' });
  if (store.templates.findByName(template.name)) {
    throw new AppError(ERROR_CODES.CONFLICT, `A template named "${template.name}" already exists; choose another name or update that one.`, { field: 'name' });
  }
  inWriteTransaction(store.db, () => store.templates.insert(template));
  return template;
}

export function updateTemplate(store: Store, idOrName: string, changes: Partial<TemplateInput>): Template {
  const current = requireTemplate(store, idOrName);
  const { id: _ignoredId, version: _ignoredVersion, ...rest } = changes;
  const next = parseTemplate({
    ...current,
    ...rest,
    id: current.id,
    version: current.version + 1,
    createdAt: current.createdAt,
    updatedAt: new Date().toISOString(),
  });
  if (next.name !== current.name) {
    const clash = store.templates.findByName(next.name);
    if (clash && clash.id !== current.id) throw new AppError(ERROR_CODES.CONFLICT, `A template named "${next.name}" already exists.`, { field: 'name' });
  }
  inWriteTransaction(store.db, () => store.templates.replace(next));
  return next;
}

export function deleteTemplate(store: Store, idOrName: string): boolean {
  const template = findTemplate(store, idOrName);
  if (!template) return false;
  return inWriteTransaction(store.db, () => store.templates.delete(template.id));
}
