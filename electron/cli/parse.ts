/** Small parsers for option values, each failing with a message that names the flag. */
import { InvalidArgumentError } from 'commander';

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseInteger(flag: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function parseChoice<T extends string>(flag: string, choices: readonly T[], aliases: Record<string, T> = {}) {
  return (value: string): T => {
    const v = aliases[value] ?? value;
    if (!(choices as readonly string[]).includes(v))
      throw new InvalidArgumentError(`${flag} takes one of: ${[...choices, ...Object.keys(aliases)].join(', ')}.`);
    return v as T;
  };
}

/** "50MB", "1.5 GB", "1048576" → bytes (binary units: 1 MB = 1,048,576 bytes). */
export function parseSize(flag: string) {
  return (value: string): number => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(value.trim()); // trimmed first: `\s*` at both ends of an optional unit backtracks quadratically
    if (!m) throw new InvalidArgumentError(`${flag} takes a size such as 50MB, 512KB or 1GB.`);
    const unit = (m[2] ?? 'b').toLowerCase()[0]!;
    const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
    const bytes = Math.floor(Number(m[1]) * factor);
    if (bytes < 1) throw new InvalidArgumentError(`${flag} must be at least 1 byte.`);
    return bytes;
  };
}

export function parseIsoDate(flag: string) {
  return (value: string): string => {
    // `--since last`: the changes since the last export to the destination (export only).
    if (flag === '--since' && value === 'last') return value;
    if (Number.isNaN(Date.parse(value)))
      throw new InvalidArgumentError(`${flag} takes an ISO 8601 date such as 2024-01-31 or 2024-01-31T12:00:00Z${flag === '--since' ? ', or last' : ''}.`);
    return value;
  };
}
