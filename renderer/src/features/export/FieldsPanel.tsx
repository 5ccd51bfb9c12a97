/**
 * The export's field list: which fields are written and under which name (a template's mapping, made
 * visible). Untouched, every field is written as stored; "Save as template" keeps the choice.
 */
import { exportableFields, useExport, useExportApi, type ExportField } from './store.ts';

export function FieldsPanel() {
  const api = useExportApi();
  const dataType = useExport((s) => s.draft.dataType);
  const fields = useExport((s) => s.draft.fields);
  const known = exportableFields(dataType);
  if (known.length === 0) return null;
  const rows: ExportField[] = fields ?? known.map((source) => ({ source, include: true, as: source }));
  const update = (source: string, patch: Partial<ExportField>) =>
    api.getState().patch({ fields: rows.map((f) => (f.source === source ? { ...f, ...patch } : f)) });
  const chosen = rows.filter((f) => f.include).length;
  return (
    <details className="fields-panel" open={fields !== null} data-testid="export-fields">
      <summary>
        Fields <span className="muted small-text">· {fields === null ? 'all, as stored' : `${chosen} of ${rows.length}`}</span>
      </summary>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Write</th>
            <th scope="col">Store field</th>
            <th scope="col">Name in the file</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.source}>
              <td>
                <input type="checkbox" aria-label={`Write ${f.source}`} checked={f.include} onChange={(e) => update(f.source, { include: e.target.checked })} />
              </td>
              <td className="mono">{f.source}</td>
              <td>
                <input
                  aria-label={`Name of ${f.source} in the file`}
                  value={f.as}
                  disabled={!f.include}
                  onChange={(e) => update(f.source, { as: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fields !== null && (
        <button type="button" className="small" onClick={() => api.getState().patch({ fields: null })}>
          Write every field as stored
        </button>
      )}
    </details>
  );
}
