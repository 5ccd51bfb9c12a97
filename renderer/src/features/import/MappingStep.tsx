import { useEffect, useMemo, useState } from 'react';
import { useServices } from '../../app/services.tsx';
import { announce } from '../../app/announcer.tsx';
import { ClampedText } from '../../components/ClampedText.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { SearchableSelect, type SelectOption } from '../../components/SearchableSelect.tsx';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatValue } from '../../lib/format.ts';
import { ApplyTemplateSelect } from '../templates/ApplyTemplate.tsx';
import { SaveAsTemplateButton } from '../templates/SaveAsTemplate.tsx';
import { useImport, useImportStoreApi, useMappingHistory } from './context.tsx';
import { ImportOptionsPanel } from './ImportOptions.tsx';
import { buildMapping, localTransform, readPath, type MappingRow } from './mapping-model.ts';
import { SuggestionBadge } from './SuggestionBadge.tsx';
import { targetFieldsFor, targetLabel } from './targets.ts';
import { CustomFunctionList, TransformChain } from './TransformChain.tsx';
import { useMappingPreview } from './useMappingPreview.ts';

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

  const afterValues = (row: MappingRow): { values: string[]; note?: string } => {
    if (!row.target) return { values: [], note: row.unmapped === 'drop' ? 'dropped' : `metadata.${row.source}` };
    if (preview.kind === 'ready') {
      return {
        values: preview.rows.map((p) => {
          const issue = p.issues.find((i) => i.field === row.target || i.field === row.source);
          if (issue) return `⚠ ${issue.message}`;
          return formatValue(readPath(p.after, row.target!));
        }),
      };
    }
    const local = records.slice(0, 3).map((r) => localTransform(readPath(r, row.source), row.transforms));
    return { values: local.map((l) => formatValue(l.value)), note: local.some((l) => l.pending) ? 'functions apply on import' : undefined };
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement | null)?.closest('input, textarea, select')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) history.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') history.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history]);

  const unconfirmed = rows.filter((r) => r.target && !r.confirmed).length;
  const mapped = rows.filter((r) => r.target).length;

  return (
    <section className="card">
      <StepHeading sub={`${mapped} of ${rows.length} fields mapped${unconfirmed ? ` · ${unconfirmed} to confirm` : ''}. Unmapped fields go to metadata or are dropped, field by field.`}>
        Map fields
      </StepHeading>
      {skipped && <InfoNote tone="success">Every field matched exactly, so the dry run ran straight away. You can still change the mapping here.</InfoNote>}
      {applied && (
        <InfoNote tone="success">
          Applied template “{applied.name}” — {applied.matched}/{applied.total} fields
        </InfoNote>
      )}
      {unavailable && <InfoNote>Suggestions are not available right now; fields with the same name as a target are matched, the rest are yours to choose.</InfoNote>}
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
            schema: { type: dataType === 'sessions' || dataType === 'templates' ? dataType : 'contexts', fields: [] },
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
        {rows.map((row) => {
          const after = afterValues(row);
          const samples = (inspection?.samples[row.source] ?? []).slice(0, 3);
          const opts: SelectOption[] = targets.map((t) => {
            const user = usedBy.get(t.key);
            return { value: t.key, label: t.label, hint: user && user !== row.source ? `used by ${user}` : t.key };
          });
          if (row.target && !targets.some((t) => t.key === row.target)) opts.push({ value: row.target, label: row.target });
          return (
            <div role="row" className={`mapping-row${row.target && !row.confirmed ? ' unconfirmed' : ''}`} key={row.source} data-testid={`mapping-row-${row.source}`}>
              <div role="cell">
                <div className="field-name">{row.source}</div>
                <div className="samples">
                  {samples.map((s, i) => (
                    <ClampedText key={i} className="sample" text={formatValue(s)} lines={2} />
                  ))}
                </div>
              </div>
              <div role="cell">
                <SuggestionBadge
                  suggestion={row.suggestion}
                  target={row.target}
                  confirmed={row.confirmed}
                  onConfirm={() => update(row.source, { confirmed: true })}
                  onApplyFailed={(ts) => update(row.source, { transforms: [...row.transforms, ...ts.map((t) => ({ kind: t.transformation, fn: t.customFunction }))], confirmed: true })}
                  onForget={() => void api.getState().forgetRemembered(row.source)}
                />
              </div>
              <div role="cell">
                <SearchableSelect value={row.target} options={opts} label={`Target for ${row.source}`} onChange={(t) => setTarget(row.source, t)} testId={`target-${row.source}`} />
                {!row.target && (
                  <div className="unmapped-toggle" role="radiogroup" aria-label={`Where ${row.source} goes when unmapped`}>
                    <label>
                      <input type="radio" name={`unmapped-${row.source}`} checked={row.unmapped === 'metadata'} onChange={() => update(row.source, { unmapped: 'metadata' })} /> to metadata
                    </label>
                    <label>
                      <input type="radio" name={`unmapped-${row.source}`} checked={row.unmapped === 'drop'} onChange={() => update(row.source, { unmapped: 'drop' })} /> drop
                    </label>
                  </div>
                )}
              </div>
              <div role="cell">{row.target && <TransformChain steps={row.transforms} field={row.source} onChange={(transforms) => update(row.source, { transforms })} />}</div>
              <div role="cell" className="before-after" data-testid={`after-${row.source}`}>
                {after.note && !row.target ? (
                  <span className="muted">{after.note === 'dropped' ? '✕ dropped' : `→ ${after.note}`}</span>
                ) : (
                  <ul>
                    {after.values.map((v, i) => (
                      <li key={i}>
                        <ClampedText className="before" text={formatValue(readPath(records[i], row.source))} /> <span aria-hidden="true">→</span>
                        <span className="sr-only"> becomes </span> <ClampedText className="after" text={v} />
                      </li>
                    ))}
                  </ul>
                )}
                {after.note && row.target && <span className="muted small-text">{after.note}</span>}
              </div>
            </div>
          );
        })}
      </div>
      <CustomFunctionList />

      <ImportOptionsPanel options={options} onChange={(p) => api.getState().setOptions(p)} />

      {error && (error.where === 'mapping' || error.where === 'dryrun') && <ErrorNote>{describeError(error.error)}</ErrorNote>}
      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        {busy && <Spinner label={busy} />}
        <button type="button" className="primary" disabled={!!busy} onClick={() => void api.getState().dryRun()}>
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
