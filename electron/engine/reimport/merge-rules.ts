/**
 * How a re-import combines a record the store already holds with the one the source brings, field by field.
 * `--merge title=source,tags=union,content=newer` on the CLI, `mergeRules` in options and templates.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';

export const MERGE_RULES = ['source', 'local', 'newer', 'union', 'append'] as const;
export type MergeRule = (typeof MERGE_RULES)[number];

export { CONFLICT_CHOICES } from '../../../shared/choices.ts';
export type { ConflictChoice } from '../../../shared/options.ts';

/** The fields of a context a merge decides on; the id is the match itself and never merges. */
export const MERGEABLE_FIELDS = ['title', 'content', 'type', 'tags', 'sessionId', 'createdAt', 'updatedAt', 'metadata', 'attachments'] as const;
export type MergeableField = (typeof MERGEABLE_FIELDS)[number];

export type MergeRules = Partial<Record<MergeableField, MergeRule>>;

/** Which rules make sense for which values: union needs lists, append needs text. */
const RULES_FOR: Record<MergeableField, readonly MergeRule[]> = {
  title: ['source', 'local', 'newer', 'append'],
  content: ['source', 'local', 'newer', 'append'],
  type: ['source', 'local', 'newer'],
  tags: ['source', 'local', 'newer', 'union'],
  sessionId: ['source', 'local', 'newer'],
  createdAt: ['source', 'local', 'newer'],
  updatedAt: ['source', 'local', 'newer'],
  metadata: ['source', 'local', 'newer', 'union'],
  attachments: ['source', 'local', 'newer', 'union'],
};

/**
 * The default: the source wins for fields the user did not edit since the last import (a field edited on
 * both sides is a conflict, never silently decided), tags, attachments and metadata keys are united.
 */
export const DEFAULT_MERGE_RULES: Readonly<Record<MergeableField, MergeRule>> = {
  title: 'source',
  content: 'source',
  type: 'source',
  tags: 'union',
  sessionId: 'source',
  createdAt: 'source',
  updatedAt: 'source',
  metadata: 'union',
  attachments: 'union',
};

export function resolveMergeRules(rules: MergeRules | undefined): Record<MergeableField, MergeRule> {
  return { ...DEFAULT_MERGE_RULES, ...(rules ?? {}) };
}

/** Parses `title=source,tags=union`; a bad field or rule is a BAD_ARGUMENT naming what is allowed. */
export function parseMergeRules(text: string): MergeRules {
  const rules: MergeRules = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [field, rule, extra] = part.split('=').map((p) => p.trim());
    if (!field || !rule || extra !== undefined) {
      throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${part}" is not FIELD=RULE (for example title=source,tags=union)`);
    }
    checkRule(field, rule);
    rules[field as MergeableField] = rule as MergeRule;
  }
  return rules;
}

/** Validates rules given as an object (options, templates). */
export function checkMergeRules(rules: Record<string, string>): MergeRules {
  for (const [field, rule] of Object.entries(rules)) checkRule(field, rule);
  return rules as MergeRules;
}

function checkRule(field: string, rule: string): void {
  if (!(MERGEABLE_FIELDS as readonly string[]).includes(field)) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${field}" cannot be merged; fields: ${MERGEABLE_FIELDS.join(', ')}`, { field });
  }
  const allowed = RULES_FOR[field as MergeableField];
  if (!(allowed as readonly string[]).includes(rule)) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `"${rule}" is not a merge rule for ${field}; choose ${allowed.join(', ')}`, { field });
  }
}
