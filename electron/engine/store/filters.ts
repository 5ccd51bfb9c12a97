/** Export and browse filters as SQL: one WHERE clause builder so the live count and the export agree. */
import type { Filters } from '../../../shared/options.ts';
import { normaliseDateTime, type RecordType } from '../../../shared/model.ts';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { endOfDay, isDateOnly } from '../../../shared/date-range.ts';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** A date-only end ("2024-12-31") includes that whole day (shared/date-range.ts). */
function rangeBound(value: string, which: 'start' | 'end'): { op: string; value: string } {
  const trimmed = value.trim();
  let iso: string;
  try {
    iso = normaliseDateTime(trimmed);
  } catch {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The date range ${which} "${value}" is not an ISO 8601 date.`, { field: `filters.dateRange.${which}` });
  }
  if (which === 'end' && isDateOnly(trimmed)) return { op: '<=', value: endOfDay(iso) };
  return { op: which === 'start' ? '>=' : '<=', value: iso };
}

function placeholders(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}

export function buildWhere(recordType: RecordType, filters: Filters = {}, alias = ''): SqlWhere {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const clauses: string[] = [];
  const params: unknown[] = [];
  const { dateRange, types, tags, sessionIds, importance, search, changedSince } = filters;
  if (changedSince) {
    // Rows added since (any createdAt, even an old one from a migrated file), rows an import wrote or
    // overwrote since, and rows whose own updatedAt is later: an incremental export misses no change.
    clauses.push(
      `(${col('rowid')} > ? OR coalesce(${col('updated_at')}, ${col('created_at')}) > ? OR ${col('id')} IN ` +
        `(SELECT j.record_id FROM import_journal j JOIN operations o ON o.id = j.operation_id WHERE j.data_type = ? AND o.finished_at > ?))`,
    );
    params.push(changedSince.rowids[recordType] ?? 0, changedSince.at, recordType, changedSince.at);
  }
  if (dateRange?.start) {
    const bound = rangeBound(dateRange.start, 'start');
    clauses.push(`${col('created_at')} ${bound.op} ?`);
    params.push(bound.value);
  }
  if (dateRange?.end) {
    const bound = rangeBound(dateRange.end, 'end');
    clauses.push(`${col('created_at')} ${bound.op} ?`);
    params.push(bound.value);
  }
  const searchText = search?.trim();
  if (recordType === 'contexts') {
    if (types?.length) {
      clauses.push(`${col('type')} IN (${placeholders(types)})`);
      params.push(...types);
    }
    if (tags?.length) {
      clauses.push(`EXISTS (SELECT 1 FROM json_each(${col('tags')}) WHERE json_each.value IN (${placeholders(tags)}))`);
      params.push(...tags);
    }
    if (sessionIds?.length) {
      clauses.push(`${col('session_id')} IN (${placeholders(sessionIds)})`);
      params.push(...sessionIds);
    }
    if (importance?.length) {
      clauses.push(`${col('importance')} IN (${placeholders(importance)})`);
      params.push(...importance);
    }
    if (searchText) {
      clauses.push(`(instr(lower(${col('title')}), lower(?)) > 0 OR instr(lower(${col('content')}), lower(?)) > 0 OR ${col('id')} = ?)`);
      params.push(searchText, searchText, searchText);
    }
  } else if (recordType === 'sessions') {
    if (sessionIds?.length) {
      clauses.push(`${col('id')} IN (${placeholders(sessionIds)})`);
      params.push(...sessionIds);
    }
    if (searchText) {
      clauses.push(`(instr(lower(${col('name')}), lower(?)) > 0 OR instr(lower(${col('description')}), lower(?)) > 0 OR ${col('id')} = ?)`);
      params.push(searchText, searchText, searchText);
    }
  } else if (searchText) {
    clauses.push(`(instr(lower(${col('name')}), lower(?)) > 0 OR ${col('id')} = ?)`);
    params.push(searchText, searchText);
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}
