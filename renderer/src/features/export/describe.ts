/**
 * The chosen export options read back as one sentence: "Contexts tagged work, importance high or critical,
 * since 2024-01-01, as JSON Lines, gzip, encrypted, in 50 MB parts".
 */
import type { ExportOptionsInput, Filters } from '../../../../shared/options.ts';
import { formatLabel } from '../../../../shared/catalogue/formats.ts';
import { DATA_TYPE_LABELS } from '../../../../shared/catalogue/data-types.ts';

export function orList(items: string[], word = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export function describeFilters(filters: Filters, sessionNames: Record<string, string> = {}): string[] {
  const parts: string[] = [];
  if (filters.types?.length) parts.push(`of type ${orList(filters.types)}`);
  if (filters.tags?.length) parts.push(`tagged ${orList(filters.tags)}`);
  if (filters.importance?.length) parts.push(`importance ${orList(filters.importance)}`);
  if (filters.sessionIds?.length) parts.push(`in session ${orList(filters.sessionIds.map((id) => sessionNames[id] ?? id))}`);
  const { start, end } = filters.dateRange ?? {};
  if (start && end) parts.push(`from ${start} to ${end}`);
  else if (start) parts.push(`since ${start}`);
  else if (end) parts.push(`until ${end}`);
  if (filters.search) parts.push(`matching “${filters.search}”`);
  return parts;
}

export function describeExport(options: ExportOptionsInput, extra: { sessionNames?: Record<string, string>; templateName?: string } = {}): string {
  const dataType = options.dataType ?? 'contexts';
  const subject = dataType === 'all' ? `${DATA_TYPE_LABELS.all} (contexts, sessions and templates)` : DATA_TYPE_LABELS[dataType];
  const parts = [subject, ...describeFilters(options.filters ?? {}, extra.sessionNames)];
  parts.push(`as ${formatLabel(options.format ?? 'json')}`);
  if (extra.templateName) parts.push(`shaped by template “${extra.templateName}”`);
  if (options.includeMetadata === false) parts.push('without metadata');
  if (options.includeBinaryData) parts.push('with attachments');
  if (options.compression && options.compression !== 'none') parts.push(options.compression);
  if (options.encryption?.enabled) parts.push('encrypted');
  if (options.splitLargeFiles?.enabled) parts.push(`in ${formatMb(options.splitLargeFiles.maxSizeBytes ?? 50 * 1024 * 1024)} parts`);
  return parts.join(', ');
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
