/**
 * Characters in XML, both ways.
 *
 * XML 1.0 cannot carry most C0 control characters (ESC from terminal logs, NUL, form feed...), U+FFFE, U+FFFF
 * or lone surrogates, not even as character references. The app's own scheme: an element whose text (or whose
 * `key` attribute) holds such a character gets the attribute `esc="1"`; in it, a backslash is written `\\` and
 * each such character `\uXXXX` (four hex digits). Readers of foreign XML see no `esc` and get text as written.
 *
 * Entities are decoded here, not by the parser (its entity processing is off): only the five predefined
 * entities and character references exist, since a DOCTYPE is refused; anything else is an error.
 */
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function needsEscapeScheme(value: string): boolean {
  return NOT_XML.test(value);
}

/** Applies the backslash scheme (only for values that need it: see needsEscapeScheme). */
export function applyEscapeScheme(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(NOT_XML_GLOBAL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function undoEscapeScheme(value: string): string {
  return value.replace(/\\(\\|u[0-9a-fA-F]{4})/g, (_, m: string) => (m === '\\' ? '\\' : String.fromCharCode(parseInt(m.slice(1), 16))));
}

/** Element text: markup characters as entities; CR as a reference, since parsers turn a raw CR into LF. */
export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Attribute values: also quotes, and whitespace that attribute normalisation would turn into spaces. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\r\n\t]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === '\r' ? '&#13;' : c === '\n' ? '&#10;' : '&#9;',
  );
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the entities of raw text or attribute text. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new AppError(ERROR_CODES.PARSE_ERROR, `A bare "&" in XML text must be written "&amp;" (near "${whole}").`);
    if (body in NAMED) return NAMED[body]!;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (m) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
      if (code === 0 || code > 0x10ffff) throw new AppError(ERROR_CODES.PARSE_ERROR, `"${whole}" is not a character XML allows.`);
      return String.fromCodePoint(code);
    }
    throw new AppError(ERROR_CODES.PARSE_ERROR, `"${whole}" is not a known XML entity (DOCTYPE-defined entities are not supported).`);
  });
}

/** Line ends in text become LF before references are decoded, as an XML processor does. */
export function normaliseText(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

/** Attribute value normalisation: every literal whitespace character becomes a space. */
export function normaliseAttribute(raw: string): string {
  return raw.replace(/\r\n|[\r\n\t]/g, ' ');
}
