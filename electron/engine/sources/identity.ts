/**
 * A record imported through a preset carries where it came from: `metadata.source` (the preset id) and
 * `metadata.sourceId` (its identity in that tool). Its store id is derived from both, so importing the same
 * export twice finds the same records (duplicate policy applies) instead of doubling them.
 */
import crypto from 'node:crypto';

export function sourceRecordId(source: string, sourceId: string, prefix = 'ctx'): string {
  return `${prefix}-${source}-${crypto.createHash('sha256').update(`${source}\0${sourceId}`).digest('hex').slice(0, 16)}`;
}

export function sourceMetadata(source: string, sourceId: string, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...rest, source, sourceId };
}
