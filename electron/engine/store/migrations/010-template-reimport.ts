/**
 * A template's re-import settings (issue 16): how an import applying it finds existing records, whether it
 * merges, the merge rules and the conflict choice, as JSON (NULL: the template says nothing about re-imports).
 */
import type { Migration } from './migration.ts';

export const templateReimport: Migration = {
  version: 10,
  name: 'template-reimport',
  up: `ALTER TABLE templates ADD COLUMN reimport TEXT;`,
};
