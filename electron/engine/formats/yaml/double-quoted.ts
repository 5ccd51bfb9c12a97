/**
 * The yaml library's double-quoted scalar, as emit.ts writes strings that are not literal blocks (and keys that
 * are not plain).
 */

/** The library's doubleQuotedMinMultiLineLength default: shorter strings keep `\n` escapes. */
export const MIN_MULTILINE = 40;

/**
 * The library's double-quoted scalar (doubleQuotedAsJSON off, no folding: lineWidth 0), from JSON.stringify's
 * text: `\uXXXX` escapes YAML has a short form for get it, and a line break is written as a real one (a blank
 * line, then the indentation) in strings of 40 characters or more. Jumps from backslash to backslash: most
 * strings have none, and the text between escapes is copied as it is.
 */
export function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  return doubleQuotedFromJson(JSON.stringify(value), indent, implicitKey);
}

/**
 * The same from the JSON text. It looks only at ASCII characters, so `json` may also be the JSON of a UTF-8
 * text's bytes read as Latin-1 (scalar-bytes.ts): the result is then the scalar's bytes, read as Latin-1.
 */
export function doubleQuotedFromJson(json: string, indent: string, implicitKey: boolean): string {
  let i = json.indexOf('\\');
  if (i === -1) return json;
  let str = '';
  let start = 0;
  while (i !== -1) {
    const next = json[i + 1];
    if (next === 'u') {
      const code = json.substr(i + 2, 4);
      str += json.slice(start, i) + (SHORT_ESCAPES[code] ?? (code.startsWith('00') ? '\\x' + code.substr(2) : json.substr(i, 6)));
      start = i + 6;
      i = json.indexOf('\\', start);
      continue;
    }
    if (next !== 'n') {
      i = json.indexOf('\\', i + 2);
      continue;
    }
    // A space before a line break is escaped, or folding would eat it.
    if (json[i - 1] === ' ') {
      str += json.slice(start, i - 1) + '\\ ';
      start = i;
    }
    if (implicitKey || json[i + 2] === '"' || json.length < MIN_MULTILINE) {
      i = json.indexOf('\\', i + 2);
      continue;
    }
    // A line break is written as a blank line (folding eats the first), then the indentation.
    str += json.slice(start, i) + '\n\n';
    while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
      str += '\n';
      i += 2;
    }
    str += indent;
    // So is a space after one.
    if (json[i + 2] === ' ') str += '\\';
    start = i + 2;
    i = json.indexOf('\\', start);
  }
  return str + json.slice(start);
}

const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};
