/**
 * The named registry of transformation functions. A mapping names a function (`splitAndTrim`) or calls it
 * with literal arguments (`truncate(80)`, `replace("a", "b")`); the call is parsed by the expression parser
 * and only literals are accepted as arguments, so no code ever comes from a mapping file. Each function is
 * compiled once, when the import is prepared: an unknown name or a bad argument fails there, by name.
 */
import { parseExpression, type Node } from './expression/index.ts';
import { compileDateFormat, parseLegacyDate, type DayOrder } from './dates.ts';
import { FUNCTION_CATALOGUE, type FunctionName } from '../../../shared/catalogue/functions.ts';
import { firstLine, TITLE_LENGTH } from './first-line.ts';
import { decodeHTML } from 'entities';
import { cloneData, isPlainObject, locate, type PlainObject } from './paths.ts';

/**
 * A compiled transformation: the value in, the value out; throws TransformFailure for a bad value. `record`
 * is the mapped record so far, for the one function that reads another of its fields (defaultFrom).
 */
export type ValueTransform = (value: unknown, record?: PlainObject) => unknown;

export class TransformFailure extends Error {}
/** A mapping that cannot run: unknown function, wrong arguments. */
export class DefinitionError extends Error {}

type Literal = string | number | boolean | null;
type Compile = (args: Literal[]) => ValueTransform;
interface FunctionSpec {
  /** How it is written, for messages and docs (from shared/catalogue/functions.ts). */
  usage: string;
  min: number;
  max: number;
  compile: Compile;
}

const MAX_OUTPUT = 1_000_000;
const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : JSON.stringify(v));

function asText(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TransformFailure(`${fn} needs text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

/** String functions apply to each item of a list (tags after splitAndTrim), and leave null alone. */
function textFunction(fn: string, apply: (text: string) => string): ValueTransform {
  const one = (v: unknown): unknown => {
    if (v === null || v === undefined) return v;
    const out = apply(asText(v, fn));
    if (out.length > MAX_OUTPUT) throw new TransformFailure(`${fn} produced more than ${MAX_OUTPUT} characters`);
    return out;
  };
  return (value) => (Array.isArray(value) ? value.map(one) : one(value));
}

function requireString(fn: string, arg: Literal, name: string): string {
  if (typeof arg !== 'string') throw new DefinitionError(`${fn}: ${name} must be a string in quotes, got ${describe(arg)}`);
  return arg;
}

function requireCount(fn: string, arg: Literal, name: string): number {
  if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 0 || arg > MAX_OUTPUT) {
    throw new DefinitionError(`${fn}: ${name} must be a whole number from 0 to ${MAX_OUTPUT}, got ${describe(arg)}`);
  }
  return arg;
}

/** The field a function reads (defaultFrom, firstLineFrom, pluck): text, and not blank. */
function requireFieldName(fn: string, name: Literal | undefined): string {
  const field = requireString(fn, name!, 'the field name');
  if (field.trim() === '') throw new DefinitionError(`${fn}: the field name must not be empty`);
  return field;
}

function splitList(value: unknown, separator: string, trim: boolean): unknown {
  if (value === null || value === undefined) return value;
  const items = Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? '' : asText(v, 'split'))) : asText(value, 'split').split(separator);
  const out = trim ? items.map((s) => s.trim()).filter((s) => s !== '') : items;
  if (out.length > 10_000) throw new TransformFailure('the list has more than 10,000 items');
  return out;
}

/** What `default` and `defaultFrom` fill: missing, blank text or an empty list. */
function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** A field of the mapped record by its name or path there, or an unmapped one that went to metadata (as a transformation's own field is found). */
function mappedField(record: PlainObject | undefined, name: string): unknown {
  if (!record) return undefined;
  const found = locate(record, name);
  if (found.found) return found.value;
  if (!isPlainObject(record.metadata)) return undefined;
  // An unmapped element kept whole in metadata is read by its path too (`summary.#text` beside its type attribute).
  const kept = locate(record.metadata, name);
  return kept.found ? kept.value : undefined;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 't', 'x', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'f', '']);

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isNameChar = (c: string | undefined) => isLetter(c) || (c !== undefined && c >= '0' && c <= '9');

/**
 * Markup in a text: an opening or closing tag (`<p>`, `</b>`, `<a href="…">`; a feed's HTML body, not `a < b`).
 * A scan, not a regex: each stretch between two `<` is looked at once, so a megabyte of `<a<a<a` stays linear.
 */
export function looksLikeHtml(text: string): boolean {
  for (let open = text.indexOf('<'); open >= 0; ) {
    const next = text.indexOf('<', open + 1);
    const end = next < 0 ? text.length : next;
    let i = open + 1;
    if (text[i] === '/') i++;
    if (isLetter(text[i])) {
      while (i < end && isNameChar(text[i])) i++;
      const after = text[i];
      if (after === '>' || after === '/' || after === ' ' || after === '\t' || after === '\n' || after === '\r') {
        for (let k = i; k < end; k++) if (text[k] === '>') return true;
      }
    }
    open = next;
  }
  return false;
}

function stripHtml(html: string): string {
  // Drop script and style bodies first (scanning with indexOf: linear, no backtracking), then tags.
  let text = '';
  let i = 0;
  const lower = html.toLowerCase();
  while (i < html.length) {
    const open = lower.indexOf('<', i);
    if (open < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, open);
    const rawBlock = /^<(script|style)\b/.exec(lower.slice(open, open + 8));
    if (rawBlock) {
      const close = lower.indexOf(`</${rawBlock[1]}`, open);
      const end = close < 0 ? -1 : lower.indexOf('>', close);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const end = html.indexOf('>', open);
    if (end < 0) {
      text += html.slice(open);
      break;
    }
    const tag = lower.slice(open + 1, end);
    // A block ends a line (a feed's `<p>…</p><p>…</p>` is two paragraphs, and a title is the first of them).
    if (/^\/?(p|div|br|li|h[1-6]|tr|blockquote|pre|ul|ol|table)\b/.test(tag)) text += '\n';
    i = end + 1;
  }
  // Every entity HTML defines (`&eacute;`, `&mdash;`, numeric ones), by the `entities` package; a no-break space is a space.
  return decodeHTML(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n') // runs of blanks are one space by now; ` *\n *` was quadratic
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Longer than any number a person writes (a 400-digit integer is already beyond a double's range). */
export const MAX_NUMBER_TEXT = 400;

function toNumber(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const raw = asText(value, 'toNumber');
  // No number needs more; a longer cell is refused before any pattern looks at it (bounded work per cell).
  if (raw.length > MAX_NUMBER_TEXT)
    throw new TransformFailure(`a ${raw.length}-character text is not a number (at most ${MAX_NUMBER_TEXT} characters are read as one)`);
  const text = raw.trim().replace(/[\s_]/g, '');
  if (text === '') return null;
  // "1,234.5" (thousands separators) is a number; "1,5" is ambiguous and refused rather than guessed.
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
  const n = Number(plain);
  // Unambiguous (linear): the old `\d+\.?\d*` let two quantifiers split one digit run (quadratic, 30 s a cell).
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(plain) || !Number.isFinite(n)) throw new TransformFailure(`${describe(value)} is not a number`);
  return n;
}

function toBoolean(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const word = asText(value, 'toBoolean').trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return word === '' ? null : false;
  throw new TransformFailure(`${describe(value)} is not a yes/no value (true/false, yes/no, 1/0, on/off)`);
}

function dateFunction(fn: string, read: (v: unknown) => string | undefined): ValueTransform {
  return (value) => {
    if (value === null || value === undefined || value === '') return value === '' ? null : value;
    const iso = read(value);
    if (!iso) throw new TransformFailure(`${fn} cannot read ${describe(value)} as a date`);
    return iso;
  };
}

/** How each function of the catalogue compiles; a name missing here, or not in the catalogue, fails the typecheck. */
const COMPILERS: Record<FunctionName, Compile> = {
  trim: () => textFunction('trim', (s) => s.trim()),
  lowercase: () => textFunction('lowercase', (s) => s.toLowerCase()),
  uppercase: () => textFunction('uppercase', (s) => s.toUpperCase()),
  splitAndTrim: ([sep]) => {
    const separator = sep === undefined ? ',' : requireString('splitAndTrim', sep, 'the separator');
    if (separator === '') throw new DefinitionError('splitAndTrim: the separator must not be empty');
    return (v) => splitList(v, separator, true);
  },
  split: ([sep]) => {
    const separator = sep === undefined ? ',' : requireString('split', sep, 'the separator');
    if (separator === '') throw new DefinitionError('split: the separator must not be empty');
    return (v) => splitList(v, separator, false);
  },
  join: ([sep]) => {
    const separator = sep === undefined ? ', ' : requireString('join', sep, 'the separator');
    return (v) => {
      if (!Array.isArray(v)) return v;
      const out = v.map((item) => (item === null || item === undefined ? '' : typeof item === 'object' ? JSON.stringify(item) : String(item))).join(separator);
      if (out.length > MAX_OUTPUT) throw new TransformFailure(`join produced more than ${MAX_OUTPUT} characters`);
      return out;
    };
  },
  parseOldDateFormat: ([order]) => {
    if (order !== undefined && order !== 'DMY' && order !== 'MDY')
      throw new DefinitionError(`parseOldDateFormat: the order must be "DMY" or "MDY", got ${describe(order)}`);
    return dateFunction('parseOldDateFormat', (v) => parseLegacyDate(v, (order as DayOrder | undefined) ?? 'DMY'));
  },
  parseDate: ([format]) => {
    let reader: (v: unknown) => string | undefined;
    try {
      reader = compileDateFormat(requireString('parseDate', format!, 'the format'));
    } catch (error) {
      if (error instanceof DefinitionError) throw error;
      throw new DefinitionError(`parseDate: ${(error as Error).message}`);
    }
    return dateFunction(`parseDate(${JSON.stringify(format)})`, reader);
  },
  default:
    ([fallback]) =>
    (v) =>
      isEmpty(v) ? fallback : v,
  defaultFrom: ([name]) => {
    const field = requireFieldName('defaultFrom', name);
    return (v, record) => (isEmpty(v) ? cloneData(mappedField(record, field)) : v);
  },
  replace: ([pattern, replacement]) => {
    const from = requireString('replace', pattern!, 'the text to find');
    const to = requireString('replace', replacement!, 'the replacement');
    if (from === '') throw new DefinitionError('replace: the text to find must not be empty');
    return textFunction('replace', (s) => s.split(from).join(to));
  },
  toNumber: () => toNumber,
  toBoolean: () => toBoolean,
  truncate: ([n]) => {
    const count = requireCount('truncate', n!, 'the length');
    return (v) => (Array.isArray(v) ? v.slice(0, count) : textFunction('truncate', (s) => [...s].slice(0, count).join(''))(v));
  },
  firstLineFrom: ([name, n]) => {
    const field = requireFieldName('firstLineFrom', name);
    const max = n === undefined ? TITLE_LENGTH : requireCount('firstLineFrom', n, 'the length');
    if (max < 1) throw new DefinitionError('firstLineFrom: the length must be at least 1');
    return (v, record) => {
      if (!isEmpty(v)) return v;
      const text = mappedField(record, field);
      if (typeof text !== 'string') return v;
      const line = firstLine(looksLikeHtml(text) ? stripHtml(text) : text, max);
      return line === '' ? v : line;
    };
  },
  stripHtml: () => textFunction('stripHtml', stripHtml),
  firstLine: ([n]) => {
    const max = n === undefined ? TITLE_LENGTH : requireCount('firstLine', n, 'the length');
    if (max < 1) throw new DefinitionError('firstLine: the length must be at least 1');
    return textFunction('firstLine', (s) => firstLine(s, max));
  },
  pluck: ([name]) => {
    const field = requireFieldName('pluck', name);
    // An item without the field is left out (a label with no name is no tag); text items stay as they are.
    const one = (item: unknown) => (isPlainObject(item) ? (Object.hasOwn(item, field) ? item[field] : undefined) : item);
    return (v) => (Array.isArray(v) ? v.map(one).filter((x) => x !== undefined && x !== null) : isPlainObject(v) ? one(v) : v);
  },
  toString: () => (v: unknown) => (v === null || v === undefined ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)),
};

function requiredCount(args: readonly { optional: boolean }[]): number {
  return args.filter((a) => !a.optional).length;
}

export const FUNCTIONS: Record<string, FunctionSpec> = Object.fromEntries(
  FUNCTION_CATALOGUE.map((info) => [
    info.name,
    { usage: info.usage, min: requiredCount(info.arguments), max: info.arguments.length, compile: COMPILERS[info.name] },
  ]),
);

function literalOf(node: Node, fn: string): Literal {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'unary' && node.op === '-' && node.operand.kind === 'literal' && typeof node.operand.value === 'number') return -node.operand.value;
  throw new DefinitionError(`${fn}: arguments must be literal text in quotes, numbers, true, false or null`);
}

/** Compiles `name` or `name(args)`; throws DefinitionError naming the function and what is wrong. */
export function compileFunction(source: string): ValueTransform {
  const text = source.trim();
  let node: Node;
  try {
    node = parseExpression(text);
  } catch (error) {
    throw new DefinitionError(`cannot read the function "${text}": ${(error as Error).message}`);
  }
  const name = node.kind === 'name' ? node.name : node.kind === 'call' ? node.name : undefined;
  if (!name) throw new DefinitionError(`"${text}" is not a function call such as truncate(80)`);
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new DefinitionError(`unknown function "${name}"; known functions: ${Object.keys(FUNCTIONS).join(', ')}`);
  const args = node.kind === 'call' ? node.args.map((a) => literalOf(a, name)) : [];
  if (args.length < spec.min || args.length > spec.max) {
    const want = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new DefinitionError(`${name} takes ${want} argument(s), got ${args.length}: write it as ${spec.usage}`);
  }
  return spec.compile(args);
}
