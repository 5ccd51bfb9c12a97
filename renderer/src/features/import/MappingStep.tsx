import { useMemo, useState } from 'react';
import { useServices } from '../../app/services.tsx';
import { announce } from '../../app/announcer.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import type { SelectOption } from '../../components/SearchableSelect.tsx';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { describeError } from '../../lib/errors.ts';
import { ApplyTemplateSelect } from '../templates/ApplyTemplate.tsx';
import { SaveAsTemplateButton } from '../templates/SaveAsTemplate.tsx';
import { useImport, useImportStoreApi, useMappingHistory } from './context.tsx';
import { ImportOptionsPanel } from './ImportOptions.tsx';
import { buildMapping, type MappingRow } from './mapping-model.ts';
import { MappingRowView } from './MappingRowView.tsx';
import { targetFieldsFor, targetLabel } from './targets.ts';
import { CustomFunctionList } from './TransformChain.tsx';
import { afterValues, useMappingPreview } from './useMappingPreview.ts';
import { useUndoShortcuts } from './useUndoShortcuts.ts';
import { PRIMARY_SHORTCUT, usePrimaryShortcut } from './usePrimaryShortcut.ts';
import { recordTypeOr } from '../../../../shared/record-type.ts';

/** Step 3: each source field, its samples, its target, its transformations and the live before → after. */
export function MappingStep() {
  const { client } = useServices();
  const api = useImportStoreApi();
  const rows = useImport((s) => s.rows);
  const inspection = useImport((s) => s.inspection);
  const options = useImport((s) => s.options);
  const busy = useImport((s) => s.busy);
  const error = useImport((s) => s.error);
  const unavailable = useImport((s) => s.suggestionsUnavailable);
  const applied = useImport((s) => s.appliedTemplate);
  const skipped = useImport((s) => s.skippedMapping);
  const history = useMappingHistory();
  const [pendingMove, setPendingMove] = useState<{ source: string; target: string; from: string } | null>(null);

  const dataType = inspection?.input.dataType ?? 'contexts';
  const targets = targetFieldsFor(dataType);
  const mapping = useMemo(() => buildMapping(rows), [rows]);
  const records = inspection?.sampleRecords ?? [];
  const preview = useMappingPreview(client, records, mapping, dataType);

  const usedBy = new Map(rows.filter((r) => r.target).map((r) => [r.target!, r.source]));
  const targetOptions = (row: MappingRow): SelectOption[] => {
    const opts: SelectOption[] = targets.map((t) => {
      const user = usedBy.get(t.name);
      return { value: t.name, label: t.label, hint: user && user !== row.source ? `used by ${user}` : t.name };
    });
    if (row.target && !targets.some((t) => t.name === row.target)) opts.push({ value: row.target, label: row.target });
    return opts;
  };
  const update = (source: string, patch: Partial<MappingRow>) => api.getState().setRows((rs) => rs.map((r) => (r.source === source ? { ...r, ...patch } : r)));

  const setTarget = (source: string, target: string | null) => {
    const from = target ? usedBy.get(target) : undefined;
    if (target && from && from !== source) {
      setPendingMove({ source, target, from });
      return;
    }
    update(source, { target, confirmed: true });
  };
  const confirmMove = () => {
    if (!pendingMove) return;
    const { source, target, from } = pendingMove;
    api.getState().setRows((rs) => rs.map((r) => (r.source === from ? { ...r, target: null } : r.source === source ? { ...r, target, confirmed: true } : r)));
    announce(`Moved ${targetLabel(dataType, target)} from ${from} to ${source}.`);
    setPendingMove(null);
  };

  useUndoShortcuts(history);
  usePrimaryShortcut(() => void api.getState().dryRun(), !busy);

  const unconfirmed = rows.filter((r) => r.target && !r.confirmed).length;
  const mapped = rows.filter((r) => r.target).length;

  return (
    <section className="card">
      <StepHeading
        sub={`${mapped} of ${rows.length} fields mapped${unconfirmed ? ` · ${unconfirmed} to confirm` : ''}. Unmapped fields go to metadata or are dropped, field by field.`}
      >
        Map fields
      </StepHeading>
      {skipped && <InfoNote tone="success">Every field matched exactly, so the dry run ran straight away. You can still change the mapping here.</InfoNote>}
      {applied && (
        <InfoNote tone="success">
          Applied template “{applied.name}” — {applied.matched}/{applied.total} fields
        </InfoNote>
      )}
      {unavailable && <InfoNote>Suggestions are not available right now; choose a target for each field.</InfoNote>}
      {preview.kind === 'error' && <InfoNote tone="warning">The live preview failed: {preview.message}</InfoNote>}

      <div className="toolbar">
        <button type="button" onClick={() => history.undo()} disabled={!history.canUndo} aria-keyshortcuts="Control+Z">
          ↶ Undo
        </button>
        <button type="button" onClick={() => history.redo()} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z">
          ↷ Redo
        </button>
        <button
          type="button"
          onClick={() => {
            api.getState().setRows((rs) => rs.map((r) => ({ ...r, target: null, transforms: [], confirmed: true })));
            announce('Cleared all mappings.');
          }}
        >
          Clear all suggestions
        </button>
        <span className="spacer" />
        <ApplyTemplateSelect
          onApply={(t) => {
            api.getState().applyMapping(t.transformation.mapping, t.name, t.reimport);
            announce(`Applied template “${t.name}”${t.reimport?.merge ? ' (with its merge settings)' : ''}.`, 'success');
          }}
        />
        <SaveAsTemplateButton
          disabled={mapped === 0}
          build={(name, description) => ({
            name,
            description,
            schema: { type: recordTypeOr(dataType), fields: [] },
            transformation: { mapping, computedFields: [] },
            reimport: api.getState().reimportSettings(),
          })}
        />
      </div>

      <div className="mapping-table" role="table" aria-label="Field mapping">
        <div role="row" className="mapping-row mapping-head">
          <div role="columnheader">Source field</div>
          <div role="columnheader">Suggestion</div>
          <div role="columnheader">Target field</div>
          <div role="columnheader">Transformations</div>
          <div role="columnheader">Before → after</div>
        </div>
        {rows.map((row) => (
          <MappingRowView
            key={row.source}
            row={row}
            samples={(inspection?.samples[row.source] ?? []).slice(0, 3)}
            options={targetOptions(row)}
            after={afterValues(row, preview)}
            records={records}
            update={(patch) => update(row.source, patch)}
            setTarget={(t) => setTarget(row.source, t)}
            onForget={() => void api.getState().forgetRemembered(row.source)}
          />
        ))}
      </div>
      <CustomFunctionList />

      <ImportOptionsPanel options={options} onChange={(p) => api.getState().setOptions(p)} />

      {error && (error.where === 'mapping' || error.where === 'dryrun') && <ErrorNote>{describeError(error.error)}</ErrorNote>}
      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        {busy && <Spinner label={busy} />}
        <span className="muted small-text" aria-hidden="true">
          Ctrl+Enter
        </span>
        <button type="button" className="primary" disabled={!!busy} onClick={() => void api.getState().dryRun()} aria-keyshortcuts={PRIMARY_SHORTCUT}>
          Dry run{unconfirmed ? ` (${unconfirmed} unconfirmed)` : ''}
        </button>
      </div>

      <Dialog
        open={!!pendingMove}
        title="Move this target?"
        onClose={() => setPendingMove(null)}
        actions={
          <>
            <button type="button" onClick={() => setPendingMove(null)}>
              Keep as is
            </button>
            <button type="button" className="primary" autoFocus onClick={confirmMove}>
              Move it
            </button>
          </>
        }
      >
        {pendingMove && (
          <p>
            {targetLabel(dataType, pendingMove.target)} is used by {pendingMove.from}. Move it to {pendingMove.source}? {pendingMove.from} will be unmapped.
          </p>
        )}
      </Dialog>
    </section>
  );
}
