/**
 * Full-text search over contexts' title and content: an FTS5 index kept by triggers, so every writer (the
 * importer's batches, undo, the REST API) keeps it current without knowing it exists. External content
 * (`content='contexts'`): the text is stored once, in `contexts`; the index holds only the terms.
 * unicode61 with diacritics removed: "cafe" finds "café".
 */
import type { Migration } from './migration.ts';

export const contextSearch: Migration = {
  version: 4,
  name: 'context-search',
  up: `
    CREATE VIRTUAL TABLE contexts_fts USING fts5(
      title, content,
      content = 'contexts', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO contexts_fts (contexts_fts) VALUES ('rebuild');
    CREATE TRIGGER contexts_fts_insert AFTER INSERT ON contexts BEGIN
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;
    CREATE TRIGGER contexts_fts_delete AFTER DELETE ON contexts BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
    END;
    CREATE TRIGGER contexts_fts_update AFTER UPDATE OF title, content ON contexts BEGIN
      INSERT INTO contexts_fts (contexts_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
      INSERT INTO contexts_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
    END;
  `,
};
