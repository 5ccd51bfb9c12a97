/**
 * The date-range rule of the filters: a date-only end ("until 2024-01-31") includes that whole day. The
 * store's WHERE clause and the app's filters both apply it from here.
 */
import type { Filters } from './options.ts';

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** `2024-01-31` → `2024-01-31T23:59:59.999Z`, the last instant the day covers (the store keeps milliseconds). */
export function endOfDay(date: string): string {
  return `${date.slice(0, 10)}T23:59:59.999Z`;
}

/** The filters with a date-only end widened to the end of that day. */
export function inclusiveEnd(filters: Filters): Filters {
  const end = filters.dateRange?.end;
  if (!end || !isDateOnly(end)) return filters;
  return { ...filters, dateRange: { ...filters.dateRange, end: endOfDay(end) } };
}
