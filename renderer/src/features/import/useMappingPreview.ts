/**
 * The live before → after of the mapping editor: the service's previewMapping runs the same code as the
 * import, so what the user sees is what is written (there is no local imitation of it). Debounced.
 */
import { useEffect, useState } from 'react';
import type { Client, MappingPreviewRow } from '../../../../shared/contract.ts';
import type { Mapping } from '../../../../shared/model.ts';
import { describeError } from '../../lib/errors.ts';
import { recordTypeOr } from '../../../../shared/record-type.ts';
import { formatValue } from '../../lib/format.ts';
import { readPath, unmappedHome, type MappingRow } from './mapping-model.ts';

export type PreviewState = { kind: 'idle' } | { kind: 'ready'; rows: MappingPreviewRow[] } | { kind: 'error'; message: string };

export function useMappingPreview(client: Client, records: Record<string, unknown>[], mapping: Mapping, dataType: string): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const key = JSON.stringify(mapping);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mapping's JSON (key) is the dependency: a new object with the same mapping must not re-run the preview.
  useEffect(() => {
    if (records.length === 0) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const rows = await client.call('previewMapping', {
          records: records.slice(0, 3),
          mapping,
          unmappedFields: mapping.unmappedFields === 'drop' ? 'drop' : 'metadata',
          dataType: recordTypeOr(dataType),
        });
        if (live) setState({ kind: 'ready', rows });
      } catch (error) {
        if (live) setState({ kind: 'error', message: describeError(error) });
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, records, key, dataType]);
  return state;
}

/** What a row's before → after column shows: the engine's preview values, or a note (unmapped, dropped, waiting). */
export function afterValues(row: MappingRow, preview: PreviewState): { values: string[]; note?: string } {
  if (!row.target) return { values: [], note: row.unmapped === 'drop' ? 'dropped' : unmappedHome(row.source) };
  const target = row.target;
  if (preview.kind === 'ready') {
    return {
      values: preview.rows.map((p) => {
        const issue = p.issues.find((i) => i.field === target || i.field === row.source);
        if (issue) return `⚠ ${issue.message}`;
        return formatValue(readPath(p.after, target));
      }),
    };
  }
  // Only the engine's preview is shown: what the user previews is what the import writes.
  return { values: [], note: preview.kind === 'error' ? 'no preview' : 'previewing…' };
}
