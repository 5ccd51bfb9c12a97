/**
 * A note's front matter: YAML between `---` fences (Obsidian, Joplin, Jekyll, Hugo), TOML between `+++` fences
 * (Hugo's default), or Logseq's `key:: value` lines. Both fences may be back to back: an empty front matter is
 * still front matter, and leaves the content as a non-empty one does.
 *
 * TOML is read by smol-toml (TOML 1.1, no dependencies, passes the official toml-test suite): TOML's
 * strings, multi-line arrays, tables and dates are more than a few lines of hand parsing get right, and a wrong
 * parse would lose what a note says in silence.
 */
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';

export interface ParsedNote {
  frontMatter: Record<string, unknown>;
  /** The language of the fenced front matter, when there is one. */
  language?: 'YAML' | 'TOML';
  /** Why the front matter could not be read ("line 4: …", the line in the file); then it stays in the content. */
  frontMatterError?: string;
  body: string;
}

// The empty alternative first: `---` right after `---` closes the front matter (as Jekyll reads it), and is not
// the start of a block that runs to a later `---`.
const YAML_FENCES = /^---[ \t]*\r?\n(?:|([\s\S]*?)\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_FENCES = /^\+\+\+[ \t]*\r?\n(?:|([\s\S]*?)\r?\n)\+\+\+[ \t]*(?:\r?\n|$)/;

/** Splits front matter from the body. YAML is read with the core schema: no custom tags run. */
export function splitFrontMatter(text: string): ParsedNote {
  const yaml = YAML_FENCES.exec(text);
  if (yaml) return { ...readYaml(yaml[1] ?? ''), language: 'YAML', body: text.slice(yaml[0].length) };
  const toml = TOML_FENCES.exec(text);
  if (toml) return { ...readToml(toml[1] ?? ''), language: 'TOML', body: text.slice(toml[0].length) };
  return { frontMatter: logseqProperties(text), body: text };
}

/** The block starts on the file's second line, after the opening fence. */
const FIRST_LINE = 2;

function readYaml(block: string): Pick<ParsedNote, 'frontMatter' | 'frontMatterError'> {
  const doc = parseDocument(block, { schema: 'core', uniqueKeys: false });
  if (doc.errors.length) {
    const error = doc.errors[0]!;
    // yaml says "… at line 1, column 8:" counting from the block; the line in the file is what a person looks up.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { frontMatter: {}, frontMatterError: `${error.linePos ? `line ${error.linePos[0].line + FIRST_LINE - 1}: ` : ''}${message}` };
  }
  return asMapping(doc.toJS({ maxAliasCount: 100 }) as unknown);
}

function readToml(block: string): Pick<ParsedNote, 'frontMatter' | 'frontMatterError'> {
  try {
    // Integers past 2^53 as BigInt (the metadata keeps their digits as text), not rounded.
    return asMapping(withTomlDatesAsText(parseToml(block, { integersAsBigInt: 'asNeeded' })));
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    return { frontMatter: {}, frontMatterError: `line ${error.line + FIRST_LINE - 1}: ${message}` };
  }
}

function asMapping(value: unknown): Pick<ParsedNote, 'frontMatter' | 'frontMatterError'> {
  if (value === null || value === undefined) return { frontMatter: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { frontMatter: {}, frontMatterError: 'front matter is not a mapping of keys' };
  return { frontMatter: value as Record<string, unknown> };
}

/**
 * A TOML date as the text TOML wrote (`2019-03-11`, `2019-03-11T10:00:00.000+02:00`, `07:15:00.000`), as YAML's
 * core schema leaves a date: a TomlDate is a Date whose toISOString is a local date or a time for those kinds,
 * which the date readers would take for an instant.
 */
function withTomlDatesAsText(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(withTomlDatesAsText);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTomlDatesAsText(v)]));
  return value;
}

/**
 * Logseq pages start with `key:: value` property lines instead of YAML (`tags:: [[a]], b`). They are read as
 * front matter; the text stays the content as written, since in Logseq they are part of the page.
 */
export function logseqProperties(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*):: ?(.*)$/.exec(line);
    if (!m) break;
    const value = m[2]!.trim();
    out[m[1]!] = /^(tags|alias)$/i.test(m[1]!)
      ? value
          .split(',')
          .map((v) =>
            v
              .trim()
              .replace(/^\[\[(.*)\]\]$/, '$1')
              .replace(/^#/, ''),
          )
          .filter(Boolean)
      : value;
  }
  return out;
}
