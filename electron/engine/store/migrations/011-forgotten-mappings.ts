/**
 * Remembered mappings the user asked to forget (issue 16). Suggestions remember what committed imports
 * mapped, read from the operation history, which stays as it was (it is the audit trail): a forget is a
 * note that remembered entries for a source field name (every target, or one) made before it no longer count.
 * `source_key` is the normalised field name (shared/field-names.ts), `target` '' means every target.
 */
import type { Migration } from './migration.ts';

export const forgottenMappings: Migration = {
  version: 11,
  name: 'forgotten-mappings',
  up: `
    CREATE TABLE forgotten_mappings (
      source_key TEXT NOT NULL,
      target TEXT NOT NULL DEFAULT '',
      forgotten_at TEXT NOT NULL,
      PRIMARY KEY (source_key, target)
    ) WITHOUT ROWID;
  `,
};
