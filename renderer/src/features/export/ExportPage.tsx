/**
 * The export wizard: what (data type, filters, live count) → format and options (with a preview) →
 * destination → progress → the files with sizes and checksums. The chosen options are read back as one
 * sentence on every step.
 */
import { useCallback, useEffect, useState } from 'react';
import { FORMAT_IDS } from '../../../../shared/options.ts';
import type { FormatInfo } from '../../../../shared/contract.ts';
import { DATA_TYPES } from '../../../../shared/model.ts';
import { announce } from '../../app/announcer.tsx';
import { hrefFor, useRouter } from '../../app/router.ts';
import { useOperations } from '../operations/store.ts';
import { useServices } from '../../app/services.tsx';
import { useWizards } from '../../app/wizards.ts';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { Stepper, type StepperItem } from '../../components/Stepper.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCount, formatDuration, plural } from '../../lib/format.ts';
import { FilesTable } from '../../components/FilesTable.tsx';
import { VerifiedLine } from '../operations/BackupActions.tsx';
import { OperationProgressView } from '../operations/OperationProgressView.tsx';
import { ApplyTemplateSelect } from '../templates/ApplyTemplate.tsx';
import { SaveAsTemplateButton } from '../templates/SaveAsTemplate.tsx';
import { describeExport } from './describe.ts';
import { FieldsPanel } from './FieldsPanel.tsx';
import { FiltersPanel } from './FiltersPanel.tsx';
import { createExportStore, EXPORT_STEPS, ExportStoreContext, inclusiveEnd, reshapesRecords, useExport, useExportApi } from './store.ts';
import { FORMAT_CATALOGUE, formatLabel } from '../../../../shared/catalogue/formats.ts';
import { COMPRESSION_SUFFIX, ENCRYPTED_SUFFIX } from '../../../../shared/file-names.ts';
import { DATA_TYPE_LABELS } from '../../../../shared/catalogue/data-types.ts';

export function ExportPage() {
  const { client } = useServices();
  const key = useWizards((s) => s.exportKey);
  return <ExportWizardHost key={key} client={client} />;
}

function ExportWizardHost({ client }: { client: ReturnType<typeof useServices>['client'] }) {
  const [store] = useState(() => createExportStore(client));
  return (
    <ExportStoreContext.Provider value={store}>
      <ExportWizard />
    </ExportStoreContext.Provider>
  );
}

/** The number of records the filters match, kept live as they change. */
function useLiveCount(): number | null {
  const { client } = useServices();
  const dataType = useExport((s) => s.draft.dataType);
  const filters = useExport((s) => s.draft.filters);
  const [count, setCount] = useState<number | null>(null);
  // Recount when the page is shown again and when an operation finishes (an import changes the answer).
  const visible = useRouter((s) => s.route.section === 'export');
  const historyVersion = useOperations((s) => s.history.length + (s.history[0]?.status ?? ''));
  // biome-ignore lint/correctness/useExhaustiveDependencies: visible and historyVersion are triggers: recount when the page is shown again or an operation finished.
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      client.call('countRecords', { dataType, filters: inclusiveEnd(filters) }).then(
        (r) => live && setCount(r.count),
        () => live && setCount(null),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, dataType, filters, visible, historyVersion]);
  return count;
}

function ExportWizard() {
  const api = useExportApi();
  const step = useExport((s) => s.step);
  const visited = useExport((s) => s.visited);
  const draft = useExport((s) => s.draft);
  const [sessionNames, setSessionNames] = useState<Record<string, string>>({});
  const onSessions = useCallback((n: Record<string, string>) => setSessionNames(n), []);
  const count = useLiveCount();
  const sentence = describeExport(api.getState().options(), { sessionNames, templateName: draft.template?.name });

  const locked = step.id === 'running' || step.id === 'done';
  // Once it ran, the steps before the current one are done (not "not reached yet"), though no longer places to go.
  const at = EXPORT_STEPS.findIndex((s) => s.id === step.id);
  const items: StepperItem[] = EXPORT_STEPS.map((s, i) => ({
    id: s.id,
    label: s.label,
    state:
      s.id === step.id ? 'current' : locked ? (i < at ? 'done' : 'upcoming') : visited[s.id] && s.id !== 'running' && s.id !== 'done' ? 'visited' : 'upcoming',
  }));

  return (
    <div className="wizard">
      <Stepper items={items} label="Export steps" onJump={(id) => api.getState().jump(id as (typeof EXPORT_STEPS)[number]['id'])} />
      {!locked && (
        <div className="sentence" aria-live="polite" data-testid="export-sentence">
          <strong data-testid="live-count">{count === null ? '…' : plural(count, 'record')}</strong> · {sentence}
        </div>
      )}
      {step.id === 'what' && <WhatStep count={count} onSessions={onSessions} />}
      {step.id === 'format' && <FormatStep />}
      {step.id === 'destination' && <DestinationStep count={count} />}
      {step.id === 'running' && (
        <section className="card">
          <StepHeading sub={sentence}>Exporting</StepHeading>
          <OperationProgressView operationId={step.operationId} label="Export progress" />
        </section>
      )}
      {step.id === 'done' && <DoneStep result={step.result} delivered={step.delivered} />}
    </div>
  );
}

function WhatStep({ count, onSessions }: { count: number | null; onSessions: (n: Record<string, string>) => void }) {
  const api = useExportApi();
  const dataType = useExport((s) => s.draft.dataType);
  const applied = useExport((s) => s.applied);
  return (
    <section className="card">
      <StepHeading sub="Choose what to export and narrow it down; the count above follows every change.">What to export</StepHeading>
      <div className="toolbar">
        <ApplyTemplateSelect
          label="Start from a template"
          onlyWhenAny
          onApply={(t) => {
            api.getState().applyTemplate(t);
            announce(`Applied template “${t.name}”: its filters, format, options and fields.`, 'success');
          }}
        />
      </div>
      <div className="chips" role="radiogroup" aria-label="Data type">
        {DATA_TYPES.map((t) => (
          <label key={t} className="chip-toggle radio-chip">
            <input type="radio" name="export-type" checked={dataType === t} onChange={() => api.getState().patch({ dataType: t })} /> {DATA_TYPE_LABELS[t]}
          </label>
        ))}
      </div>
      <FiltersPanel key={applied} onSessions={onSessions} />
      {count === 0 && <InfoNote tone="warning">No record matches these filters. Loosen a filter to export something.</InfoNote>}
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="primary" disabled={count === 0} onClick={() => api.getState().go({ id: 'format' })}>
          Continue to format
        </button>
      </div>
    </section>
  );
}

function FormatStep() {
  const { client } = useServices();
  const api = useExportApi();
  const draft = useExport((s) => s.draft);
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [preview, setPreview] = useState<{ text: string; shown: number; total: number } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const problem = api.getState().passphraseProblem();
  const optionsKey = JSON.stringify({ ...api.getState().options(), encryption: null, outputPath: null });

  useEffect(() => {
    client.call('getFormats', {}).then(setFormats, () => setFormats([]));
  }, [client]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: optionsKey (the options as JSON, without secrets) is what re-runs the preview; the options are read fresh inside.
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      // The preview shows the records in the chosen format, before compression and encryption.
      const options = { ...api.getState().options(), compression: 'none' as const, encryption: { enabled: false }, splitLargeFiles: { enabled: false } };
      client.call('previewExport', { options, limit: 5 }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setPreviewError(null);
        },
        (e) => live && setPreviewError(describeError(e)),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, api, optionsKey]);

  const formatIds = formats.length
    ? formats.filter((f) => f.dataTypes.length === 0 || f.dataTypes.includes(draft.dataType)).map((f) => ({ id: f.id, label: f.label }))
    : FORMAT_IDS.map((id) => ({ id, label: formatLabel(id) }));
  const patch = api.getState().patch;
  return (
    <section className="card">
      <StepHeading sub="How the files are written. The preview shows the first records as they will read.">Format and options</StepHeading>
      <div className="grid-2">
        <div>
          <label className="field">
            <span>Format</span>
            <select value={draft.format} onChange={(e) => patch({ format: e.target.value as typeof draft.format })}>
              {formatIds.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.includeMetadata} onChange={(e) => patch({ includeMetadata: e.target.checked })} /> Include metadata
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.includeBinaryData} onChange={(e) => patch({ includeBinaryData: e.target.checked })} /> Include attachments
            (binary data)
          </label>
          <label className="field">
            <span>Compression</span>
            <select value={draft.compression} onChange={(e) => patch({ compression: e.target.value as typeof draft.compression })}>
              <option value="none">None</option>
              <option value="gzip">gzip</option>
              <option value="brotli">brotli (smaller, slower)</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="since-last"
              checked={draft.sinceLastTo !== null}
              onChange={(e) => patch({ sinceLastTo: e.target.checked ? 'default' : null })}
            />{' '}
            Only changes since the last export to
          </label>
          {draft.sinceLastTo !== null && (
            <label className="field">
              <span>Destination name</span>
              <input value={draft.sinceLastTo} onChange={(e) => patch({ sinceLastTo: e.target.value || 'default' })} aria-describedby="since-last-help" />
              <small id="since-last-help" className="muted">
                Records created or updated since the last completed export to this name.
              </small>
            </label>
          )}
          <label className="check">
            <input type="checkbox" checked={draft.encrypt} onChange={(e) => patch({ encrypt: e.target.checked })} /> Encrypt with a passphrase (AES-256-GCM)
          </label>
          {draft.encrypt && (
            <div className="indent">
              <label className="field">
                <span>Passphrase</span>
                <input
                  type="password"
                  autoComplete="new-password"
                  value={draft.passphrase}
                  onChange={(e) => patch({ passphrase: e.target.value })}
                  aria-describedby="pass-problem"
                />
              </label>
              <label className="field">
                <span>Passphrase again</span>
                <input
                  type="password"
                  autoComplete="new-password"
                  value={draft.passphraseConfirm}
                  aria-invalid={!!problem && draft.passphraseConfirm.length > 0}
                  onChange={(e) => patch({ passphraseConfirm: e.target.value })}
                  aria-describedby="pass-problem"
                />
              </label>
              {problem && (draft.passphraseConfirm.length > 0 || draft.passphrase.length > 0) ? (
                <ErrorNote id="pass-problem">{problem}</ErrorNote>
              ) : (
                <p className="muted small-text" id="pass-problem">
                  Nobody can open the files without it, including you: keep it somewhere safe.
                </p>
              )}
            </div>
          )}
          <label className="check">
            <input type="checkbox" checked={draft.split} onChange={(e) => patch({ split: e.target.checked })} /> Split into parts
          </label>
          {draft.split && (
            <label className="field indent">
              <span>Part size (MB)</span>
              <input
                type="number"
                min={0.001}
                step="any"
                value={draft.splitMb}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (n > 0) patch({ splitMb: n });
                }}
              />
            </label>
          )}
          <div className="toolbar">
            <ApplyTemplateSelect
              label="Shape with a template"
              onApply={(t) => {
                api.getState().applyTemplate(t);
                announce(`Exports will be shaped by template “${t.name}”.`);
              }}
            />
            {draft.template && (
              <button type="button" className="small" onClick={() => patch({ template: null })}>
                Remove template
              </button>
            )}
          </div>
          <FieldsPanel />
        </div>
        <div>
          <h3>
            Preview{' '}
            {preview && (
              <span className="muted small-text">
                · first {preview.shown} of {formatCount(preview.total)}
              </span>
            )}
          </h3>
          {previewError ? (
            <ErrorNote>{previewError}</ErrorNote>
          ) : preview ? (
            <pre className="preview" data-testid="export-preview">
              {preview.text || '(nothing to show)'}
            </pre>
          ) : (
            <Spinner label="Preparing the preview…" />
          )}
        </div>
      </div>
      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        <SaveAsTemplateButton
          build={(name, description) => ({
            name,
            description,
            // `object` decides no record type: an export of everything stays one of everything.
            schema: { type: draft.dataType === 'all' ? 'object' : draft.dataType, fields: [] },
            transformation: api.getState().templateBody(),
          })}
        />
        <span className="spacer" />
        <button type="button" className="primary" disabled={!!problem} onClick={() => api.getState().go({ id: 'destination' })}>
          Continue to destination
        </button>
      </div>
    </section>
  );
}

function DestinationStep({ count }: { count: number | null }) {
  const { files } = useServices();
  const api = useExportApi();
  const draft = useExport((s) => s.draft);
  const error = useExport((s) => s.error);
  const [choosing, setChoosing] = useState(false);
  const electron = files.host === 'electron';
  const ext = FORMAT_CATALOGUE[draft.format].extensions[0];
  const suggested = `context-store-${draft.dataType}${ext}${COMPRESSION_SUFFIX[draft.compression]}${draft.encrypt ? ENCRYPTED_SUFFIX : ''}`;

  const choose = async () => {
    setChoosing(true);
    try {
      const chosen = await files.chooseSavePath(suggested);
      if (chosen) api.getState().patch({ outputPath: chosen });
    } finally {
      setChoosing(false);
    }
  };

  return (
    <section className="card">
      <StepHeading sub={electron ? 'Choose where the files go.' : 'The files are downloaded by your browser when the export finishes.'}>
        Destination
      </StepHeading>
      {electron ? (
        <div className="row">
          <span className="mono">{draft.outputPath ?? 'No place chosen yet (the app’s export folder)'}</span>
          <button type="button" onClick={() => void choose()} disabled={choosing}>
            Choose where to save…
          </button>
        </div>
      ) : (
        <InfoNote>
          Your browser saves {draft.split ? 'every part and the manifest' : 'the file'} to its downloads folder
          {draft.encrypt ? '; the files stay encrypted' : ''}.
        </InfoNote>
      )}
      {error && <ErrorNote>{describeError(error)}</ErrorNote>}
      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          data-testid="start-export"
          disabled={count === 0}
          onClick={() => void api.getState().start(files.deliverExport)}
        >
          Export {count === null ? '' : plural(count, 'record')}
        </button>
      </div>
    </section>
  );
}

function DoneStep({ result, delivered }: { result: import('../../../../shared/options.ts').ExportResult; delivered: string[] }) {
  const { files } = useServices();
  const error = useExport((s) => s.error);
  const passphrase = useExport((s) => (s.draft.encrypt ? s.draft.passphrase : undefined));
  const reshaped = useExport((s) => reshapesRecords(s.draft));
  const [again, setAgain] = useState<string | null>(null);
  const name = (p: string) => p.split(/[\\/]/).pop() ?? p;
  useEffect(() => {
    announce(`Exported ${plural(result.recordCount, 'record')} in ${plural(result.files.length, 'file')}.`, 'success');
  }, [result]);
  return (
    <section className="card">
      <StepHeading
        sub={`${plural(result.recordCount, 'record')} in ${formatDuration(result.durationMs)}${delivered.length && files.host === 'browser' ? ` · downloaded ${plural(delivered.length, 'file')}` : ''}.`}
      >
        Export complete
      </StepHeading>
      {error && <ErrorNote>{describeError(error)}</ErrorNote>}
      {result.warnings?.map((w) => (
        <InfoNote key={w} tone="warning">
          {w}
        </InfoNote>
      ))}
      <FilesTable files={result.files} testId="export-files" />
      {reshaped ? (
        <p className="muted small-text" data-testid="verified">
          Not compared with the store: this export left out or renamed fields, so its records are not the store's as they are (an export of whole records is
          verified).
        </p>
      ) : (
        <VerifiedLine file={result.filePath} passphrase={passphrase} />
      )}
      {result.manifestPath && <p className="muted small-text">Manifest: {name(result.manifestPath)} (import it, or any part, to read them all back).</p>}
      <p>
        <a href={hrefFor('operations', result.operationId)}>See operation {result.operationId}</a>
      </p>
      <div className="actions">
        {files.host === 'browser' && (
          <button
            type="button"
            onClick={() =>
              void files.deliverExport(result).then(
                (n) => setAgain(`Downloaded ${plural(n.length, 'file')} again.`),
                (e) => setAgain(describeError(e)),
              )
            }
          >
            Download again
          </button>
        )}
        {again && <span className="muted">{again}</span>}
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => useWizards.getState().newExport()}>
          New export
        </button>
      </div>
    </section>
  );
}
