/**
 * Text kept as the UTF-8 bytes SQLite holds, for writers that copy it into their output as it is.
 *
 * A context's content is most of an export's bytes. Read as a string, SQLite's UTF-8 is decoded to UTF-16 and
 * a writer encodes it back to UTF-8; read as bytes, an XML, YAML or Markdown writer checks them and copies them
 * (docs/performance.md, "Export"). Only valid UTF-8 is kept so (the repository reads anything else as a
 * string), so the text is exactly what the string would be: `toString` and `toJSON` give it, and
 * `JSON.stringify` of a record holding one (the split-export checksums) is the record's JSON as before.
 */
export class TextBytes {
  constructor(readonly bytes: Buffer) {}

  toString(): string {
    return this.bytes.toString('utf8');
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The text of a value that may be TextBytes (anything else as it is). */
export const textOf = <T>(value: T | TextBytes): T | string => (value instanceof TextBytes ? value.toString() : value);
