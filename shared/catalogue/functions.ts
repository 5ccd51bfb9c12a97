/**
 * What each transformation function is, for people: its arguments, how it is written, what it does and an
 * example a picker can insert. The engine's registry (electron/engine/mapping/functions.ts) is built from
 * this list, so the UI and the CLI's help can offer only what the engine compiles; a test compiles every
 * `usage` and `example` below through the engine.
 */

export interface FunctionArgument {
  name: string;
  kind: 'text' | 'number' | 'any';
  optional: boolean;
  description: string;
}

export interface FunctionInfo {
  name: string;
  arguments: readonly FunctionArgument[];
  /** How it is written, for messages and help: every accepted form. */
  usage: string;
  description: string;
  /** A call that compiles as written: what a picker inserts. */
  example: string;
}

const separator = (fallback: string): FunctionArgument => ({
  name: 'separator',
  kind: 'text',
  optional: true,
  description: `the text between items (default ${JSON.stringify(fallback)})`,
});

export const FUNCTION_CATALOGUE = [
  { name: 'trim', arguments: [], usage: 'trim', description: 'Removes blanks at both ends', example: 'trim' },
  { name: 'lowercase', arguments: [], usage: 'lowercase', description: 'Makes the text lower case', example: 'lowercase' },
  { name: 'uppercase', arguments: [], usage: 'uppercase', description: 'Makes the text UPPER CASE', example: 'uppercase' },
  {
    name: 'splitAndTrim',
    arguments: [separator(',')],
    usage: 'splitAndTrim or splitAndTrim(";")',
    description: 'Splits text into a list, trimming each item and dropping empty ones',
    example: 'splitAndTrim',
  },
  { name: 'split', arguments: [separator(',')], usage: 'split(",")', description: 'Splits text into a list, as it is', example: 'split(",")' },
  { name: 'join', arguments: [separator(', ')], usage: 'join(", ")', description: 'Joins a list into one text', example: 'join(", ")' },
  {
    name: 'parseOldDateFormat',
    arguments: [{ name: 'order', kind: 'text', optional: true, description: '"DMY" (default) or "MDY" for month-first dates' }],
    usage: 'parseOldDateFormat or parseOldDateFormat("MDY")',
    description: 'Reads a legacy date (31/12/2023, Dec 31 2023, …) as ISO 8601',
    example: 'parseOldDateFormat',
  },
  {
    name: 'parseDate',
    arguments: [{ name: 'format', kind: 'text', optional: false, description: 'the pattern, e.g. "DD/MM/YYYY HH:mm"' }],
    usage: 'parseDate("DD.MM.YYYY HH:mm")',
    description: 'Reads a date written in the given pattern as ISO 8601',
    example: 'parseDate("DD/MM/YYYY")',
  },
  {
    name: 'default',
    arguments: [{ name: 'value', kind: 'any', optional: false, description: 'what an empty value becomes' }],
    usage: 'default("general")',
    description: 'Fills an empty value (missing, blank or an empty list)',
    example: 'default("general")',
  },
  {
    name: 'defaultFrom',
    arguments: [{ name: 'field', kind: 'text', optional: false, description: 'the field of the mapped record to copy (content, metadata.summary, …)' }],
    usage: 'defaultFrom("content")',
    description: 'Fills an empty value from another field of the mapped record',
    example: 'defaultFrom("content")',
  },
  {
    name: 'replace',
    arguments: [
      { name: 'find', kind: 'text', optional: false, description: 'the literal text to find' },
      { name: 'replacement', kind: 'text', optional: false, description: 'what it becomes' },
    ],
    usage: 'replace("old", "new")',
    description: 'Replaces every occurrence of a literal text',
    example: 'replace("old", "new")',
  },
  { name: 'toNumber', arguments: [], usage: 'toNumber', description: 'Reads text as a number (1,234.5 too)', example: 'toNumber' },
  { name: 'toBoolean', arguments: [], usage: 'toBoolean', description: 'Reads yes/no, true/false, 1/0, on/off', example: 'toBoolean' },
  {
    name: 'truncate',
    arguments: [{ name: 'length', kind: 'number', optional: false, description: 'the most characters (or list items) kept' }],
    usage: 'truncate(80)',
    description: 'Keeps the first characters of a text, or the first items of a list',
    example: 'truncate(80)',
  },
  {
    name: 'firstLine',
    arguments: [{ name: 'length', kind: 'number', optional: true, description: 'the most characters kept (default 80)' }],
    usage: 'firstLine or firstLine(60)',
    description: 'The first line with words in it, without Markdown heading marks, cut to a title length',
    example: 'firstLine',
  },
  {
    name: 'firstLineFrom',
    arguments: [
      { name: 'field', kind: 'text', optional: false, description: 'the field of the mapped record whose text gives the line (content, …)' },
      { name: 'length', kind: 'number', optional: true, description: 'the most characters kept (default 80)' },
    ],
    usage: 'firstLineFrom("content")',
    description: "Fills an empty value with the first line of another field's text (HTML tags removed), as a title",
    example: 'firstLineFrom("content")',
  },
  { name: 'stripHtml', arguments: [], usage: 'stripHtml', description: 'Turns HTML into plain text', example: 'stripHtml' },
  {
    name: 'pluck',
    arguments: [{ name: 'field', kind: 'text', optional: false, description: 'the field of each object to keep (name, term, …)' }],
    usage: 'pluck("name")',
    description: 'A list of objects becomes the list of one of their fields (GitHub labels → their names)',
    example: 'pluck("name")',
  },
  { name: 'toString', arguments: [], usage: 'toString', description: 'Writes any value as text (objects as JSON)', example: 'toString' },
] as const satisfies readonly FunctionInfo[];

export type FunctionName = (typeof FUNCTION_CATALOGUE)[number]['name'];

/** The function a text box shows as its placeholder: the one most imports need. */
export const EXAMPLE_FUNCTION: FunctionName = 'splitAndTrim';
