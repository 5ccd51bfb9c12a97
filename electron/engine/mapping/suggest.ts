/**
 * Mapping suggestions: from a file's field names and a few sample values, a proposed mapping onto the
 * model, each field with a confidence and a reason the mapping editor can show.
 *
 *  - Names are normalised before comparing (case, spaces, `_-.`, camelCase and snake_case all alike), and
 *    legacy prefixes (`legacy_`, `old_`, `orig_`, ...) and entity prefixes (`note_`, `page_`, ...) are stripped.
 *  - exact: the normalised name is the field's own; alias: a known synonym (body -> content, keywords -> tags);
 *    template: a saved template maps this very field; remembered: an earlier import mapped it so; fuzzy: a near spelling (`titel`); value-shape: the
 *    samples look like dates or tag lists but the name says nothing.
 *  - Whole names are compared, never containment: "Email consent" is not `email`, "Title of book" is not `title`.
 *  - A tie (two fields equally good for one target, or one field equally good for two) is never auto-mapped.
 *  - exact, alias, template and remembered suggestions are accepted automatically; fuzzy ones are pre-filled in the mapping
 *    but marked for confirmation; value-shape ones and ties are only suggested.
 *  - A transformation is proposed when the values need one: a text list for tags -> splitAndTrim, a date that
 *    is not ISO 8601 -> parseOldDateFormat (with "MDY" when a sample shows month-first).
 */
import type { FieldSuggestion, MappingSuggestion, SuggestionReason } from '../../../shared/contract.ts';
import { IsoDateTime, type Mapping, type RecordType, type Template } from '../../../shared/model.ts';
import { nameWords, normaliseName } from '../../../shared/field-names.ts';
import { parseLegacyDate } from './dates.ts';
import { samplesSeparator } from './tags.ts';
import { defineField } from './paths.ts';

type Alias = [name: string, confidence: number];
interface TargetSpec {
  target: string;
  aliases: Alias[];
  shape?: 'date' | 'list';
}

const CREATED: Alias[] = [
  ['created', 0.9], ['createdon', 0.9], ['createdtime', 0.9], ['createddate', 0.9], ['creationdate', 0.9], ['creationtime', 0.9],
  ['datecreated', 0.9], ['timecreated', 0.9], ['createddatetime', 0.9], ['ctime', 0.8], ['date', 0.8], ['timestamp', 0.8], ['datetime', 0.75], ['time', 0.7],
];
const UPDATED: Alias[] = [
  ['updated', 0.9], ['updatedon', 0.9], ['updatedtime', 0.9], ['modified', 0.9], ['modifiedat', 0.9], ['modifiedon', 0.9], ['modifiedtime', 0.9],
  ['lastmodified', 0.9], ['lastedited', 0.9], ['lasteditedtime', 0.9], ['lastupdated', 0.9], ['datemodified', 0.9], ['modifieddate', 0.9],
  ['editedtime', 0.85], ['edited', 0.85], ['mtime', 0.8], ['changed', 0.8],
];
const ID: Alias[] = [['uuid', 0.85], ['guid', 0.85], ['identifier', 0.85], ['key', 0.7]];

const TARGETS: Record<RecordType, TargetSpec[]> = {
  contexts: [
    { target: 'id', aliases: ID },
    { target: 'title', aliases: [['name', 0.9], ['subject', 0.9], ['heading', 0.9], ['headline', 0.85], ['caption', 0.8], ['topic', 0.7]] },
    {
      target: 'content',
      aliases: [['body', 0.9], ['text', 0.9], ['contents', 0.95], ['description', 0.85], ['markdown', 0.85], ['note', 0.8], ['notes', 0.8], ['html', 0.8], ['details', 0.8], ['message', 0.8], ['summary', 0.7]],
    },
    { target: 'type', aliases: [['category', 0.9], ['kind', 0.9], ['contenttype', 0.8], ['class', 0.7]] },
    {
      target: 'tags',
      aliases: [['tag', 0.95], ['keywords', 0.9], ['keyword', 0.9], ['labels', 0.9], ['label', 0.85], ['categories', 0.85], ['hashtags', 0.85], ['topics', 0.8]],
      shape: 'list',
    },
    { target: 'sessionId', aliases: [['session', 0.9], ['sessionname', 0.7]] },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
    { target: 'metadata.importance', aliases: [['importance', 0.9]] },
    { target: 'metadata.source', aliases: [['source', 0.9], ['sourceurl', 0.85], ['url', 0.75]] },
    { target: 'metadata.author', aliases: [['author', 0.9], ['creator', 0.85], ['createdby', 0.85], ['owner', 0.75]] },
  ],
  sessions: [
    { target: 'id', aliases: ID },
    { target: 'name', aliases: [['title', 0.85], ['subject', 0.8], ['heading', 0.8]] },
    { target: 'description', aliases: [['summary', 0.85], ['body', 0.8], ['content', 0.8], ['notes', 0.8], ['text', 0.8]] },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
  ],
  templates: [
    { target: 'id', aliases: ID },
    { target: 'name', aliases: [['title', 0.85]] },
    { target: 'description', aliases: [['summary', 0.8]] },
    { target: 'version', aliases: [['rev', 0.7], ['revision', 0.8]] },
    { target: 'schema', aliases: [] },
    { target: 'transformation', aliases: [['transform', 0.85]] },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
  ],
};

const LEGACY_PREFIXES = new Set(['legacy', 'old', 'orig', 'original', 'prev', 'previous', 'src', 'raw', 'imported', 'import', 'ext', 'external']);
const ENTITY_PREFIXES = new Set(['note', 'page', 'item', 'entry', 'record', 'doc', 'document', 'post', 'article', 'card', 'context', 'session']);

export { nameWords, normaliseName };

interface Candidate {
  source: string;
  target: string;
  confidence: number;
  reason: SuggestionReason;
}

/** The names a field could be read as, each with how much stripping cost: whole name, prefixes off, last part. */
function readings(source: string): [string, number][] {
  const out: [string, number][] = [];
  const add = (words: string[], factor: number) => {
    if (words.length && !out.some(([k]) => k === words.join(''))) out.push([words.join(''), factor]);
  };
  const parts = source.split('.');
  const words = nameWords(source);
  add(words, 1);
  let stripped = words;
  let factor = 1;
  while (stripped.length > 1 && (LEGACY_PREFIXES.has(stripped[0]!) || ENTITY_PREFIXES.has(stripped[0]!))) {
    factor *= LEGACY_PREFIXES.has(stripped[0]!) ? 0.99 : 0.95;
    stripped = stripped.slice(1);
    add(stripped, factor);
  }
  if (parts.length > 1) {
    // A nested field (`meta.author`, `properties.Tags`): its own name, a little less sure.
    const last = nameWords(parts[parts.length - 1]!);
    add(last, 0.9);
  }
  return out;
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return 0;
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let beforePrevious = previous;
  for (let i = 1; i <= m; i++) {
    const current = [i];
    for (let j = 1; j <= n; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // A swap of two neighbours ("titel") is one slip, not two (optimal string alignment distance).
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j]!, beforePrevious[j - 2]! + 1);
    }
    beforePrevious = previous;
    previous = current;
  }
  return 1 - previous[n]! / Math.max(m, n);
}

function candidatesFor(source: string, targets: TargetSpec[]): Candidate[] {
  const found = new Map<string, Candidate>();
  const offer = (c: Candidate) => {
    const best = found.get(c.target);
    if (!best || c.confidence > best.confidence) found.set(c.target, c);
  };
  const exactName = (t: TargetSpec) => normaliseName(t.target.split('.').pop()!);
  for (const [key, factor] of readings(source)) {
    for (const t of targets) {
      if (key === exactName(t) && !t.target.startsWith('metadata.')) {
        offer({ source, target: t.target, confidence: round((source === t.target ? 1 : 0.95) * factor), reason: 'exact' });
      }
      for (const [alias, confidence] of t.aliases) if (key === alias) offer({ source, target: t.target, confidence: round(confidence * factor), reason: 'alias' });
    }
  }
  if (found.size === 0) {
    for (const [key, factor] of readings(source)) {
      if (key.length < 4) continue;
      for (const t of targets) {
        for (const name of [exactName(t), ...t.aliases.filter(([, c]) => c >= 0.85).map(([a]) => a)]) {
          if (name.length < 4) continue;
          const sim = similarity(key, name);
          if (sim >= 0.8) offer({ source, target: t.target, confidence: round(sim * 0.75 * factor), reason: 'fuzzy' });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => b.confidence - a.confidence);
}

const round = (n: number) => Math.round(n * 100) / 100;

function isIso(v: unknown): boolean {
  return typeof v === 'string' && IsoDateTime.safeParse(v).success;
}

function looksLikeDate(v: unknown): boolean {
  if (typeof v === 'number') return v > 1e9 && parseLegacyDate(v) !== undefined;
  return typeof v === 'string' && /\d/.test(v) && !/^\d{1,7}$/.test(v.trim()) && parseLegacyDate(v) !== undefined;
}


function looksLikeTagList(values: unknown[]): boolean {
  if (values.length === 0) return false;
  return values.every((v) => {
    if (Array.isArray(v)) return v.every((x) => typeof x === 'string');
    if (typeof v !== 'string') return false;
    const parts = v.split(/[,;|]/).map((s) => s.trim());
    return parts.length >= 2 && parts.every((p) => p.length > 0 && p.length <= 30 && !/[.!?]$/.test(p) && p.split(/\s+/).length <= 3);
  });
}

/** The transformations a target needs for these sample values. */
export function transformationsFor(target: string, samples: unknown[]): Mapping['transformations'] {
  if (target === 'tags') {
    if (samples.length && samples.every((s) => Array.isArray(s))) return [];
    const sep = samplesSeparator(samples) ?? ',';
    return [{ field: target, transformation: 'custom', customFunction: sep === ',' ? 'splitAndTrim' : `splitAndTrim(${JSON.stringify(sep)})` }];
  }
  if (target === 'createdAt' || target === 'updatedAt') {
    if (samples.length === 0 || samples.every(isIso)) return [];
    // Month-first only when the samples show it and none shows day-first.
    const orders = samples.map((s) => {
      const m = typeof s === 'string' ? /^(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}/.exec(s.trim()) : null;
      return m === null ? undefined : Number(m[2]) > 12 && Number(m[1]) <= 12 ? 'MDY' : Number(m[1]) > 12 && Number(m[2]) <= 12 ? 'DMY' : undefined;
    });
    const monthFirst = orders.includes('MDY') && !orders.includes('DMY');
    return [{ field: target, transformation: 'custom', customFunction: monthFirst ? 'parseOldDateFormat("MDY")' : 'parseOldDateFormat' }];
  }
  if (target === 'id' && samples.some((s) => typeof s === 'number')) return [{ field: target, transformation: 'custom', customFunction: 'toString' }];
  return [];
}

/** The saved template that maps most of these fields, if it maps enough of them to be the file's template. */
function matchTemplate(fields: string[], templates: Template[], dataType: RecordType): { template: Template; matched: string[] } | undefined {
  let best: { template: Template; matched: string[] } | undefined;
  for (const template of templates) {
    const type = template.schema.type;
    if ((type === 'contexts' || type === 'sessions' || type === 'templates') && type !== dataType) continue;
    const sources = Object.keys(template.transformation.mapping.fieldMappings);
    if (sources.length === 0) continue;
    const normalised = new Set(sources.map(normaliseName));
    const matched = fields.filter((f) => sources.includes(f) || normalised.has(normaliseName(f)));
    if (matched.length === 0 || matched.length / fields.length < 0.75) continue;
    if (!best || matched.length > best.matched.length) best = { template, matched };
  }
  return best;
}

/** What earlier imports mapped each source name to (most recent first wins), with its transformations. */
function rememberedTargets(remembered: Mapping[]): Map<string, { target: string; transformations: Mapping['transformations'] }> {
  const out = new Map<string, { target: string; transformations: Mapping['transformations'] }>();
  for (const mapping of remembered) {
    for (const [source, target] of Object.entries(mapping.fieldMappings ?? {})) {
      const key = normaliseName(source);
      if (!key || out.has(key)) continue;
      const transformations = (mapping.transformations ?? []).filter((t) => t.field === target || t.field === source).map((t) => ({ ...t, field: target }));
      out.set(key, { target, transformations });
    }
  }
  return out;
}

/**
 * @param templates saved templates: one that maps most of the file's fields is reported and used
 * @param remembered the mappings of earlier successful imports, most recent first: a field mapped before is
 *   suggested the same way again ("remembered")
 */
export function suggestMapping(
  fields: string[],
  samples: Record<string, unknown[]>,
  dataType: RecordType = 'contexts',
  templates: Template[] = [],
  remembered: Mapping[] = [],
): MappingSuggestion {
  const targets = TARGETS[dataType];
  const unique = [...new Set(fields)];
  const taken = new Set<string>();
  const decided = new Map<string, FieldSuggestion>();
  const sampleOf = (f: string) => (Object.prototype.hasOwnProperty.call(samples, f) ? (samples[f] ?? []) : []);

  const result: MappingSuggestion = { mapping: { fieldMappings: {}, transformations: [] }, fields: [] };
  const match = matchTemplate(unique, templates, dataType);
  if (match) {
    const { fieldMappings, transformations } = match.template.transformation.mapping;
    const byNormal = new Map(Object.entries(fieldMappings).map(([s, t]) => [normaliseName(s), [s, t] as const]));
    for (const source of match.matched) {
      const [templateSource, target] = Object.prototype.hasOwnProperty.call(fieldMappings, source) ? [source, fieldMappings[source]!] : byNormal.get(normaliseName(source))!;
      if (taken.has(target)) continue;
      taken.add(target);
      const own = transformations.filter((t) => t.field === target || t.field === templateSource).map((t) => ({ ...t, field: target }));
      decided.set(source, { source, target, confidence: 0.95, reason: 'template', autoAccept: true, transformations: own.length ? own : undefined });
    }
    result.matchedTemplate = { id: match.template.id, name: match.template.name, matched: match.matched.length, total: unique.length };
  }

  // Greedy by confidence, refusing ties: the strongest claims are settled first.
  const memory = rememberedTargets(remembered);
  const rememberedTransformations = new Map<string, Mapping['transformations']>();
  const all = unique
    .filter((f) => !decided.has(f))
    .flatMap((f) => {
      const own = candidatesFor(f, targets);
      const recall = memory.get(normaliseName(f));
      // Only a target this record type has: a mapping remembered from contexts says nothing about sessions.
      const earlier = recall && (targets.some((t) => t.target === recall.target) || recall.target.startsWith('metadata.')) ? recall : undefined;
      if (!earlier) return own.map((c, rank) => ({ ...c, rank }));
      rememberedTransformations.set(f, earlier.transformations);
      const recalled: Candidate = { source: f, target: earlier.target, confidence: 0.97, reason: 'remembered' };
      return [recalled, ...own.filter((c) => c.target !== earlier.target)].map((c, rank) => ({ ...c, rank }));
    });
  all.sort((a, b) => b.confidence - a.confidence || a.rank - b.rank);
  const blocked = new Set<string>();
  for (const c of all) {
    if (decided.has(c.source) || taken.has(c.target) || blocked.has(c.target)) continue;
    const rivalSource = all.find((o) => o !== c && o.target === c.target && o.confidence === c.confidence && !decided.has(o.source));
    const rivalTarget = all.find((o) => o !== c && o.source === c.source && o.confidence === c.confidence && !taken.has(o.target) && !blocked.has(o.target));
    if (rivalSource || rivalTarget) {
      // A tie: suggest, never auto-map. The target stays free for nobody else at this level.
      for (const o of all.filter((o) => o.confidence === c.confidence && (o.target === c.target || o.source === c.source))) {
        if (!decided.has(o.source)) decided.set(o.source, { source: o.source, target: o.target, confidence: o.confidence, reason: o.reason, autoAccept: false });
      }
      blocked.add(c.target);
      continue;
    }
    taken.add(c.target);
    const autoAccept = c.reason === 'exact' || c.reason === 'alias' || c.reason === 'remembered';
    const transformations = c.reason === 'remembered' ? (rememberedTransformations.get(c.source) ?? []) : transformationsFor(c.target, sampleOf(c.source));
    decided.set(c.source, { source: c.source, target: c.target, confidence: c.confidence, reason: c.reason, autoAccept, transformations: transformations.length ? transformations : undefined });
  }

  // The names said nothing: look at the values.
  for (const source of unique) {
    if (decided.has(source)) continue;
    const values = sampleOf(source);
    let shape: string | undefined;
    if (values.length && values.every(looksLikeDate) && targets.some((t) => t.target === 'createdAt') && !taken.has('createdAt')) shape = 'createdAt';
    else if (dataType === 'contexts' && looksLikeTagList(values) && !taken.has('tags')) shape = 'tags';
    if (shape) {
      const transformations = transformationsFor(shape, values);
      decided.set(source, { source, target: shape, confidence: shape === 'createdAt' ? 0.5 : 0.45, reason: 'value-shape', autoAccept: false, transformations: transformations.length ? transformations : undefined });
    } else decided.set(source, { source, target: null, confidence: 0, reason: 'none', autoAccept: false });
  }

  const tied = new Set([...decided.values()].filter((s) => !s.autoAccept && s.reason !== 'fuzzy' && s.reason !== 'value-shape' && s.reason !== 'none').map((s) => s.source));
  for (const source of unique) {
    const s = decided.get(source)!;
    result.fields.push(s);
    // Pre-fill what is accepted or merely needs a confirmation; value-shape guesses and ties stay suggestions.
    if (s.target && !tied.has(source) && s.reason !== 'value-shape') {
      defineField(result.mapping.fieldMappings, source, s.target);
      if (s.transformations) result.mapping.transformations.push(...s.transformations);
    }
  }
  return result;
}
