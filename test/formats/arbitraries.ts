/** fast-check arbitraries for records full of the characters and shapes that break formats. */
import fc from 'fast-check';
import { IMPORTANCE_LEVELS, TEMPLATE_FIELD_TYPES, type TRANSFORMATION_KINDS } from '../../shared/model.ts';

/** Pieces that have broken some format somewhere: markup, fences, CSV triggers, YAML look-alikes, controls. */
export const HOSTILE_PIECES = [
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\t',
  ' ',
  '  ',
  '\u00a0',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '"',
  "'",
  ',',
  ';',
  '|',
  '<',
  '>',
  '&',
  ']]>',
  '-->',
  '<!--',
  '<![CDATA[',
  '<?xml',
  '<!DOCTYPE x>',
  '&amp;',
  '&#13;',
  '&lt;',
  '`',
  '```',
  '````',
  '~~~',
  '#',
  '# ',
  '## Item 1',
  '**id:**',
  '**id:** x',
  '---',
  '- ',
  '-',
  '=',
  '+',
  '@',
  "'=",
  "''",
  '=SUM(A1)',
  '+1',
  '-1',
  '@x',
  '\\',
  '\\u001b',
  '\\\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  'key: value',
  '- item',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'true',
  '~',
  '0123',
  '1e3',
  '0x1F',
  '.inf',
  '2024-01-01',
  '12:30',
  'é',
  'e\u0301',
  '\u00e9',
  '𝄞',
  '🇫🇷',
  '👩‍💻',
  '中文',
  'עברית',
  '_escaped',
  'dataType',
  'contexts',
  '__proto__',
  'constructor',
  'toString',
  'item',
  'entry',
  'esc="1"',
  '[]',
  '{}',
  '""',
  'sample,test',
];

const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

export const hostileString = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.array(unit, { minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength ?? 6 }).map((parts) => parts.join(''));

const nonEmpty = hostileString({ minLength: 1 });

export const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const jsonLeaf = fc.oneof(hostileString(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
export const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(hostileString(), tie('value'), { maxKeys: 3, noNullPrototype: true }),
})).value;

export const metadata = fc
  .tuple(
    fc.dictionary(hostileString(), jsonValue, { maxKeys: 4, noNullPrototype: true }),
    fc.option(fc.constantFrom(...IMPORTANCE_LEVELS), { nil: undefined }),
    fc.option(hostileString(), { nil: undefined }),
  )
  .map(([base, importance, source]) => {
    const m: Record<string, unknown> = {};
    // defineProperty: a generated "__proto__" key stays data instead of replacing m's prototype.
    for (const [k, v] of Object.entries(base))
      if (k !== 'importance' && k !== 'source') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (importance !== undefined) m.importance = importance;
    if (source !== undefined) m.source = source;
    return m;
  });

export const context = fc.record(
  {
    id: nonEmpty,
    title: hostileString(),
    content: hostileString({ maxLength: 12 }),
    type: nonEmpty,
    tags: fc.array(hostileString(), { maxLength: 4 }),
    sessionId: fc.option(hostileString(), { nil: null }),
    createdAt: isoDate,
    updatedAt: isoDate,
    metadata,
  },
  { requiredKeys: ['id', 'title', 'content', 'type', 'tags', 'sessionId', 'createdAt', 'metadata'] },
);

export const session = fc.record(
  { id: nonEmpty, name: hostileString(), description: hostileString(), createdAt: isoDate, updatedAt: isoDate, metadata },
  { requiredKeys: ['id', 'name', 'description', 'createdAt', 'metadata'] },
);

const MAPPING_TARGETS = ['title', 'content', 'type', 'tags', 'metadata.note'] as const;
const CUSTOM_FUNCTIONS = ['splitAndTrim', 'truncate(10)', 'stripHtml', 'default("x")', 'replace("a", "b")', 'toString'] as const;
const EXPRESSIONS = ['now()', 'upper(title)', 'concat(title, " ", type)', 'len(content) > 3 ? "long" : "short"', 'coalesce(sessionId, "none")'] as const;

export const template = fc.record(
  {
    id: nonEmpty,
    name: nonEmpty,
    description: hostileString(),
    version: fc.integer({ min: 1, max: 1_000_000 }),
    schema: fc.record({
      type: hostileString(),
      fields: fc.array(fc.record({ name: nonEmpty, type: fc.constantFrom(...TEMPLATE_FIELD_TYPES), required: fc.boolean(), description: hostileString() }), {
        maxLength: 3,
      }),
    }),
    // Templates carry behaviour and are checked on import: hostile source names, but targets, functions and
    // expressions that can run.
    transformation: fc.record({
      mapping: fc.record({
        // One source per target: a target takes one source field.
        fieldMappings: fc
          .uniqueArray(
            fc.tuple(
              hostileString().filter((k) => k.trim().length > 0),
              fc.constantFrom(...MAPPING_TARGETS),
            ),
            { selector: (pair) => pair[1], maxLength: 3 },
          )
          .map((pairs) => Object.fromEntries(pairs) as Record<string, string>),
        transformations: fc.array(
          fc.oneof(
            fc.record({
              field: fc.constantFrom(...MAPPING_TARGETS),
              transformation: fc.constantFrom('trim', 'lowercase', 'uppercase') as fc.Arbitrary<(typeof TRANSFORMATION_KINDS)[number]>,
            }),
            fc.record({
              field: fc.constantFrom(...MAPPING_TARGETS),
              transformation: fc.constant('custom' as const),
              customFunction: fc.constantFrom(...CUSTOM_FUNCTIONS),
            }),
          ),
          { maxLength: 2 },
        ),
      }),
      // Names unique, as a template's check requires (two "on" fields made a seed the import rightly refused).
      computedFields: fc.uniqueArray(
        fc.record({
          name: nonEmpty.filter((n) => !['__proto__', 'constructor', 'prototype'].includes(n)),
          expression: fc.constantFrom(...EXPRESSIONS),
          type: fc.constantFrom(...TEMPLATE_FIELD_TYPES),
        }),
        { selector: (field) => field.name, maxLength: 2 },
      ),
    }),
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  { requiredKeys: ['id', 'name', 'description', 'version', 'schema', 'transformation', 'createdAt'] },
);

const byId = { selector: (r: { id: string }) => r.id, maxLength: 4 };
export const seed = fc.record({
  contexts: fc.uniqueArray(context, byId),
  sessions: fc.uniqueArray(session, byId),
  templates: fc.uniqueArray(template, byId),
});
