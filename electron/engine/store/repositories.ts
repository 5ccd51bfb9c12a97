/**
 * One repository per record type, behind one interface, so pipelines treat contexts, sessions and templates
 * alike: exists, get, insert, replace, delete, count and a keyset-paged iteration in (createdAt, id) order.
 */
import crypto from 'node:crypto';
import type { Db } from './open.ts';
import type { Statement } from 'better-sqlite3';

// biome-ignore lint/suspicious/noExplicitAny: one statement type for every repository; each binds its own parameter shape.
type AnyStatement = Statement<any[]>;
import type { Filters } from '../../../shared/options.ts';
import type { Attachment, Context, RecordType, Session, Template, AnyRecord } from '../../../shared/model.ts';
import { buildWhere } from './filters.ts';
import { recordPages, type PageItem } from './record-pages.ts';
import { cellsQuery, storedCells, type CellColumn, type StoredCells } from './stored-cells.ts';

export interface ReadOptions {
  /** Attachments with their bytes (base64) rather than only their description. */
  includeBinaryData?: boolean;
}

export interface Repository<T extends AnyRecord = AnyRecord> {
  readonly type: RecordType;
  exists(id: string): boolean;
  get(id: string, options?: ReadOptions): T | undefined;
  /**
   * `writtenBy` is the undo mark (migration 009): the rowid of the import writing the record, or null for any
   * other write, so undo can tell the import's rows from rows changed since.
   */
  insert(record: T, writtenBy?: number | null): void;
  /** Replaces the record with the same id (and its attachments); returns false when there was none. */
  replace(record: T, writtenBy?: number | null): boolean;
  /** The undo mark the record carries now (null: written outside an import, or changed since). */
  writtenBy(id: string): number | null;
  delete(id: string): boolean;
  count(filters?: Filters): number;
  /** Pages of records in (createdAt, id) order; memory stays at one page. */
  iterate(filters?: Filters, options?: ReadOptions & { pageSize?: number }): Generator<T>;
  list(filters: Filters, limit: number, offset: number, options?: ReadOptions): T[];
  /** Each record's JSON as bytes (or the record, where one row cannot say it all). */
  iterateJson(filters: Filters, options: ReadOptions & { includeMetadata: boolean; pageSize?: number }): Generator<Buffer | T>;
  /**
   * Runs of records' compact JSON, one record a line (no newline after the last), as SQLite builds it; the
   * record itself where one row cannot say it all. Null when this type has no SQL for its JSON.
   */
  jsonRuns(filters: Filters, options: JsonRunOptions): Generator<SerializedRun | T> | null;
  /**
   * Pages of records as their stored values (store/stored-cells.ts), with their JSON too when `withJson`; the
   * record itself where one row cannot say it all. Null when this type has no such reading.
   */
  cellRuns(filters: Filters, options: CellReadOptions): Generator<StoredCells | T> | null;
}

export interface JsonRunOptions extends ReadOptions {
  includeMetadata: boolean;
  pageSize?: number;
  /** Let a second thread read every other page (store/page-helper.ts): worth it for an export's whole run. */
  parallel?: boolean;
  /**
   * What goes between two records of a run (a newline by default). The JSON writer's `,\n  ` here saves it
   * cutting every page apart and copying it again. json_object escapes every newline inside a value, so a
   * separator with a newline in it still marks each record boundary exactly.
   */
  separator?: string;
}

export interface CellReadOptions extends ReadOptions {
  includeMetadata: boolean;
  /** Also each page's records' compact JSON, one a line (a split export's checksums hash it). */
  withJson?: boolean;
  pageSize?: number;
  /** Let a second thread read every other page (store/page-helper.ts): worth it for an export's whole run. */
  parallel?: boolean;
}

/** Consecutive records serialized by SQLite in one piece. */
export interface SerializedRun {
  count: number;
  bytes: Buffer;
}

export const isRun = (item: unknown): item is SerializedRun => typeof item === 'object' && item !== null && Buffer.isBuffer((item as SerializedRun).bytes);

export const isStoredCells = (item: unknown): item is StoredCells =>
  typeof item === 'object' && item !== null && (item as StoredCells).lengths instanceof Int32Array;

/** A JavaScript string as an SQL string literal. */
const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

const parseJson = <T>(text: string | null, fallback: T): T => (text == null ? fallback : (JSON.parse(text) as T));

interface ContextRow {
  id: string;
  title: string;
  content: string;
  type: string;
  tags: string;
  session_id: string | null;
  created_at: string;
  updated_at: string | null;
  metadata: string;
  has_attachments: number;
}

abstract class BaseRepository<T extends AnyRecord, Row extends { id: string; created_at: string }> implements Repository<T> {
  abstract readonly type: RecordType;
  protected abstract readonly table: string;
  protected abstract readonly columns: string[];
  /** Extra computed columns a read selects beyond the stored ones. */
  protected readonly readColumns: string[] = [];
  protected abstract toRow(record: T): Omit<Row, 'has_attachments'>;
  protected abstract fromRow(row: Row, options: ReadOptions): T;

  private statements = new Map<string, AnyStatement>();
  constructor(protected readonly db: Db) {}

  protected stmt(key: string, sql: () => string): AnyStatement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql()) as AnyStatement;
      this.statements.set(key, statement);
    }
    return statement;
  }

  exists(id: string): boolean {
    return this.stmt('exists', () => `SELECT 1 FROM ${this.table} WHERE id = ?`).get(id) !== undefined;
  }

  protected get selectList(): string {
    return [...this.columns, ...this.readColumns].join(', ');
  }

  get(id: string, options: ReadOptions = {}): T | undefined {
    const row = this.stmt('get', () => `SELECT ${this.selectList} FROM ${this.table} WHERE id = ?`).get(id) as Row | undefined;
    return row ? this.fromRow(row, options) : undefined;
  }

  /** The row's values in column order: positional binding is measurably faster than named on bulk inserts. */
  private values(record: T): unknown[] {
    const row = this.toRow(record) as Record<string, unknown>;
    return this.columns.map((c) => row[c]);
  }

  insert(record: T, writtenBy: number | null = null): void {
    this.stmt('insert', () => `INSERT INTO ${this.table} (${this.columns.join(', ')}, written_by) VALUES (${this.columns.map(() => '?').join(', ')}, ?)`).run(
      ...this.values(record),
      writtenBy,
    );
    if (this.afterWrite(record) && writtenBy !== null) this.remark(record.id, writtenBy);
  }

  replace(record: T, writtenBy: number | null = null): boolean {
    const values = this.values(record);
    const idIndex = this.columns.indexOf('id');
    const others = this.columns.filter((c) => c !== 'id');
    const info = this.stmt('replace', () => `UPDATE ${this.table} SET ${others.map((c) => `${c} = ?`).join(', ')}, written_by = ? WHERE id = ?`).run(
      ...values.filter((_, i) => i !== idIndex),
      writtenBy,
      values[idIndex],
    );
    if (info.changes === 0) return false;
    this.afterWrite(record);
    // The unmark trigger cannot tell "this write set the same mark again" (an import writing one record twice)
    // from "a write that left the mark alone", so it clears it; a marked write puts it back.
    if (writtenBy !== null) this.remark(record.id, writtenBy);
    return true;
  }

  writtenBy(id: string): number | null {
    return (
      (this.stmt('writtenBy', () => `SELECT written_by FROM ${this.table} WHERE id = ?`)
        .pluck(true)
        .get(id) as number | null | undefined) ?? null
    );
  }

  protected remark(id: string, writtenBy: number): void {
    this.stmt('remark', () => `UPDATE ${this.table} SET written_by = ? WHERE id = ? AND written_by IS NOT ?`).run(writtenBy, id, writtenBy);
  }

  delete(id: string): boolean {
    return this.stmt('delete', () => `DELETE FROM ${this.table} WHERE id = ?`).run(id).changes > 0;
  }

  count(filters: Filters = {}): number {
    const where = buildWhere(this.type, filters);
    return (this.db.prepare(`SELECT count(*) AS n FROM ${this.table} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  *iterate(filters: Filters = {}, options: ReadOptions & { pageSize?: number } = {}): Generator<T> {
    const where = buildWhere(this.type, filters);
    const pageSize = options.pageSize ?? 1000;
    const first = this.db.prepare(`SELECT ${this.selectList} FROM ${this.table} WHERE ${where.sql} ORDER BY created_at, id LIMIT ?`);
    const next = this.db.prepare(
      `SELECT ${this.selectList} FROM ${this.table} WHERE (${where.sql}) AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
    );
    let rows = first.all(...where.params, pageSize) as Row[];
    while (rows.length > 0) {
      for (const row of rows) yield this.fromRow(row, options);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      rows = next.all(...where.params, last.created_at, last.id, pageSize) as Row[];
    }
  }

  /**
   * The JSON of each record as SQLite builds it, read as bytes: no JS objects, no string round trip
   * (docs/performance.md: half the cost of row objects + JSON.stringify). Records that need more than one row
   * (contexts with attachments) come back as objects instead.
   */
  *iterateJson(filters: Filters = {}, options: ReadOptions & { includeMetadata: boolean; pageSize?: number }): Generator<Buffer | T> {
    const runs = this.jsonRuns(filters, options);
    if (!runs) {
      yield* this.iterate(filters, options);
      return;
    }
    // json_object escapes every newline inside a value, so a run is cut into its records at newlines.
    for (const run of runs) {
      if (!isRun(run)) {
        yield run;
        continue;
      }
      const blob = run.bytes;
      let start = 0;
      for (let nl = blob.indexOf(10, start); nl !== -1; nl = blob.indexOf(10, start)) {
        yield blob.subarray(start, nl);
        start = nl + 1;
      }
      yield blob.subarray(start);
    }
  }

  jsonRuns(filters: Filters = {}, options: JsonRunOptions): Generator<SerializedRun | T> | null {
    const json = this.jsonExpression(options.includeMetadata);
    if (!json) return null;
    const separator = sqlString(options.separator ?? '\n');
    const pages = this.pages([`${json} AS j`], [`CAST(group_concat(j, ${separator}) AS BLOB)`], filters, options);
    return this.records(pages, (page) => ({ count: page[0] as number, bytes: page[1] as Buffer }), options);
  }

  cellRuns(filters: Filters = {}, options: CellReadOptions): Generator<StoredCells | T> | null {
    const columns = this.cellColumns(options.includeMetadata);
    const json = options.withJson ? this.jsonExpression(options.includeMetadata) : null;
    if (!columns || (options.withJson && !json)) return null;
    const query = cellsQuery(columns, json);
    const fields = columns.map(({ name, stored }) => ({ name, stored }));
    const pages = this.pages(query.columns, query.aggregates, filters, options);
    return this.records(pages, (page) => storedCells(page, fields, json !== null), options);
  }

  /**
   * Pages of records as one query each (store/record-pages.ts): `aggregates` over `columns` for every record in
   * (createdAt, id) order. A few values per page instead of one per record and field, and no JS per record.
   */
  private pages(columns: string[], aggregates: string[], filters: Filters, options: { pageSize?: number; parallel?: boolean }): Generator<PageItem> {
    return recordPages(this.db, {
      table: this.table,
      where: buildWhere(this.type, filters),
      columns,
      aggregates,
      pageSize: options.pageSize ?? 1000,
      ownRow: this.ownRow(),
      parallel: options.parallel,
    });
  }

  private *records<P>(pages: Generator<PageItem>, read: (page: unknown[]) => P, options: ReadOptions): Generator<P | T> {
    for (const item of pages) yield 'own' in item ? this.get(item.own, options)! : read(item.page);
  }

  /** SQL true for a record that needs a second query (attachments), when the table may hold any: it comes by itself. */
  protected ownRow(): string | undefined {
    return undefined;
  }

  /** The fields of this type's projected record, as stored (store/stored-cells.ts), or null. */
  protected cellColumns(_includeMetadata: boolean): readonly CellColumn[] | null {
    return null;
  }

  /** SQL building exactly the JSON that JSON.stringify gives for this type's projected record, or null. */
  protected jsonExpression(_includeMetadata: boolean): string | null {
    return null;
  }

  list(filters: Filters, limit: number, offset: number, options: ReadOptions = {}): T[] {
    const where = buildWhere(this.type, filters);
    const rows = this.db
      .prepare(`SELECT ${this.selectList} FROM ${this.table} WHERE ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as Row[];
    return rows.map((row) => this.fromRow(row, options));
  }

  /** Writes what one row cannot hold; true when that touched rows the undo mark covers (attachments). */
  protected afterWrite(_record: T): boolean {
    return false;
  }
}

/** A context's fields as fromRow reads them (tags as stored; metadata through json(), as jsonExpression has it). */
const CONTEXT_CELLS: readonly CellColumn[] = [
  { name: 'id', sql: 'id', stored: 'text' },
  { name: 'title', sql: 'title', stored: 'text' },
  { name: 'content', sql: 'content', stored: 'text' },
  { name: 'type', sql: 'type', stored: 'text' },
  { name: 'tags', sql: 'tags', stored: 'json' },
  { name: 'sessionId', sql: 'session_id', stored: 'nullable' },
  { name: 'createdAt', sql: 'created_at', stored: 'text' },
  { name: 'updatedAt', sql: 'updated_at', stored: 'optional' },
  { name: 'metadata', sql: 'json(metadata)', stored: 'json' },
];
const CONTEXT_CELLS_NO_METADATA = CONTEXT_CELLS.filter((c) => c.name !== 'metadata');

export class ContextRepository extends BaseRepository<Context, ContextRow> {
  readonly type = 'contexts' as const;
  protected readonly table = 'contexts';
  protected readonly columns = ['id', 'title', 'content', 'type', 'tags', 'session_id', 'created_at', 'updated_at', 'metadata'];
  // Asked in the same query so that contexts without attachments (nearly all) cost no second query.
  protected override readonly readColumns = ['EXISTS (SELECT 1 FROM attachments a WHERE a.context_id = contexts.id) AS has_attachments'];

  protected override ownRow(): string | undefined {
    const any =
      this.stmt('anyAttachments', () => 'SELECT EXISTS (SELECT 1 FROM attachments)')
        .pluck(true)
        .get() === 1;
    return any ? 'EXISTS (SELECT 1 FROM attachments a WHERE a.context_id = contexts.id)' : undefined;
  }

  protected override cellColumns(includeMetadata: boolean): readonly CellColumn[] {
    return includeMetadata ? CONTEXT_CELLS : CONTEXT_CELLS_NO_METADATA;
  }

  protected override jsonExpression(includeMetadata: boolean): string {
    const head = "'id', id, 'title', title, 'content', content, 'type', type, 'tags', json(tags), 'sessionId', session_id, 'createdAt', created_at";
    const tail = includeMetadata ? ", 'metadata', json(metadata)" : '';
    return `CASE WHEN updated_at IS NULL THEN json_object(${head}${tail}) ELSE json_object(${head}, 'updatedAt', updated_at${tail}) END`;
  }

  protected toRow(c: Context): Omit<ContextRow, 'has_attachments'> {
    return {
      id: c.id,
      title: c.title,
      content: c.content,
      type: c.type,
      tags: JSON.stringify(c.tags ?? []),
      session_id: c.sessionId ?? null,
      created_at: c.createdAt,
      updated_at: c.updatedAt ?? null,
      metadata: JSON.stringify(c.metadata ?? {}),
    };
  }

  protected fromRow(row: ContextRow, options: ReadOptions): Context {
    const context: Context = {
      id: row.id,
      title: row.title,
      content: row.content,
      type: row.type,
      tags: parseJson<string[]>(row.tags, []),
      sessionId: row.session_id,
      createdAt: row.created_at,
      ...(row.updated_at != null ? { updatedAt: row.updated_at } : {}),
      metadata: parseJson<Record<string, never>>(row.metadata, {}),
    };
    if (row.has_attachments) context.attachments = this.attachments(row.id, options.includeBinaryData ?? false);
    return context;
  }

  /** How many attachments the contexts a filter selects hold (an export without bytes says so). */
  attachmentCount(filters: Filters = {}): { attachments: number; contexts: number } {
    const where = buildWhere('contexts', filters);
    const sql = `SELECT count(*) AS attachments, count(DISTINCT context_id) AS contexts FROM attachments WHERE context_id IN (SELECT id FROM contexts WHERE ${where.sql})`;
    return this.db.prepare(sql).get(...where.params) as { attachments: number; contexts: number };
  }

  private attachments(contextId: string, withBytes: boolean): Attachment[] {
    const rows = this.stmt(
      'attachments',
      () => 'SELECT name, mime_type, size, sha256, CASE WHEN ? THEN bytes END AS bytes FROM attachments WHERE context_id = ? ORDER BY position',
    ).all(withBytes ? 1 : 0, contextId) as { name: string; mime_type: string; size: number; sha256: string; bytes: Buffer | null }[];
    return rows.map((a) => {
      const attachment: Attachment = { name: a.name, mimeType: a.mime_type, size: a.size, sha256: a.sha256 };
      if (a.bytes) attachment.data = a.bytes.toString('base64');
      return attachment;
    });
  }

  /** Attachments arriving without bytes (an export without binary data) keep whatever the store has. */
  protected override afterWrite(c: Context): boolean {
    if (!c.attachments?.some((a) => a.data !== undefined)) return false;
    this.stmt('attachments.clear', () => 'DELETE FROM attachments WHERE context_id = ?').run(c.id);
    const insert = this.stmt(
      'attachments.insert',
      () => 'INSERT INTO attachments (context_id, position, name, mime_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    c.attachments.forEach((a, position) => {
      if (a.data === undefined) return;
      const bytes = Buffer.from(a.data, 'base64');
      insert.run(c.id, position, a.name, a.mimeType, bytes.length, crypto.createHash('sha256').update(bytes).digest('hex'), bytes);
    });
    return true;
  }

  /**
   * Puts a context back exactly as an undo's before-image has it: its row, its undo mark, and its attachments
   * as they were (described ones without bytes included), replacing whatever it has now.
   */
  restore(context: Context, writtenBy: number | null): void {
    const { attachments, ...bare } = context;
    this.stmt('attachments.clear', () => 'DELETE FROM attachments WHERE context_id = ?').run(context.id);
    if (!this.replace(bare as Context, writtenBy)) this.insert(bare as Context, writtenBy);
    const insert = this.stmt(
      'attachments.insert',
      () => 'INSERT INTO attachments (context_id, position, name, mime_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    (attachments ?? []).forEach((a, position) => {
      insert.run(context.id, position, a.name, a.mimeType, a.size, a.sha256, a.data !== undefined ? Buffer.from(a.data, 'base64') : null);
    });
    if (attachments?.length && writtenBy !== null) this.remark(context.id, writtenBy);
  }

  /** Contexts, by session, for the store browser. */
  countBySession(): Map<string, number> {
    const rows = this.db.prepare('SELECT session_id, count(*) AS n FROM contexts WHERE session_id IS NOT NULL GROUP BY session_id').all() as {
      session_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.session_id, r.n]));
  }
}

interface SessionRow {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string | null;
  metadata: string;
}

/** A session's fields as fromRow reads them. */
const SESSION_CELLS: readonly CellColumn[] = [
  { name: 'id', sql: 'id', stored: 'text' },
  { name: 'name', sql: 'name', stored: 'text' },
  { name: 'description', sql: 'description', stored: 'text' },
  { name: 'createdAt', sql: 'created_at', stored: 'text' },
  { name: 'updatedAt', sql: 'updated_at', stored: 'optional' },
  { name: 'metadata', sql: 'json(metadata)', stored: 'json' },
];
const SESSION_CELLS_NO_METADATA = SESSION_CELLS.filter((c) => c.name !== 'metadata');

export class SessionRepository extends BaseRepository<Session, SessionRow> {
  readonly type = 'sessions' as const;
  protected readonly table = 'sessions';
  protected readonly columns = ['id', 'name', 'description', 'created_at', 'updated_at', 'metadata'];

  protected override cellColumns(includeMetadata: boolean): readonly CellColumn[] {
    return includeMetadata ? SESSION_CELLS : SESSION_CELLS_NO_METADATA;
  }

  protected override jsonExpression(includeMetadata: boolean): string {
    const head = "'id', id, 'name', name, 'description', description, 'createdAt', created_at";
    const tail = includeMetadata ? ", 'metadata', json(metadata)" : '';
    return `CASE WHEN updated_at IS NULL THEN json_object(${head}${tail}) ELSE json_object(${head}, 'updatedAt', updated_at${tail}) END`;
  }

  protected toRow(s: Session): SessionRow {
    return {
      id: s.id,
      name: s.name,
      description: s.description ?? '',
      created_at: s.createdAt,
      updated_at: s.updatedAt ?? null,
      metadata: JSON.stringify(s.metadata ?? {}),
    };
  }

  protected fromRow(row: SessionRow): Session {
    const session: Session = {
      id: row.id,
      name: row.name,
      description: row.description,
      createdAt: row.created_at,
      ...(row.updated_at != null ? { updatedAt: row.updated_at } : {}),
      metadata: parseJson<Record<string, never>>(row.metadata, {}),
    };
    return session;
  }
}

export interface TemplateVersionRow {
  version: number;
  body: string;
  saved_at: string;
}

interface TemplateRow {
  id: string;
  name: string;
  description: string;
  version: number;
  schema: string;
  transformation: string;
  reimport: string | null;
  created_at: string;
  updated_at: string | null;
}

export class TemplateRepository extends BaseRepository<Template, TemplateRow> {
  readonly type = 'templates' as const;
  protected readonly table = 'templates';
  protected readonly columns = ['id', 'name', 'description', 'version', 'schema', 'transformation', 'reimport', 'created_at', 'updated_at'];

  protected toRow(t: Template): TemplateRow {
    return {
      id: t.id,
      name: t.name,
      description: t.description ?? '',
      version: t.version ?? 1,
      schema: JSON.stringify(t.schema),
      transformation: JSON.stringify(t.transformation),
      reimport: t.reimport ? JSON.stringify(t.reimport) : null,
      created_at: t.createdAt,
      updated_at: t.updatedAt ?? null,
    };
  }

  protected fromRow(row: TemplateRow): Template {
    const template: Template = {
      id: row.id,
      name: row.name,
      description: row.description,
      version: row.version,
      schema: JSON.parse(row.schema),
      transformation: JSON.parse(row.transformation),
      createdAt: row.created_at,
    };
    if (row.reimport != null) template.reimport = JSON.parse(row.reimport);
    if (row.updated_at != null) template.updatedAt = row.updated_at;
    return template;
  }

  /** Every write keeps the version it wrote, so history survives later updates. */
  protected override afterWrite(t: Template): boolean {
    this.stmt('versions.save', () => 'INSERT OR REPLACE INTO template_versions (template_id, version, body, saved_at) VALUES (?, ?, ?, ?)').run(
      t.id,
      t.version ?? 1,
      JSON.stringify(t),
      new Date().toISOString(),
    );
    return false;
  }

  /** A template's saved versions as stored (what an undo's before-image keeps and puts back). */
  versionRows(id: string): TemplateVersionRow[] {
    return this.stmt('versions.rows', () => 'SELECT version, body, saved_at FROM template_versions WHERE template_id = ? ORDER BY version').all(
      id,
    ) as TemplateVersionRow[];
  }

  /** Replaces a template's saved versions with these. */
  restoreVersions(id: string, rows: TemplateVersionRow[]): void {
    this.stmt('versions.clear', () => 'DELETE FROM template_versions WHERE template_id = ?').run(id);
    const insert = this.stmt('versions.insert', () => 'INSERT INTO template_versions (template_id, version, body, saved_at) VALUES (?, ?, ?, ?)');
    for (const v of rows) insert.run(id, v.version, v.body, v.saved_at);
  }

  findByName(name: string): Template | undefined {
    const row = this.stmt('byName', () => `SELECT ${this.columns.join(', ')} FROM templates WHERE name = ? ORDER BY created_at LIMIT 1`).get(name) as
      | TemplateRow
      | undefined;
    return row ? this.fromRow(row) : undefined;
  }

  versions(id: string): Template[] {
    const rows = this.stmt('versions', () => 'SELECT body FROM template_versions WHERE template_id = ? ORDER BY version').all(id) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Template);
  }
}
