/** Helpers for writers given runs of SQLite-built JSON lines (codec.ts RecordRun). */

/**
 * The run's records joined by `separator` instead of newlines (json_object escapes every newline inside a
 * value, so each newline is a record boundary). One copy of the run, no string per record.
 */
export function rejoin(lines: Buffer, separator: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let nl = lines.indexOf(10); nl !== -1; nl = lines.indexOf(10, start)) {
    parts.push(lines.subarray(start, nl), separator);
    start = nl + 1;
  }
  parts.push(lines.subarray(start));
  return Buffer.concat(parts);
}
