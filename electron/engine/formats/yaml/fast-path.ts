/**
 * A strict fast path for YAML in the shape the app writes: block mappings and sequences, double-quoted
 * scalars (on one line or folded over several), literal blocks (`|`, `|-`, `|+`, `|2`), `[]`, `{}`, and the
 * plain scalars the core schema reads without doubt (null, booleans, JSON numbers, simple words).
 *
 * Why: the yaml library builds a Document (CST, nodes, ranges) for every record and then converts it; that
 * took about two thirds of import YAML's CPU time and most of its garbage. This reads the same lines
 * straight into values.
 *
 * It never decides anything the library would decide differently. Whatever it is not sure of — anchors,
 * aliases, tags, comments, flow collections with items, single quotes, folded blocks, tabs in indentation,
 * CRLF, duplicate keys, non-JSON numbers, deep nesting, a plain scalar that is not a simple word —
 * makes it throw UNSURE, and the caller parses that text with the library, which gives the same value or its
 * own error. So the reading rules of index.ts hold on both paths: the core schema (only null, booleans and
 * JSON numbers are resolved here), duplicate keys an error (the library says so), aliases capped and depth
 * bounded (the library, since neither is read here), non-JSON numbers kept as text (never read here), and a
 * record's text fields always text (`title: true` is "true", as keepTextFields does).
 * test/formats/yaml-fast-path.test.ts checks both paths give the same records on awkward inputs.
 */
import { STRING_FIELDS } from '../fields.ts';
import { defineField } from '../../../../shared/define-field.ts';
import { UNSURE, unsure } from '../fast-path-fallback.ts';

export { UNSURE };

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Words and numbers never start with a letter, so a plain scalar matching this is a string in the core schema. */
const SIMPLE_WORDS = /^[A-Za-z_][A-Za-z0-9_./@+-]*(?: [A-Za-z0-9_./@+-]+)*$/;
const CORE_WORDS = new Map<string, null | boolean>([
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** Well below index.ts's MAX_DEPTH: anything deeper is the library's to read (and to refuse). */
const MAX_FAST_DEPTH = 50;

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const DASH = 45;
const COLON = 58;
const CR = 13;

/** The double-quoted escapes of YAML 1.2 (the same table as the library's). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** Leading spaces of a line; a tab among them (or a CR at the end) is the library's to judge. */
function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === SPACE) n++;
  if (line.charCodeAt(n) === TAB || line.charCodeAt(line.length - 1) === CR) unsure();
  return n;
}

/** The index of the closing quote of a double-quoted scalar on this line, or -1. */
function closingQuote(line: string, from: number): number {
  for (let q = line.indexOf('"', from); q !== -1; q = line.indexOf('"', q + 1)) {
    let slashes = 0;
    while (q - 1 - slashes >= from && line.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
  }
  return -1;
}

/**
 * The value of a double-quoted scalar's source (quotes included, lines joined by `\n`): escapes, and line
 * folding as YAML 1.2 and the library do it (a line break is a space, n empty lines are n line feeds,
 * white space around a break goes, an escaped break joins).
 */
function doubleQuoted(source: string): string {
  if (source.indexOf('\\') === -1 && source.indexOf('\n') === -1) return source.slice(1, -1);
  let out = '';
  const last = source.length - 1;
  for (let i = 1; i < last; i++) {
    const ch = source[i]!;
    if (ch === '\n') {
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n') {
        if (next === '\n') fold += '\n';
        i++;
        next = source[i + 1];
      }
      out += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i]!;
      const known = ESCAPES[next];
      if (known !== undefined) out += known;
      else if (next === '\n') {
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) unsure();
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) unsure();
        out += String.fromCodePoint(code);
        i += length;
      } else unsure();
    } else if (ch === ' ' || ch === '\t') {
      // White space before a line break is dropped; elsewhere it is kept.
      const start = i;
      while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      if (source[i + 1] !== '\n') out += source.slice(start, i + 1);
    } else out += ch;
  }
  return out;
}

export interface FastRecord {
  value: unknown;
  /** 1-based line of the record within the lines given. */
  line: number;
  section?: string;
}

/** Reads block YAML from `lines[start..end)`; throws UNSURE whenever the library must read it instead. */
class BlockReader {
  i: number;

  constructor(
    private readonly lines: readonly string[],
    start: number,
    private readonly end: number,
  ) {
    this.i = start;
  }

  /** Skips empty lines; answers the next line's indent, or -1 at the end. Comments are the library's. */
  nextIndent(): number {
    while (this.i < this.end) {
      const line = this.lines[this.i]!;
      const n = indentOf(line);
      if (n < line.length) {
        if (line.charCodeAt(n) === 35) unsure(); // '#'
        return n;
      }
      this.i++;
    }
    return -1;
  }

  isItem(line: string, col: number): boolean {
    return line.charCodeAt(col) === DASH && (col + 1 === line.length || line.charCodeAt(col + 1) === SPACE);
  }

  /**
   * A block sequence whose `- ` sit at `col`; ends at a line less indented, or one at `col` that is no item.
   * `onLine`: its first item is on the current line, after another `- ` (`- - x`).
   */
  sequence(col: number, depth: number, onLine = false): unknown[] {
    if (depth > MAX_FAST_DEPTH) unsure();
    const out: unknown[] = [];
    for (let n = onLine ? col : this.nextIndent(); n !== -1; n = this.nextIndent()) {
      if (n < col) break;
      if (n > col && !onLine) unsure();
      onLine = false;
      const line = this.lines[this.i]!;
      if (!this.isItem(line, col)) break;
      out.push(this.item(line, col, depth + 1));
    }
    return out;
  }

  /** What follows a `- ` at `col` on the current line: a compact mapping, or a scalar. */
  item(line: string, col: number, depth: number): unknown {
    let c = col + 1;
    while (line.charCodeAt(c) === SPACE) c++;
    if (c === line.length) unsure(); // the item's node on the next lines
    if (this.isItem(line, c)) return this.sequence(c, depth, true);
    if (this.keyEnd(line, c) !== -1) return this.mapping(c, true, depth, false);
    return this.inline(line, c, col, false);
  }

  /** Where the `:` of a key starting at `c` is, or -1 when the line does not start a mapping entry there. */
  keyEnd(line: string, c: number): number {
    if (line.charCodeAt(c) === QUOTE) {
      const close = closingQuote(line, c + 1);
      if (close === -1) return -1;
      const after = line.charCodeAt(close + 1);
      if (after !== COLON) return -1;
      const next = line.charCodeAt(close + 2);
      return Number.isNaN(next) || next === SPACE ? close + 1 : -1;
    }
    let colon = line.indexOf(':', c);
    while (colon !== -1) {
      const next = line.charCodeAt(colon + 1);
      if (Number.isNaN(next) || next === SPACE) {
        if (!PLAIN_KEY.test(line.slice(c, colon))) unsure(); // some other key, or a plain scalar with ": "
        return colon;
      }
      colon = line.indexOf(':', colon + 1);
    }
    return -1;
  }

  /** A block mapping whose keys sit at `col`; `onLine`: its first key is on the current line (after `- `). */
  mapping(col: number, onLine: boolean, depth: number, record: boolean): Record<string, unknown> {
    if (depth > MAX_FAST_DEPTH) unsure();
    const out: Record<string, unknown> = {};
    let first = onLine;
    while (this.i < this.end) {
      if (!first) {
        const n = this.nextIndent();
        if (n === -1 || n < col) break;
        if (n > col) unsure();
      }
      first = false;
      const line = this.lines[this.i]!;
      const colon = this.keyEnd(line, col);
      if (colon === -1) unsure();
      let key: string;
      if (line.charCodeAt(col) === QUOTE) key = doubleQuoted(line.slice(col, colon));
      else {
        key = line.slice(col, colon);
        if (CORE_WORDS.has(key)) unsure(); // `true:` is a boolean key
      }
      if (Object.hasOwn(out, key)) unsure(); // a duplicate key: the library's error to give
      let value: unknown;
      if (colon + 1 === line.length) {
        this.i++;
        value = this.nested(col, depth + 1);
      } else value = this.inline(line, colon + 2, col, record && STRING_FIELDS.has(key));
      // `__proto__` an own property, as the library defines it too.
      defineField(out, key, value);
    }
    return out;
  }

  /** The value after `key:` at the end of a line: a block on the lines below, or null. */
  nested(col: number, depth: number): unknown {
    const n = this.nextIndent();
    if (n === -1 || n < col) return null;
    const line = this.lines[this.i]!;
    if (n === col) return this.isItem(line, col) ? this.sequence(col, depth) : null;
    return this.isItem(line, n) ? this.sequence(n, depth) : this.mapping(n, false, depth, false);
  }

  /** A scalar (or `[]`, `{}`) starting at `c` on the current line, inside a collection indented `parent`. */
  inline(line: string, c: number, parent: number, textField: boolean): unknown {
    while (line.charCodeAt(c) === SPACE) c++;
    const ch = line.charCodeAt(c);
    if (ch === QUOTE) return this.quoted(line, c, parent);
    if (ch === 124) return this.literal(line.slice(c + 1), parent); // '|'
    const text = line.slice(c);
    this.i++;
    if (text === '[]') return [];
    if (text === '{}') return {};
    const word = CORE_WORDS.get(text);
    if (word !== undefined) return word === null || !textField ? word : text;
    if (JSON_NUMBER.test(text)) {
      if (textField) return text;
      // As the core schema resolves them: parseInt for an integer, parseFloat for the rest.
      return text.includes('.') || text.includes('e') || text.includes('E') ? Number.parseFloat(text) : Number.parseInt(text, 10);
    }
    if (SIMPLE_WORDS.test(text)) return text;
    return unsure();
  }

  /** A double-quoted scalar from `c`, perhaps folded over the next lines (each indented past `parent`). */
  quoted(line: string, c: number, parent: number): string {
    let close = closingQuote(line, c + 1);
    this.i++;
    if (close !== -1) {
      if (close + 1 !== line.length) unsure(); // a comment or anything else after it
      return doubleQuoted(c === 0 ? line : line.slice(c));
    }
    let source = line.slice(c);
    while (true) {
      if (this.i >= this.end) unsure();
      const next = this.lines[this.i++]!;
      const n = indentOf(next);
      if (n < next.length && n <= parent) unsure();
      source += '\n' + next;
      close = closingQuote(next, 0);
      if (close !== -1) {
        if (close + 1 !== next.length) unsure();
        return doubleQuoted(source);
      }
    }
  }

  /** A literal block (`|`, with chomping and indentation indicators); its lines are those indented past `parent`. */
  literal(header: string, parent: number): string {
    let chomp = '';
    let explicit = 0;
    for (const ch of header) {
      if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
      else if (!explicit && ch >= '1' && ch <= '9') explicit = Number(ch);
      else unsure(); // a comment, a space, or a header the library may refuse
    }
    this.i++;
    const start = this.i;
    while (this.i < this.end) {
      const line = this.lines[this.i]!;
      let n = 0;
      while (line.charCodeAt(n) === SPACE) n++;
      if (line.charCodeAt(line.length - 1) === CR) unsure();
      if (n === line.length || n > parent) {
        this.i++;
        continue;
      }
      if (line.charCodeAt(n) === TAB) unsure();
      break;
    }
    // The lines as the library sees the block's source: the text from after the header's line feed to the
    // start of the next node (or the end), split on line feeds; an empty source has no lines at all.
    const lines = this.lines.slice(start, this.i);
    if (this.i < this.end && lines.length > 0) lines.push('');
    else if (lines.length === 1 && lines[0] === '') lines.length = 0;
    return blockValue(lines, parent, explicit, chomp);
  }
}

/** The library's reading of a literal block's lines (resolve-block-scalar.js), UNSURE where it would report an error. */
function blockValue(lines: string[], parent: number, explicit: number, chomp: string): string {
  const indents = lines.map((l) => {
    let n = 0;
    while (l.charCodeAt(n) === SPACE) n++;
    return n;
  });
  const empty = (k: number) => indents[k] === lines[k]!.length;
  let chompStart = lines.length;
  for (let k = lines.length - 1; k >= 0 && empty(k); k--) chompStart = k;
  if (chompStart === 0) return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trim = parent + explicit;
  let contentStart = 0;
  for (let k = 0; k < chompStart; k++) {
    if (empty(k)) {
      if (!explicit && indents[k]! > trim) trim = indents[k]!;
      continue;
    }
    if (indents[k]! < trim) unsure(); // more-indented leading empty lines need an indicator
    if (!explicit) trim = indents[k]!;
    contentStart = k;
    break;
  }
  if (trim <= parent) unsure();
  for (let k = lines.length - 1; k >= chompStart; k--) if (indents[k]! > trim) chompStart = k + 1;
  let value = '';
  for (let k = 0; k < contentStart; k++) value += lines[k]!.slice(trim) + '\n';
  let sep = '';
  for (let k = contentStart; k < chompStart; k++) {
    if (!empty(k) && indents[k]! < trim) unsure();
    value += sep + lines[k]!.slice(Math.min(trim, indents[k]!));
    sep = '\n';
  }
  if (chomp === '+') {
    for (let k = chompStart; k < lines.length; k++) value += '\n' + lines[k]!.slice(trim);
    if (!value.endsWith('\n')) value += '\n';
  } else if (chomp === '') value += '\n';
  return value;
}

const SECTION_KEY = /^(contexts|sessions|templates|data|items|records|rows):( \[\])?$/;

/**
 * One record as the splitter cut it out of a large file: its `- ` line first (at any indent), then its more
 * indented and empty lines, split on line feeds as `text.split('\n')` does (so a last line feed leaves a last
 * empty line). Answers the record's value, or throws UNSURE.
 */
export function fastRecord(lines: readonly string[]): unknown {
  const reader = new BlockReader(lines, 0, lines.length);
  const col = reader.nextIndent();
  if (col === -1) unsure();
  const first = lines[reader.i]!;
  if (!reader.isItem(first, col)) unsure();
  let c = col + 1;
  while (first.charCodeAt(c) === SPACE) c++;
  if (c === first.length) unsure();
  const value = reader.keyEnd(first, c) !== -1 ? reader.mapping(c, true, 1, true) : reader.inline(first, c, col, false);
  if (reader.nextIndent() !== -1) unsure();
  return value;
}

/**
 * A whole file's records, when it is a top-level list or a mapping of record lists (the shapes the app
 * writes) and every record is in the fast shape; otherwise throws UNSURE (the library reads the file).
 */
export function fastDocument(text: string): FastRecord[] {
  const lines = text.split('\n');
  const reader = new BlockReader(lines, 0, lines.length);
  const out: FastRecord[] = [];
  const readList = (col: number, section: string | undefined) => {
    for (let n = reader.nextIndent(); n === col; n = reader.nextIndent()) {
      const line = lines[reader.i]!;
      if (!reader.isItem(line, col)) return;
      const at = reader.i + 1;
      let c = col + 1;
      while (line.charCodeAt(c) === SPACE) c++;
      if (c === line.length) unsure();
      const value = reader.keyEnd(line, c) !== -1 ? reader.mapping(c, true, 1, true) : reader.inline(line, c, col, false);
      out.push({ value, line: at, section });
    }
  };
  const n = reader.nextIndent();
  if (n === -1 || n > 0) unsure();
  if (lines[reader.i] === '[]') reader.i++;
  else if (reader.isItem(lines[reader.i]!, 0)) readList(0, undefined);
  else {
    const seen = new Set<string>();
    while (reader.nextIndent() === 0) {
      const match = SECTION_KEY.exec(lines[reader.i]!);
      if (!match || seen.has(match[1]!)) unsure();
      const section = match[1]!;
      seen.add(section);
      reader.i++;
      if (match[2]) continue;
      const next = reader.nextIndent();
      if (next === -1) break;
      const line = lines[reader.i]!;
      if (next === 0 && !reader.isItem(line, 0)) continue; // an empty section: null
      if (!reader.isItem(line, next)) unsure();
      readList(next, section);
    }
  }
  if (reader.nextIndent() !== -1) unsure();
  return out;
}
