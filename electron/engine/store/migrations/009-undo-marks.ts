/**
 * Undo's record of "as the import left it", made cheap. Before this, an import fingerprinted every row it wrote
 * at commit (a hash over the whole row, stored in its journal row): about a quarter of an import's time. Now
 * each record carries `written_by`, the rowid of the operation that last wrote it (set in the same INSERT or
 * UPDATE, so it costs nothing), and any other change clears it: writes through the repositories set it to
 * NULL themselves, and these triggers catch everything else (raw SQL, attachments added or removed). Undo and
 * `verify --after` then ask "is `written_by` still this import?" instead of re-hashing rows. Journal rows from
 * before this migration keep their fingerprint and are still checked by it.
 */
import type { Migration } from './migration.ts';

const unmark = (table: string) => `
    CREATE TRIGGER ${table}_unmark AFTER UPDATE ON ${table}
      WHEN old.written_by IS NOT NULL AND new.written_by IS old.written_by
    BEGIN
      UPDATE ${table} SET written_by = NULL WHERE rowid = new.rowid;
    END;`;

export const undoMarks: Migration = {
  version: 9,
  name: 'undo-marks',
  up: `
    ALTER TABLE contexts ADD COLUMN written_by INTEGER;
    ALTER TABLE sessions ADD COLUMN written_by INTEGER;
    ALTER TABLE templates ADD COLUMN written_by INTEGER;
    ${unmark('contexts')}
    ${unmark('sessions')}
    ${unmark('templates')}
    -- A context's attachments are part of it: changing them is changing the context.
    CREATE TRIGGER attachments_unmark_insert AFTER INSERT ON attachments BEGIN
      UPDATE contexts SET written_by = NULL WHERE id = new.context_id AND written_by IS NOT NULL;
    END;
    CREATE TRIGGER attachments_unmark_update AFTER UPDATE ON attachments BEGIN
      UPDATE contexts SET written_by = NULL WHERE id IN (old.context_id, new.context_id) AND written_by IS NOT NULL;
    END;
    CREATE TRIGGER attachments_unmark_delete AFTER DELETE ON attachments BEGIN
      UPDATE contexts SET written_by = NULL WHERE id = old.context_id AND written_by IS NOT NULL;
    END;
  `,
};
