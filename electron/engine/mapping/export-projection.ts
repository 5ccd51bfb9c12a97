/**
 * On export, a template's mapping selects and renames output fields and adds computed ones. (Templates fill
 * this in; without a template the projection is the record itself.)
 */
import type { ExportOptions } from '../../../shared/options.ts';
import type { RecordType } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';

export type ExportProjector = (type: RecordType, record: Record<string, unknown>) => Record<string, unknown>;

export function prepareExportProjector(_options: Pick<ExportOptions, 'template'>, _store: Store): ExportProjector | null {
  return null;
}
