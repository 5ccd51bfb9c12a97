/**
 * The first schema. Contexts keep tags as a JSON array (cheap at insert; the tag filter uses json_each), and
 * importance as a generated column so the importance filter has an index. Rowid tables: with long text they
 * insert faster than WITHOUT ROWID (docs/performance.md).
 */
import type { Migration } from './index.ts';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT,
      metadata TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX sessions_created ON sessions (created_at, id);

    -- session_id is a soft reference: contexts may arrive before (or without) their session.
    CREATE TABLE contexts (
      rowid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      content TEXT NOT NULL,
      type TEXT NOT NULL DEFAULT 'general',
      tags TEXT NOT NULL DEFAULT '[]',
      session_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT,
      metadata TEXT NOT NULL DEFAULT '{}',
      importance TEXT GENERATED ALWAYS AS (json_extract(metadata, '$.importance')) VIRTUAL
    );
    CREATE INDEX contexts_created ON contexts (created_at, id);
    CREATE INDEX contexts_type ON contexts (type, created_at);
    CREATE INDEX contexts_session ON contexts (session_id, created_at);
    CREATE INDEX contexts_importance ON contexts (importance);

    CREATE TABLE attachments (
      rowid INTEGER PRIMARY KEY,
      context_id TEXT NOT NULL REFERENCES contexts (id) ON DELETE CASCADE ON UPDATE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      bytes BLOB,
      UNIQUE (context_id, position)
    );

    CREATE TABLE templates (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      version INTEGER NOT NULL DEFAULT 1,
      schema TEXT NOT NULL,
      transformation TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT
    );
    CREATE INDEX templates_name ON templates (name);

    -- Every saved version of a template, the current one included, for history and rollback.
    CREATE TABLE template_versions (
      template_id TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      body TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      PRIMARY KEY (template_id, version)
    );
  `,
};
