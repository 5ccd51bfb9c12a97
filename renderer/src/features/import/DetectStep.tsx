import { useEffect, useMemo, useState } from 'react';
import type { SourceInfo } from '../../../../shared/contract.ts';
import { useServices } from '../../app/services.tsx';
import { FORMAT_IDS, TEXT_ENCODINGS } from '../../../../shared/options.ts';
import { IMPORT_DATA_TYPES } from '../../../../shared/model.ts';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { ClampedText } from '../../components/ClampedText.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatBytes, formatValue } from '../../lib/format.ts';
import { useImport, useImportStoreApi } from './context.tsx';
import { readPath } from './mapping-model.ts';
import { primaryFile } from './store.ts';
import { presetIdInUse } from './source-options.ts';
import { SourceOptionsFields } from './SourceOptionsFields.tsx';
import { formatLabel } from '../../../../shared/catalogue/formats.ts';

/** Step 2: what the file is (format, data type, compression, encryption), its parser options and a preview. */
export function DetectStep() {
  const api = useImportStoreApi();
  const files = useImport((s) => s.files);
  const inspection = useImport((s) => s.inspection);
  const busy = useImport((s) => s.busy);
  const error = useImport((s) => s.error);
  const needsPassphrase = useImport((s) => s.needsPassphrase);
  const passphrase = useImport((s) => s.passphrase);
  const format = useImport((s) => s.format);
  const delimiter = useImport((s) => s.delimiter);
  const encoding = useImport((s) => s.encoding);
  const root = useImport((s) => s.root);
  const source = useImport((s) => s.source);
  const { client } = useServices();
  const [sources, setSources] = useState<SourceInfo[]>([]);
  useEffect(() => {
    client.call('getSources', {}).then(setSources, () => setSources([]));
  }, [client]);
  const dataType = useImport((s) => s.dataType);
  const main = primaryFile(files);

  const columns = useMemo<Column<Record<string, unknown>>[]>(
    () => [
      { key: '#', header: '#', width: '3.5rem', render: (_r, i) => <span className="muted">{i + 1}</span> },
      ...(inspection?.fields ?? []).slice(0, 60).map((field) => ({
        key: field,
        header: field,
        width: 'minmax(9rem, 1fr)',
        render: (row: Record<string, unknown>) => <ClampedText text={formatValue(readPath(row, field))} lines={2} />,
      })),
    ],
    [inspection],
  );

  const detected = inspection?.input;
  const presetId = presetIdInUse(source, detected?.source?.id);
  const preset = sources.find((s) => s.id === presetId);
  return (
    <section className="card">
      <StepHeading sub={main ? `${files.length > 1 ? `${files.length} files · ` : ''}${main.name} · ${formatBytes(main.bytes)}` : undefined}>
        What is in the file
      </StepHeading>

      {busy && <Spinner label={busy} />}

      {detected && (
        <dl className="facts" aria-label="What was detected">
          <div className="fact">
            <dt>Format</dt>
            {/* A preset reads the file as its tool's export: its name says more than the preset's id. */}
            <dd data-testid="detected-format">{detected.source ? detected.source.label : formatLabel(detected.format)}</dd>
          </div>
          <div className="fact">
            <dt>Data type</dt>
            {/* A preset's export holds both (a chat's sessions and its messages): 'all' says less than that. */}
            <dd data-testid="detected-type">{detected.dataType === 'all' ? 'sessions and contexts' : detected.dataType}</dd>
          </div>
          {detected.source && (
            <div className="fact">
              <dt>Source</dt>
              <dd data-testid="detected-source">
                {detected.source.summary}
                {detected.entriesRead !== undefined ? ` · ${detected.entriesRead} file(s)` : ''}
                {detected.skipped?.length ? ` · ${detected.skipped.length} skipped` : ''}
              </dd>
            </div>
          )}
          <div className="fact">
            <dt>Compression</dt>
            <dd data-testid="detected-compression">
              {detected.container === 'zip' ? 'Zip archive' : detected.compression === 'none' ? 'None' : detected.compression}
            </dd>
          </div>
          <div className="fact">
            <dt>Encryption</dt>
            <dd>{detected.encrypted ? <>Encrypted (AES-256-GCM), unlocked</> : 'Not encrypted'}</dd>
          </div>
          <div className="fact">
            <dt>Fields</dt>
            <dd>{inspection.fields.length}</dd>
          </div>
        </dl>
      )}

      {preset && <SourceOptionsFields preset={preset} />}

      {needsPassphrase && (
        <form
          className="passphrase"
          onSubmit={(e) => {
            e.preventDefault();
            void api.getState().inspect();
          }}
        >
          <InfoNote>This file is encrypted. Enter the passphrase it was exported with.</InfoNote>
          <label className="field">
            <span>Passphrase</span>
            <input
              type="password"
              autoComplete="off"
              value={passphrase}
              autoFocus
              aria-invalid={error?.where === 'passphrase' && passphrase !== ''}
              aria-describedby={error?.where === 'passphrase' ? 'passphrase-error' : undefined}
              onChange={(e) => api.getState().setDetectOption({ passphrase: e.target.value })}
            />
          </label>
          <button type="submit" className="primary" disabled={!passphrase || !!busy}>
            Unlock
          </button>
          {error?.where === 'passphrase' && passphrase !== '' && <ErrorNote id="passphrase-error">{describeError(error.error)}</ErrorNote>}
        </form>
      )}

      {error?.where === 'detect' && <ErrorNote>{describeError(error.error)}</ErrorNote>}

      <details className="parser-options" open={error?.where === 'detect'}>
        <summary>Parser options</summary>
        <div className="row wrap">
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => api.getState().setDetectOption({ format: e.target.value as typeof format })}>
              <option value="auto">Detect automatically</option>
              {FORMAT_IDS.map((f) => (
                <option key={f} value={f}>
                  {formatLabel(f)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Data type</span>
            <select value={dataType} onChange={(e) => api.getState().setDetectOption({ dataType: e.target.value as typeof dataType })}>
              {IMPORT_DATA_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t === 'auto-detect' ? 'Detect automatically' : t}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Read as</span>
            <select data-testid="source-select" value={source} onChange={(e) => api.getState().setDetectOption({ source: e.target.value })}>
              <option value="">Detect the tool</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
              <option value="none">Plain file (no tool)</option>
            </select>
          </label>
          <label className="field">
            <span>CSV delimiter</span>
            <input
              value={delimiter}
              maxLength={4}
              placeholder="detect"
              size={6}
              onChange={(e) => api.getState().setDetectOption({ delimiter: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Text encoding</span>
            <select value={encoding} onChange={(e) => api.getState().setDetectOption({ encoding: e.target.value })} data-testid="encoding-select">
              {TEXT_ENCODINGS.map((name) => (
                <option key={name} value={name}>
                  {name === 'auto' ? `Detect automatically${inspection?.input.encoding ? ` (found ${inspection.input.encoding})` : ''}` : name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Records at (JSON, XML)</span>
            <input
              value={root}
              placeholder={inspection?.input.root ?? 'top level'}
              size={14}
              aria-describedby="root-help"
              onChange={(e) => api.getState().setDetectOption({ root: e.target.value })}
              data-testid="root-input"
            />
            <small id="root-help" className="muted">
              a dot path (data.items, channel.item) or a path (/data/items, /rss/channel/item)
            </small>
          </label>
          <button type="button" onClick={() => void api.getState().inspect()} disabled={!!busy}>
            Read again
          </button>
        </div>
      </details>

      {inspection && inspection.warnings.length > 0 && (
        <InfoNote tone="warning">
          {/* Records that could not be read, and what the reader or preset says about the file (its day order, undated likes). */}
          To know before importing ({inspection.warnings.length}): {inspection.warnings.slice(0, 3).join(' · ')}
          {inspection.warnings.length > 3 ? ` · and ${inspection.warnings.length - 3} more` : ''}
        </InfoNote>
      )}

      {inspection && (
        <>
          <h3>First {inspection.sampleRecords.length} records</h3>
          {inspection.sampleRecords.length === 0 ? (
            <p className="muted">The file has no records we could read.</p>
          ) : (
            <VirtualTable rows={inspection.sampleRecords} columns={columns} label="Preview of the first records" height={260} testId="preview-table" />
          )}
        </>
      )}

      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        <button type="button" className="primary" disabled={!inspection || !!busy} onClick={() => void api.getState().continueFromDetect()}>
          Continue to mapping
        </button>
      </div>
    </section>
  );
}
