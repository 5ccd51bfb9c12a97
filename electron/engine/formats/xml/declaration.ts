/**
 * The encoding an XML declaration names (`<?xml version="1.0" encoding="windows-1251"?>`), read from the first
 * bytes of a file that has no byte order mark: the declaration is ASCII in every encoding a file without BOM
 * can name, so it is read before anything is decoded. text.ts decides what to make of the label.
 */

/** How many bytes the declaration is looked for in: it comes first, and is short. */
export const XML_DECLARATION_BYTES = 512;

/** The label (`windows-1251`, `ISO-8859-1`...) as written, or undefined when there is no declaration or no encoding in it. */
export function xmlDeclaredEncoding(head: Buffer): string | undefined {
  const text = head.subarray(0, XML_DECLARATION_BYTES).toString('latin1');
  if (!/^<\?xml[ \t\r\n]/.test(text)) return undefined;
  const end = text.indexOf('?>');
  if (end < 0) return undefined;
  // EncodingDecl: S 'encoding' Eq ('"' EncName '"' | "'" EncName "'"), EncName [A-Za-z] ([A-Za-z0-9._] | '-')*
  const match = /[ \t\r\n]encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')/.exec(text.slice(0, end));
  return match ? (match[1] ?? match[2]) : undefined;
}
