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
 *  - Every proposal is tried on the samples it was made for (suggest-check.ts): one that fails is not
 *    accepted automatically, its transformations are offered unticked with the failing sample.
 *  - Values speak when names do not: dates in the shapes other tools write go to createdAt/updatedAt (never
 *    tags, whatever commas they have), UUIDs and hex ids to id; a name-matched date target whose samples are
 *    no dates at all is not proposed.
 *  - Each suggestion says why in words (`why`), and a remembered one how many imports taught it.
 *  - Records with no title field (Day One, Simplenote) take their content's first line (deriveTitle); a text
 *    field whose samples are empty loses to one with text; a list or object is never proposed for a
 *    single-value field (`type`).
 */
import type { FieldSuggestion, MappingSuggestion, SuggestionReason } from '../../../shared/contract.ts';
import { IMPORTANCE_LEVELS, IsoDateTime, RECORD_SCHEMAS, type Mapping, type RecordType, type Template } from '../../../shared/model.ts';
import { nameWords, normaliseName } from '../../../shared/field-names.ts';
import { parseLegacyDate } from './dates.ts';
import { samplesSeparator } from './tags.ts';
import { datesShape, idShape, looksLikeTagList, nameSaysUpdated, present, unreadDatesWhy } from './suggest-values.ts';
import { firstFailure } from './suggest-check.ts';
import { looksLikeHtml } from './functions.ts';
import { defineField, isPlainObject } from './paths.ts';

type Alias = [name: string, confidence: number];
interface TargetSpec {
  target: string;
  aliases: Alias[];
  shape?: 'date' | 'list' | 'importance';
}

const CREATED: Alias[] = [
  // Reddit's API has both: `created` is shifted by the server's zone, `created_utc` is the time.
  ['createdutc', 0.92],
  ['created', 0.9],
  ['createdon', 0.9],
  ['createdtime', 0.9],
  ['createddate', 0.9],
  ['creationdate', 0.9],
  ['creationtime', 0.9],
  ['datecreated', 0.9],
  ['timecreated', 0.9],
  ['createddatetime', 0.9],
  ['ctime', 0.8],
  ['date', 0.8],
  ['timestamp', 0.8],
  ['datetime', 0.75],
  ['time', 0.7],
  ['createtime', 0.9],
  ['createdtimestamp', 0.9],
  ['creationtimestamp', 0.9],
  ['published', 0.85],
  ['pubdate', 0.85],
  ['publishedat', 0.85],
  ['publishedon', 0.85],
  ['posted', 0.8],
  ['postedat', 0.85],
  ['dateadded', 0.85],
  ['addedat', 0.85],
  ['added', 0.75],
  // Pocket's `time_added`; Spotify's streaming history's `ts` (its other times say when it was logged offline).
  ['timeadded', 0.85],
  ['ts', 0.75],
];
const UPDATED: Alias[] = [
  ['updated', 0.9],
  ['updatedon', 0.9],
  ['updatedtime', 0.9],
  ['modified', 0.9],
  ['modifiedat', 0.9],
  ['modifiedon', 0.9],
  ['modifiedtime', 0.9],
  ['lastmodified', 0.9],
  ['lastedited', 0.9],
  ['lasteditedtime', 0.9],
  ['lastupdated', 0.9],
  ['datemodified', 0.9],
  ['modifieddate', 0.9],
  ['editedtime', 0.85],
  ['edited', 0.85],
  ['mtime', 0.8],
  ['changed', 0.8],
  ['updatetime', 0.9],
  ['updatedtimestamp', 0.9],
  ['editedat', 0.9],
  ['lasteditedat', 0.9],
  ['editedtimestamp', 0.85],
  ['usereditedtimestamp', 0.85],
  ['lastmodifiedtime', 0.9],
  ['modifiedtimestamp', 0.9],
];
const ID: Alias[] = [
  ['uuid', 0.85],
  ['guid', 0.85],
  ['identifier', 0.85],
  ['uid', 0.8],
  ['objectid', 0.8],
  ['oid', 0.7],
  ['key', 0.7],
];

/** Exported for the test that checks each target against shared/catalogue/targets.ts. */
export const TARGETS: Record<RecordType, TargetSpec[]> = {
  contexts: [
    { target: 'id', aliases: ID },
    {
      target: 'title',
      aliases: [
        ['name', 0.9],
        ['subject', 0.9],
        ['heading', 0.9],
        ['headline', 0.85],
        ['caption', 0.8],
        ['topic', 0.7],
      ],
    },
    {
      target: 'content',
      aliases: [
        ['body', 0.9],
        ['text', 0.9],
        // Twitter's API in extended mode (and X archives): the whole text, where `text` is absent or cut at 140.
        ['fulltext', 0.92],
        // Readwise's export: the highlighted passage (its `Note`, a note alias, fills in where it is empty).
        ['highlight', 0.85],
        // Reddit's API: a self post's body (`selftext`, beside `title`); Hacker News (Algolia): a story's.
        ['selftext', 0.9],
        ['storytext', 0.85],
        ['contents', 0.95],
        ['textcontent', 0.9],
        ['bodytext', 0.85],
        ['plaintext', 0.8],
        ['description', 0.85],
        ['markdown', 0.85],
        // RSS's content module (WordPress's WXR): `content:encoded` is the whole body, `description` often empty or a
        // summary, so it wins over description (which then fills an item without it: fallBackToRunnerUp).
        ['contentencoded', 0.9],
        ['note', 0.8],
        ['notes', 0.8],
        ['html', 0.8],
        ['details', 0.8],
        ['message', 0.8],
        ['summary', 0.7],
      ],
    },
    {
      target: 'type',
      aliases: [
        ['category', 0.9],
        ['kind', 0.9],
        ['contenttype', 0.8],
        ['class', 0.7],
      ],
    },
    {
      target: 'tags',
      aliases: [
        ['tag', 0.95],
        ['keywords', 0.9],
        ['keyword', 0.9],
        ['labels', 0.9],
        ['label', 0.85],
        ['categories', 0.85],
        // RSS's repeated <category> elements; a single category per record stays a type (that alias is stronger).
        ['category', 0.8],
        ['hashtags', 0.85],
        ['topics', 0.8],
      ],
      shape: 'list',
    },
    {
      target: 'sessionId',
      aliases: [
        ['session', 0.9],
        ['sessionname', 0.7],
      ],
    },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
    {
      target: 'metadata.importance',
      aliases: [
        ['importance', 0.9],
        ['priority', 0.8],
      ],
      shape: 'importance',
    },
    {
      target: 'metadata.source',
      aliases: [
        ['source', 0.9],
        ['sourceurl', 0.85],
        ['url', 0.75],
        // Google Takeout's activity records (YouTube history, My Activity): the link of what the title names.
        ['titleurl', 0.7],
      ],
    },
    {
      target: 'metadata.author',
      aliases: [
        ['author', 0.9],
        // Discord's `author.name`, Messenger's `sender_name`.
        ['authorname', 0.85],
        ['sendername', 0.8],
        ['creator', 0.85],
        ['createdby', 0.85],
        ['owner', 0.75],
        // An API's item of a person (a GitHub issue's `user`).
        ['user', 0.7],
        ['username', 0.7],
        // A message's sender (Telegram, e-mail).
        ['from', 0.7],
      ],
    },
  ],
  sessions: [
    { target: 'id', aliases: ID },
    {
      target: 'name',
      aliases: [
        ['title', 0.85],
        ['subject', 0.8],
        ['heading', 0.8],
      ],
    },
    {
      target: 'description',
      aliases: [
        ['summary', 0.85],
        ['body', 0.8],
        ['content', 0.8],
        ['notes', 0.8],
        ['text', 0.8],
      ],
    },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
  ],
  templates: [
    { target: 'id', aliases: ID },
    { target: 'name', aliases: [['title', 0.85]] },
    { target: 'description', aliases: [['summary', 0.8]] },
    {
      target: 'version',
      aliases: [
        ['rev', 0.7],
        ['revision', 0.8],
      ],
    },
    { target: 'schema', aliases: [] },
    { target: 'transformation', aliases: [['transform', 0.85]] },
    { target: 'createdAt', aliases: CREATED, shape: 'date' },
    { target: 'updatedAt', aliases: UPDATED, shape: 'date' },
  ],
};

const LEGACY_PREFIXES = new Set(['legacy', 'old', 'orig', 'original', 'prev', 'previous', 'src', 'raw', 'imported', 'import', 'ext', 'external']);
const ENTITY_PREFIXES = new Set([
  'note',
  'page',
  'item',
  'entry',
  'record',
  'doc',
  'document',
  'post',
  'article',
  'card',
  'context',
  'session',
  'message',
  'conversation',
  'chat',
  'memory',
  'task',
  'event',
  'bookmark',
]);
/** Names every object has for itself: nested, they describe that object. */
const OBJECT_OWN = new Set(['id', 'type', 'uuid', 'guid', 'uid', 'kind', 'oid', 'name']);
/** Objects that hold the record's own fields (Notion's `properties`, Airtable's `fields`, JSON:API's `attributes`, Mongo's `_id`). */
const RECORD_CONTAINERS = new Set([
  'properties',
  'fields',
  'attributes',
  'data',
  'meta',
  'metadata',
  'frontmatter',
  'record',
  'item',
  'entry',
  'note',
  'node',
  'doc',
  'document',
  'post',
  'page',
  'id',
]);
/** Units after a time's name (`createdTimestampUsec`, `updated_utc`): the name is what comes before. */
const UNIT_SUFFIXES = new Set(['usec', 'ms', 'millis', 'sec', 'secs', 'seconds', 'utc', 'gmt', 'iso', 'epoch', 'unixtime', 'unix']);

export { nameWords, normaliseName };

interface Candidate {
  source: string;
  target: string;
  confidence: number;
  reason: SuggestionReason;
  /** In words, for the user (FieldSuggestion.why). */
  why: string;
}

/** An XML element's value beside its attributes (formats/xml/values.ts): `summary.#text` is the summary's text. */
const ELEMENT_TEXT = '.#text';

/**
 * The names a field could be read as, each with how much stripping cost: whole name, prefixes off, last part.
 * `attribute`: the field is an attribute of an XML element that has a value (`summary.type` beside
 * `summary.#text`): it describes that value (its type, language), so no part of its name names a field.
 */
function readings(source: string, attribute = false): [string, number][] {
  // Atom's `content.type` ("html") says how the content is written, not the record's type: no field's name.
  if (attribute) return [];
  if (source.endsWith(ELEMENT_TEXT) && source.length > ELEMENT_TEXT.length) {
    return readings(source.slice(0, -ELEMENT_TEXT.length)).map(([key, factor]) => [key, factor * 0.97]);
  }
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
  if (stripped.length > 1 && UNIT_SUFFIXES.has(stripped[stripped.length - 1]!)) add(stripped.slice(0, -1), factor * 0.97);
  if (parts.length > 1) {
    // A nested field (`meta.author`, `properties.Tags`): its own name, a little less sure. An object's own id or type
    // (a link's MIME type, an issue's `user.id`) says what that object is, not the record, unless the object is
    // a container of the record's fields (`properties.Type`, `_id.$oid`).
    const last = nameWords(parts[parts.length - 1]!);
    const parent = normaliseName(parts[parts.length - 2]!);
    // The deeper, the less it is the record's own: Reddit's `data.title` over `data.media.oembed.title` (the
    // embedded video's), which tied with it and left both unmapped.
    // A field right in a record container (`data.selftext`, `fields.summary`) is almost the record's own.
    const depth = parts.length === 2 && RECORD_CONTAINERS.has(parent) ? 0.95 : 0.9 * 0.97 ** (parts.length - 2);
    if (!OBJECT_OWN.has(last.join('')) || RECORD_CONTAINERS.has(parent)) add(last, round(depth));
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

/** Targets that hold one value: a list or an object there fails validation ("type expected string, received array"). */
const SINGLE_VALUE = new Set(['id', 'title', 'content', 'type', 'sessionId', 'name', 'description', 'version', 'metadata.importance', 'metadata.source']);
/** Text, or lists of text runs: strings and objects with a `text` (Telegram's formatted messages). */
function isRichText(values: unknown[]): boolean {
  return richTextKey(values) !== undefined;
}

/**
 * The key of the text in runs of rich text: Telegram's `text` (`["see ", {"type": "link", "text": "…"}]`), or the
 * Notion API's `plain_text` (its `text` is an object: `{content, link}`). Undefined when the values are not text.
 */
function richTextKey(values: unknown[]): 'text' | 'plain_text' | undefined {
  const runs = values.filter((v) => typeof v !== 'string');
  if (!runs.every((v) => Array.isArray(v))) return undefined;
  const all = (runs as unknown[][]).flat().filter((run) => typeof run !== 'string');
  if (all.every((run) => isPlainObject(run) && typeof run.text === 'string')) return 'text';
  if (all.every((run) => isPlainObject(run) && typeof run.plain_text === 'string')) return 'plain_text';
  return undefined;
}

/** Text targets, where a field with nothing in its samples loses to one with text (WordPress's empty `description`). */
const TEXT_TARGETS = new Set(['title', 'content', 'name', 'description']);

/**
 * @param sampledEmpty the file was sampled and this field had nothing in it (inspectFile lists every field it
 *   saw, with its non-empty values): known to be empty, not merely unsampled
 */
function candidatesFor(source: string, targets: TargetSpec[], samples: unknown[], attribute = false, sampledEmpty = false): Candidate[] {
  const shown = present(samples);
  const dates = datesShape(shown, source);
  // Values overrule a name: a "date" column of yes/no is not a date, a date with a comma is not a tag list.
  const fits = (target: string) => {
    // A "priority" may be a number as well as a level: with no values to look at, only "importance" says so.
    if (shown.length === 0) return target !== 'metadata.importance' || normaliseName(source.split('.').pop()!) === 'importance';
    // Telegram's `text`: a string, or runs of text (`["see ", {"type": "link", "text": "https://…"}]`) made one by pluck and join.
    if (SINGLE_VALUE.has(target) && shown.some((v) => typeof v === 'object')) return TEXT_TARGETS.has(target) && isRichText(shown);
    if (target === 'tags') return !dates;
    // Twitter's `source` is the client as an HTML link (`<a href="…">Twitter for Android</a>`), not where the record is from.
    if (target === 'metadata.source') return !shown.some((v) => typeof v === 'string' && looksLikeHtml(v));
    const spec = targets.find((t) => t.target === target);
    // A boolean is never a date: Reddit's `edited` is false, or the time of the edit.
    if (spec?.shape === 'date')
      return !shown.some((v) => typeof v === 'boolean') && (dates !== undefined || shown.some((v) => parseLegacyDate(v) !== undefined));
    // A "priority" of 1-5 is no importance level: only values that are one, whatever their case.
    if (spec?.shape === 'importance') return shown.every((v) => importanceLevel(v) !== undefined);
    return true;
  };
  return nameCandidates(source, targets, attribute)
    .filter((c) => fits(c.target))
    .map((c) =>
      sampledEmpty && shown.length === 0 && TEXT_TARGETS.has(c.target)
        ? { ...c, confidence: round(c.confidence / 2), why: `${c.why}, but its samples are empty` }
        : c,
    );
}

function nameCandidates(source: string, targets: TargetSpec[], attribute: boolean): Candidate[] {
  const found = new Map<string, Candidate>();
  const offer = (c: Candidate) => {
    const best = found.get(c.target);
    if (!best || c.confidence > best.confidence) found.set(c.target, c);
  };
  const exactName = (t: TargetSpec) => normaliseName(t.target.split('.').pop()!);
  for (const [key, factor] of readings(source, attribute)) {
    for (const t of targets) {
      if (key === exactName(t) && !t.target.startsWith('metadata.')) {
        offer({
          source,
          target: t.target,
          confidence: round((source === t.target ? 1 : 0.95) * factor),
          reason: 'exact',
          why: factor === 1 ? 'same name' : `same name once "${source}" is read as "${key}"`,
        });
      }
      for (const [alias, confidence] of t.aliases) {
        if (key === alias)
          offer({ source, target: t.target, confidence: round(confidence * factor), reason: 'alias', why: `alias: "${key}" means ${t.target}` });
      }
    }
  }
  if (found.size === 0) {
    for (const [key, factor] of readings(source, attribute)) {
      if (key.length < 4) continue;
      for (const t of targets) {
        for (const name of [exactName(t), ...t.aliases.filter(([, c]) => c >= 0.85).map(([a]) => a)]) {
          if (name.length < 4) continue;
          const sim = similarity(key, name);
          if (sim >= 0.8)
            offer({
              source,
              target: t.target,
              confidence: round(sim * 0.75 * factor),
              reason: 'fuzzy',
              why: `fuzzy ${sim.toFixed(2)}: "${key}" is close to "${name}"`,
            });
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

/** The transformations a target needs for these sample values. */
export function transformationsFor(target: string, samples: unknown[]): Mapping['transformations'] {
  if (target === 'tags') {
    if (samples.length && samples.every((s) => Array.isArray(s))) {
      const key = labelKey(samples as unknown[][]);
      return key ? [{ field: target, transformation: 'custom', customFunction: `pluck(${JSON.stringify(key)})` }] : [];
    }
    // Pinboard and del.icio.us write `ssh crypto gpg`: no separator but spaces, between short words.
    // Two words may be one tag ("machine learning"): only three or more in one value, and several values with
    // more than one, say the spaces separate.
    const words = samples.filter((s): s is string => typeof s === 'string').map((s) => s.trim().split(/\s+/));
    const spaced =
      samplesSeparator(samples) === undefined &&
      words.some((w) => w.length >= 3) &&
      words.filter((w) => w.length >= 2).length >= 2 &&
      words.every((w) => w.every((word) => word.length <= 40));
    const sep = spaced ? ' ' : (samplesSeparator(samples) ?? ',');
    return [{ field: target, transformation: 'custom', customFunction: sep === ',' ? 'splitAndTrim' : `splitAndTrim(${JSON.stringify(sep)})` }];
  }
  if (target === 'createdAt' || target === 'updatedAt') {
    if (present(samples).length === 0 || present(samples).every(isIso)) return [];
    // Month-first only when the samples show it and none shows day-first.
    const orders = samples.map((s) => {
      const m = typeof s === 'string' ? /^(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}/.exec(s.trim()) : null;
      return m === null ? undefined : Number(m[2]) > 12 && Number(m[1]) <= 12 ? 'MDY' : Number(m[1]) > 12 && Number(m[2]) <= 12 ? 'DMY' : undefined;
    });
    const monthFirst = orders.includes('MDY') && !orders.includes('DMY');
    return [{ field: target, transformation: 'custom', customFunction: monthFirst ? 'parseOldDateFormat("MDY")' : 'parseOldDateFormat' }];
  }
  if ((target === 'content' || target === 'title') && samples.some((v) => Array.isArray(v)) && isRichText(present(samples)))
    return [
      { field: target, transformation: 'custom', customFunction: `pluck(${JSON.stringify(richTextKey(present(samples)))})` },
      { field: target, transformation: 'custom', customFunction: 'join("")' },
    ];
  // A feed's title written as HTML (`&#x0024;4300 … 1930ft<sup>2</sup>`): the title is its text.
  if (target === 'title' && present(samples).some((s) => typeof s === 'string' && (looksLikeHtml(s) || CHARACTER_REFERENCE.test(s))))
    return [{ field: target, transformation: 'custom', customFunction: 'stripHtml' }];
  if (target === 'id' && samples.some((s) => typeof s === 'number')) return [{ field: target, transformation: 'custom', customFunction: 'toString' }];
  if (target === 'metadata.importance') {
    const shown = present(samples);
    if (shown.every((v) => (IMPORTANCE_LEVELS as readonly unknown[]).includes(v))) return [];
    // `High`, ` low `: the level, in the words the store takes.
    const padded = shown.some((v) => typeof v === 'string' && v.trim() !== v);
    return [
      ...(padded ? [{ field: target, transformation: 'custom' as const, customFunction: 'trim' }] : []),
      { field: target, transformation: 'custom', customFunction: 'lowercase' },
    ];
  }
  return [];
}

/** `&amp;`, `&#39;`, `&#x24;`: text that is HTML even without a tag. */
const CHARACTER_REFERENCE = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/i;
/** The names objects in a tag list go by (GitHub labels' `name`, Atom categories' `term`, an XML element's text). */
const LABEL_KEYS = ['name', 'term', 'label', 'title', 'tag', 'value', 'text', '#text'];

/** The field every object of these lists names itself by, as text; undefined when they are no such objects. */
function labelKey(lists: unknown[][]): string | undefined {
  const items = lists.flat();
  if (items.length === 0 || !items.every((i) => typeof i === 'object' && i !== null && !Array.isArray(i))) return undefined;
  return LABEL_KEYS.find((k) => items.every((i) => typeof (i as Record<string, unknown>)[k] === 'string'));
}

/** The importance level a value names, whatever its case and surrounding spaces. */
function importanceLevel(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const level = v.trim().toLowerCase();
  return (IMPORTANCE_LEVELS as readonly string[]).includes(level) ? level : undefined;
}

/** The saved template that maps most of these fields, if it maps enough of them to be the file's template. */
/** A name an import can write: a field of the record type, or a key inside its metadata. */
function isImportTarget(target: string, dataType: RecordType): boolean {
  return target.startsWith('metadata.') || Object.hasOwn(RECORD_SCHEMAS[dataType].shape, target);
}

function matchTemplate(fields: string[], templates: Template[], dataType: RecordType): { template: Template; matched: string[] } | undefined {
  let best: { template: Template; matched: string[] } | undefined;
  for (const template of templates) {
    const type = template.schema.type;
    if ((type === 'contexts' || type === 'sessions' || type === 'templates') && type !== dataType) continue;
    // A template the export wizard saved shapes files the store writes (title → "Name"); read the other way on
    // an import of the store's own fields it would rename them away. Picked by hand it still applies.
    if (template.transformation.exportOptions) continue;
    const { fieldMappings } = template.transformation.mapping;
    const sources = Object.keys(fieldMappings);
    if (sources.length === 0) continue;
    if (!sources.every((s) => isImportTarget(fieldMappings[s]!, dataType))) continue;
    const normalised = new Set(sources.map(normaliseName));
    const matched = fields.filter((f) => sources.includes(f) || normalised.has(normaliseName(f)));
    if (matched.length === 0 || matched.length / fields.length < 0.75) continue;
    if (!best || matched.length > best.matched.length) best = { template, matched };
  }
  return best;
}

/** What earlier imports mapped each source name to (most recent first wins), with its transformations. */
function rememberedTargets(remembered: Mapping[]): Map<string, { target: string; transformations: Mapping['transformations']; imports: number }> {
  const out = new Map<string, { target: string; transformations: Mapping['transformations']; imports: number }>();
  for (const mapping of remembered) {
    for (const [source, target] of Object.entries(mapping.fieldMappings ?? {})) {
      const key = normaliseName(source);
      if (!key) continue;
      const known = out.get(key);
      if (known) {
        // The most recent import decides the target; every import that agreed with it counts.
        if (known.target === target) known.imports++;
        continue;
      }
      const transformations = (mapping.transformations ?? []).filter((t) => t.field === target || t.field === source).map((t) => ({ ...t, field: target }));
      out.set(key, { target, transformations, imports: 1 });
    }
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The suggestion for one field, its proposal tried on the samples: transformations that fail on one are
 * offered unticked (failedCheck) and the field is no longer accepted without a confirmation.
 */
function checked(
  base: Omit<FieldSuggestion, 'transformations' | 'failedCheck'>,
  transformations: Mapping['transformations'],
  samples: unknown[],
): FieldSuggestion {
  if (!base.target) return base;
  const failure = firstFailure(base.target, transformations, samples);
  if (!failure) return { ...base, transformations: transformations.length ? transformations : undefined };
  return {
    ...base,
    autoAccept: false,
    failedCheck: { sample: failure.sample, message: failure.message, transformations: transformations.length ? transformations : undefined },
  };
}

const TIE = 'a tie, so not mapped';

/** The title of a record that has none, from its content: default("") first, so an entry with no text still imports. */
const DERIVED_TITLE: Mapping['transformations'] = [
  { field: 'content', transformation: 'custom', customFunction: 'default("")' },
  { field: 'title', transformation: 'custom', customFunction: 'defaultFrom("content")' },
  { field: 'title', transformation: 'custom', customFunction: 'firstLine' },
];

/**
 * Note apps whose records have no title (Day One, Simplenote, Todoist): no field is suggested for title, so
 * every record would fail "title is required". The title is then the content's first line, by the mapping's
 * own functions, so the suggested mapping imports as is. The content's suggestion carries them and says so
 * (the mapping editor shows them on that row); only content whose samples are text has a first line.
 * Where a field is the title and some sampled records lack it (RSS items may have none), those take that first
 * line the same way (firstLineFrom on the title's row, which leaves a title that is there untouched).
 */
function deriveTitle(decided: Map<string, FieldSuggestion>, tied: Set<string>, sampleOf: (f: string) => unknown[], sparse: ReadonlySet<string>): void {
  const all = [...decided.values()];
  const body = all.find((s) => s.target === 'content' && !tied.has(s.source) && !s.failedCheck);
  const texts = body ? present(sampleOf(body.source)) : [];
  if (!body || texts.length === 0 || !isRichText(texts)) return;
  const titled = all.find((s) => s.target === 'title');
  if (titled) {
    // RSS lets an item have no title (a feed's third entry): that one is titled by its content's first line.
    if (!sparse.has(titled.source) || tied.has(titled.source) || titled.failedCheck) return;
    const own = titled.transformations ?? [];
    if (own.some((t) => t.customFunction?.startsWith('firstLineFrom'))) return;
    decided.set(titled.source, {
      ...titled,
      why: `${titled.why}; a record without one takes the first line of its content`,
      transformations: [...own, { field: 'title', transformation: 'custom', customFunction: 'firstLineFrom("content")' }],
    });
    return;
  }
  const own = body.transformations ?? [];
  // A feed's HTML body (Mastodon's RSS, Atom's type="html"): the title is its first line of text, not of markup.
  const html = texts.some((t) => typeof t === 'string' && looksLikeHtml(t));
  const derived = html
    ? [...DERIVED_TITLE.slice(0, 2), { field: 'title', transformation: 'custom' as const, customFunction: 'stripHtml' }, DERIVED_TITLE[2]!]
    : DERIVED_TITLE;
  decided.set(body.source, {
    ...body,
    why: `${body.why}; no field is a title, so the title is its first line${html ? ' of text, tags removed' : ''}`,
    // A remembered content mapping may bring default("") along already: each step once.
    transformations: [...own, ...derived.filter((d) => !own.some((t) => t.field === d.field && t.customFunction === d.customFunction))],
  });
}

/**
 * Feeds whose entries carry their text in one of two fields (Atom's `content` or `summary`, RSS's
 * `content:encoded` or `description`): one field wins the target, and an entry with only the other would
 * import with no content (or title). The winner then falls back to the loser by defaultFrom, when the loser was
 * named for the same target and is left unmapped with text in it.
 */
function fallBackToRunnerUp(decided: Map<string, FieldSuggestion>, all: Candidate[], tied: Set<string>, sampleOf: (f: string) => unknown[]): void {
  for (const target of ['content', 'title', 'createdAt', 'updatedAt']) {
    const owner = [...decided.values()].find((s) => s.target === target && !tied.has(s.source) && !s.failedCheck);
    if (!owner) continue;
    const date = target === 'createdAt' || target === 'updatedAt';
    const runnerUp = all.find((c) => {
      if (c.target !== target || c.source === owner.source || c.confidence < 0.6 || (c.reason !== 'exact' && c.reason !== 'alias')) return false;
      if (decided.get(c.source)?.target) return false;
      // A deeper field is another object's (Reddit's `data.media_embed.content`, an embedded video's HTML), no stand-in.
      if (c.source.split('.').length > owner.source.split('.').length) return false;
      const values = present(sampleOf(c.source));
      if (values.length === 0) return false;
      // A date only from the same date in another unit (Telegram's `date_unixtime` beside `date`), never another date.
      if (date) return normaliseName(c.source).startsWith(normaliseName(owner.source)) && values.every((v) => parseLegacyDate(v) !== undefined);
      return values.every((v) => typeof v === 'string');
    });
    if (!runnerUp) continue;
    const own = owner.transformations ?? [];
    const fallback = { field: target, transformation: 'custom' as const, customFunction: `defaultFrom(${JSON.stringify(runnerUp.source)})` };
    // The filled value is read as a date even when the owner's own values needed no reading.
    const read =
      date && !own.some((t) => t.customFunction?.startsWith('parse'))
        ? [{ field: target, transformation: 'custom' as const, customFunction: 'parseOldDateFormat' }]
        : [];
    decided.set(owner.source, {
      ...owner,
      why: `${owner.why}; where it is empty, "${runnerUp.source}" fills it`,
      transformations: [fallback, ...own, ...read],
    });
  }
}

/** Average characters a field's texts need to be taken for a record's prose (and three words in one of them). */
const PROSE_CHARACTERS = 20;

/**
 * API dumps whose body has a name of its own (Reddit's `selftext`, a tracker's `fields.summary_text`): no
 * field is suggested for content, so every record would fail "content is required". The unmapped field whose
 * values are the longest prose (words, not links, dates, ids or coordinates) is then the content, for the
 * person to confirm. Fields that are all empty or short words say nothing.
 */
function deriveContent(decided: Map<string, FieldSuggestion>, sampleOf: (f: string) => unknown[]): void {
  const all = [...decided.values()];
  if (all.some((s) => s.target === 'content')) return;
  let best: { source: string; average: number } | undefined;
  for (const s of all) {
    if (s.target !== null) continue;
    const values = sampleOf(s.source);
    const texts = present(values);
    if (texts.length === 0 || !values.every((v) => v === null || v === undefined || typeof v === 'string')) continue;
    const strings = texts as string[];
    if (strings.some((t) => /^\w+:\/\/\S*$/.test(t.trim())) || datesShape(strings, s.source) || idShape(strings)) continue;
    // Three words apart: a 28-letter id (`rTvmoxu9FGSWal8SbCZiywCL2Nm1`, Roam's user uid) has letter runs, no words.
    if (!strings.some((t) => t.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length >= 3)) continue;
    const average = strings.reduce((n, t) => n + t.length, 0) / strings.length;
    if (average >= PROSE_CHARACTERS && (!best || average > best.average)) best = { source: s.source, average };
  }
  if (!best) return;
  decided.set(best.source, {
    source: best.source,
    target: 'content',
    confidence: 0.5,
    reason: 'value-shape',
    why: `no field is named as content; this one holds the longest text (${Math.round(best.average)} characters on average)`,
    autoAccept: false,
  });
}

/**
 * A list of links (Instapaper's and Pocket's CSV: URL, Title, Folder, Timestamp) has no text at all: no field is
 * suggested for content even by deriveContent, so every record would fail "content is required". The link is then
 * the content, as the bookmarks preset makes it: the row mapped to metadata.source fills it by defaultFrom.
 */
function linkAsContent(decided: Map<string, FieldSuggestion>, sampleOf: (f: string) => unknown[]): void {
  const all = [...decided.values()];
  if (all.some((s) => s.target === 'content')) return;
  const link = all.find((s) => s.target === 'metadata.source' && !s.failedCheck);
  const texts = link ? present(sampleOf(link.source)) : [];
  if (!link || texts.length === 0 || !texts.every((v) => typeof v === 'string' && /^\w+:\/\/\S+$/.test(v.trim()))) return;
  decided.set(link.source, {
    ...link,
    why: `${link.why}; no field holds text, so the content is this link`,
    transformations: [...(link.transformations ?? []), { field: 'content', transformation: 'custom', customFunction: 'defaultFrom("metadata.source")' }],
  });
}

/**
 * A body some records lack (a Reddit link post's empty `selftext`, a GitHub issue's `body: null`, a Hacker News
 * story without `text`): those import with empty content instead of failing "content is required" (which, in
 * a strict import, stopped all of them). The title still says what the record is.
 */
function emptyContentIsEmpty(decided: Map<string, FieldSuggestion>, tied: Set<string>, sampleOf: (f: string) => unknown[], sparse: ReadonlySet<string>): void {
  const body = [...decided.values()].find((s) => s.target === 'content' && !tied.has(s.source));
  if (!body) return;
  const samples = sampleOf(body.source);
  const some = sparse.has(body.source) || present(samples).length < samples.length;
  const own = body.transformations ?? [];
  if (!some || own.some((t) => t.customFunction === 'default("")')) return;
  decided.set(body.source, {
    ...body,
    why: `${body.why}; a record without one imports with empty content`,
    transformations: [...own, { field: 'content', transformation: 'custom', customFunction: 'default("")' }],
  });
}

/** A time written without its zone (`2022-03-08T13:07:42`, `12/9/20 23:55`): the store reads it as UTC. */
const TIME_OF_DAY = /\d{1,2}:\d{2}/;
// Twitter's API writes the zone before the year: `Wed Oct 10 20:19:24 +0000 2018`.
const ZONE_WRITTEN = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT|UT|[ECMP][SD]T))(?:\s\d{4})?\s*$/i;

/** A date target whose times carry no zone says so: read as UTC, which is the phone's or the app's local time. */
function sayZoneless(decided: Map<string, FieldSuggestion>, sampleOf: (f: string) => unknown[]): void {
  for (const s of decided.values()) {
    if (s.target !== 'createdAt' && s.target !== 'updatedAt') continue;
    const zoneless = present(sampleOf(s.source)).some((v) => typeof v === 'string' && TIME_OF_DAY.test(v) && !ZONE_WRITTEN.test(v.trim()));
    if (zoneless) decided.set(s.source, { ...s, why: `${s.why}; its times carry no zone, so they are read as UTC` });
  }
}

/** Why a field is mapped into metadata under its own name (keepMisfitsAside). */
const MISFIT = "named as the store's";

/**
 * A field no mapping names keeps its name when the record type has a field of that name (mapping/apply.ts), so
 * Discord's `attachments` (objects with a url, no name) or Jira's empty `<attachments/>` stood in for the store's
 * attachments and failed every record. When the samples do not fit the store's field, the suggestion maps it
 * to `metadata.<name>` instead: kept, under its own name, beside the record.
 */
function keepMisfitsAside(decided: Map<string, FieldSuggestion>, dataType: RecordType, sampleOf: (f: string) => unknown[]): void {
  const shape = RECORD_SCHEMAS[dataType].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  for (const s of decided.values()) {
    if (s.target !== null || !Object.hasOwn(shape, s.source) || s.source === 'metadata') continue;
    const misfit = sampleOf(s.source).find((v) => v !== null && v !== undefined && !shape[s.source]!.safeParse(v).success);
    if (misfit === undefined) continue;
    decided.set(s.source, {
      source: s.source,
      target: `metadata.${s.source}`,
      confidence: 0.5,
      reason: 'value-shape',
      why: `${MISFIT} ${s.source}, but its values are not (${JSON.stringify(misfit).slice(0, 40)}): kept in metadata under its name`,
      autoAccept: false,
    });
  }
}

/** Targets a value-shape suggestion may put in the proposed mapping (still to be confirmed). */
const PREFILLED_SHAPES = new Set(['createdAt', 'updatedAt', 'id', 'content']);

/**
 * @param templates saved templates: one that maps most of the file's fields is reported and used
 * @param remembered the mappings of earlier committed imports, most recent first: a field mapped before is
 *   suggested the same way again ("remembered")
 * @param maxUnmapped at most this many fields without a suggestion are listed; the rest are counted
 * @param sparseFields fields some sampled records lack (inspectFile's): a title among them is filled where empty
 */
export function suggestMapping(
  fields: string[],
  samples: Record<string, unknown[]>,
  dataType: RecordType = 'contexts',
  templates: Template[] = [],
  remembered: Mapping[] = [],
  maxUnmapped = Number.POSITIVE_INFINITY,
  sparseFields: readonly string[] = [],
): MappingSuggestion {
  const targets = TARGETS[dataType];
  const unique = [...new Set(fields)];
  const taken = new Set<string>();
  const decided = new Map<string, FieldSuggestion>();
  const sampleOf = (f: string) => (Object.hasOwn(samples, f) ? (samples[f] ?? []) : []);
  // XML elements with a value and attributes (`summary.#text`, `summary.type`): which fields are those attributes.
  const withText = new Set(unique.filter((f) => f.endsWith(ELEMENT_TEXT)).map((f) => f.slice(0, -ELEMENT_TEXT.length)));
  const isAttribute = (f: string) => !f.endsWith(ELEMENT_TEXT) && f.lastIndexOf('.') > 0 && withText.has(f.slice(0, f.lastIndexOf('.')));

  const result: MappingSuggestion = { mapping: { fieldMappings: {}, transformations: [] }, fields: [] };
  const match = matchTemplate(unique, templates, dataType);
  if (match) {
    const { fieldMappings, transformations } = match.template.transformation.mapping;
    const byNormal = new Map(Object.entries(fieldMappings).map(([s, t]) => [normaliseName(s), [s, t] as const]));
    for (const source of match.matched) {
      const [templateSource, target] = Object.hasOwn(fieldMappings, source) ? [source, fieldMappings[source]!] : byNormal.get(normaliseName(source))!;
      if (taken.has(target)) continue;
      taken.add(target);
      const own = transformations.filter((t) => t.field === target || t.field === templateSource).map((t) => ({ ...t, field: target }));
      const why = `template "${match.template.name}" maps it`;
      decided.set(source, checked({ source, target, confidence: 0.95, reason: 'template', why, autoAccept: true }, own, sampleOf(source)));
    }
    result.matchedTemplate = { id: match.template.id, name: match.template.name, matched: match.matched.length, total: unique.length };
  }

  // Greedy by confidence, refusing ties: the strongest claims are settled first.
  const memory = rememberedTargets(remembered);
  const recalled = new Map<string, { transformations: Mapping['transformations']; imports: number }>();
  const all = unique
    .filter((f) => !decided.has(f))
    .flatMap((f) => {
      const own = candidatesFor(f, targets, sampleOf(f), isAttribute(f), Object.hasOwn(samples, f));
      const recall = memory.get(normaliseName(f));
      // Only a target this record type has: a mapping remembered from contexts says nothing about sessions.
      const earlier = recall && (targets.some((t) => t.target === recall.target) || recall.target.startsWith('metadata.')) ? recall : undefined;
      if (!earlier) return own.map((c, rank) => ({ ...c, rank }));
      recalled.set(f, earlier);
      const why = `remembered from ${plural(earlier.imports, 'import')}`;
      const first: Candidate = { source: f, target: earlier.target, confidence: 0.97, reason: 'remembered', why };
      return [first, ...own.filter((c) => c.target !== earlier.target)].map((c, rank) => ({ ...c, rank }));
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
        if (!decided.has(o.source))
          decided.set(o.source, {
            source: o.source,
            target: o.target,
            confidence: o.confidence,
            reason: o.reason,
            why: `${o.why}; ${TIE}`,
            autoAccept: false,
          });
      }
      blocked.add(c.target);
      continue;
    }
    taken.add(c.target);
    const autoAccept = c.reason === 'exact' || c.reason === 'alias' || c.reason === 'remembered';
    const memo = c.reason === 'remembered' ? recalled.get(c.source) : undefined;
    const transformations = memo ? memo.transformations : transformationsFor(c.target, sampleOf(c.source));
    const base = {
      source: c.source,
      target: c.target,
      confidence: c.confidence,
      reason: c.reason,
      why: c.why,
      autoAccept,
      ...(memo ? { remembered: { imports: memo.imports } } : {}),
    };
    decided.set(c.source, checked(base, transformations, sampleOf(c.source)));
  }

  // The names said nothing: look at the values.
  for (const source of unique) {
    if (decided.has(source)) continue;
    const values = sampleOf(source);
    const dates = datesShape(values, source);
    const ids = dates ? undefined : idShape(values);
    let shape: string | undefined;
    let why = '';
    if (dates) {
      // A second creation-like date (a post's own `published` under the activity's) is no update time.
      const wanted = nameSaysUpdated(source) ? 'updatedAt' : 'createdAt';
      why = `values look like ${dates}`;
      if (targets.some((x) => x.target === wanted) && !taken.has(wanted)) shape = wanted;
      else {
        const owner = [...decided.values()].find((d) => d.target === wanted)?.source;
        decided.set(source, {
          source,
          target: null,
          confidence: 0,
          reason: 'none',
          why: `${why}, but ${wanted} is mapped from ${owner ? `"${owner}"` : 'another field'}`,
          autoAccept: false,
        });
        continue;
      }
    } else if (ids && !taken.has('id')) {
      shape = 'id';
      why = `values look like ids (${ids})`;
    } else if (dataType === 'contexts' && looksLikeTagList(values, source) && !taken.has('tags')) {
      shape = 'tags';
      why = 'values look like a tag list';
    }
    if (shape) {
      if (PREFILLED_SHAPES.has(shape)) taken.add(shape);
      const confidence = shape === 'tags' ? 0.45 : 0.6;
      decided.set(
        source,
        checked({ source, target: shape, confidence, reason: 'value-shape', why, autoAccept: false }, transformationsFor(shape, values), values),
      );
    } else {
      // A name that says date whose values are none (fits refused it in candidatesFor): say so, not "no name matched".
      const dateName = nameCandidates(source, targets, isAttribute(source)).find((c) => targets.some((t) => t.target === c.target && t.shape === 'date'));
      const why = dateName ? unreadDatesWhy(dateName.why, values) : 'no name or value matched a field';
      decided.set(source, { source, target: null, confidence: 0, reason: 'none', why, autoAccept: false });
    }
  }

  keepMisfitsAside(decided, dataType, sampleOf);
  const tied = new Set([...decided.values()].filter((s) => !s.autoAccept && (s.why ?? '').endsWith(TIE)).map((s) => s.source));
  if (dataType === 'contexts') {
    fallBackToRunnerUp(decided, all, tied, sampleOf);
    deriveContent(decided, sampleOf);
    linkAsContent(decided, sampleOf);
    sayZoneless(decided, sampleOf);
    deriveTitle(decided, tied, sampleOf, new Set(sparseFields));
    emptyContentIsEmpty(decided, tied, sampleOf, new Set(sparseFields));
  }
  let unmappedListed = 0;
  let unlisted = 0;
  for (const source of unique) {
    const s = decided.get(source)!;
    // Pre-fill what is accepted or merely needs a confirmation; tag-shaped guesses and ties stay suggestions.
    // A target that cannot take the values at all (no transformation failed: the value itself did) would reject every record.
    const unfit = s.failedCheck !== undefined && !s.failedCheck.transformations;
    const prefill =
      s.target && !tied.has(source) && !unfit && (s.reason !== 'value-shape' || PREFILLED_SHAPES.has(s.target) || (s.why ?? '').startsWith(MISFIT));
    if (prefill) {
      defineField(result.mapping.fieldMappings, source, s.target!);
      if (s.transformations) result.mapping.transformations.push(...s.transformations);
    }
    if (s.target || unmappedListed < maxUnmapped) {
      if (!s.target) unmappedListed++;
      result.fields.push(s);
    } else unlisted++;
  }
  if (unlisted) result.unlistedFields = unlisted;
  return result;
}
