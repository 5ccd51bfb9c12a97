/**
 * The dry run of a re-import: what to do with records the store already has (skip, overwrite, merge field
 * by field, refuse), how they are found, and every conflict (a field edited in the store since the last
 * import and changed in the source) with both values side by side and a choice per record or for all.
 * A change here runs the dry run again, so the counts always say what the Run button will do.
 */
import { useMemo } from 'react';
import { MATCH_MODES, type ImportResult, type MergeConflict, type RecordConflictChoice } from '../../../../shared/options.ts';
import { formatCount, formatValue, plural } from '../../lib/format.ts';
import { useImport, useImportStoreApi } from './context.tsx';
import { recordLabel } from './outcomes.ts';
import type { DuplicatePolicy, ImportDraftOptions } from './store.ts';

const MATCH_LABELS: Record<(typeof MATCH_MODES)[number], string> = {
  id: 'its id',
  source: 'its source identity (source + sourceId), else its id',
  content: 'its title and content',
};

const RESOLUTION_TEXT: Record<MergeConflict['resolution'], string> = {
  'kept-local': 'keeps the store’s value',
  'took-source': 'takes the source’s value',
  failed: 'stops the import (no answer yet)',
};

/** True when the dry run met records the store already holds, or the user asked to merge. */
export function isReimport(result: ImportResult, options: ImportDraftOptions): boolean {
  const duplicates = result.reasonCounts?.some((r) => r.action === 'reject' && r.reason === 'duplicate id') ?? false;
  return (
    options.duplicates === 'merge' ||
    duplicates ||
    result.overwrittenRecords + result.mergedRecords + result.unchangedRecords + result.skippedRecords + result.conflictCount > 0
  );
}

export function ReimportPanel({ result }: { result: ImportResult }) {
  const api = useImportStoreApi();
  const options = useImport((s) => s.options);
  const busy = useImport((s) => s.busy);
  const change = (patch: Partial<ImportDraftOptions>) => {
    api.getState().setOptions(patch);
    void api.getState().recheck();
  };
  return (
    <>
      <fieldset className="options" data-testid="reimport">
        <legend>Records already in the store</legend>
        <label className="field">
          <span>When the store already has a record</span>
          <select value={options.duplicates} disabled={!!busy} onChange={(e) => change({ duplicates: e.target.value as DuplicatePolicy })}>
            <option value="skip">Skip it (keep what is in the store)</option>
            <option value="merge">Merge field by field (conflicts listed below)</option>
            <option value="overwrite">Overwrite it with the file’s version</option>
            <option value="reject">Treat it as an error</option>
          </select>
        </label>
        <label className="field">
          <span>Find it by</span>
          <select value={options.match ?? 'source'} disabled={!!busy} onChange={(e) => change({ match: e.target.value as ImportDraftOptions['match'] })}>
            {MATCH_MODES.map((m) => (
              <option key={m} value={m}>
                {MATCH_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {options.duplicates === 'merge' && options.mergeRules && Object.keys(options.mergeRules).length > 0 && (
          <p className="small-text" data-testid="merge-rules">
            Merge rules:{' '}
            {Object.entries(options.mergeRules)
              .map(([field, rule]) => `${field} = ${rule}`)
              .join(', ')}{' '}
            (the rest: the defaults)
          </p>
        )}
        <p className="small-text" data-testid="reimport-counts">
          Unchanged {formatCount(result.unchangedRecords)} · updated {formatCount(result.mergedRecords + result.overwrittenRecords)} · skipped{' '}
          {formatCount(result.skippedRecords)} · conflicts {formatCount(result.conflictCount)}
        </p>
      </fieldset>
      {result.conflicts.length > 0 && <ConflictList result={result} />}
    </>
  );
}

interface RecordConflicts {
  id: string;
  record: number;
  label: string;
  conflicts: MergeConflict[];
}

function ConflictList({ result }: { result: ImportResult }) {
  const api = useImportStoreApi();
  const choices = useImport((s) => s.conflictChoices);
  const busy = useImport((s) => s.busy);
  const records = useMemo(() => groupByRecord(result), [result]);
  const choose = (choice: RecordConflictChoice, id?: string) => void api.getState().chooseConflict(choice, id);
  return (
    <section className="conflicts" aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h3 id="conflicts-heading">
        <span aria-hidden="true">⚠</span> Conflicts · {plural(result.conflictCount, 'field')} in {plural(records.length, 'record')}
      </h3>
      <p className="muted small-text">
        These fields were edited in the store since the last import and changed in the source too. Nothing is decided silently: choose for each record, or for
        all.
        {result.conflictCount > result.conflicts.length && ` The list shows the first ${formatCount(result.conflicts.length)}; “for all” covers every one.`}
      </p>
      <div className="toolbar" role="group" aria-label="Answer every conflict">
        <button type="button" disabled={!!busy} onClick={() => choose('keep-local')}>
          Keep local for all
        </button>
        <button type="button" disabled={!!busy} onClick={() => choose('take-source')}>
          Take source for all
        </button>
      </div>
      {records.map((r) => {
        const current = choices[r.id] ?? answerOf(r.conflicts[0]!.resolution);
        return (
          <article key={r.id} className="conflict-record" data-testid={`conflict-${r.id}`} aria-labelledby={`conflict-title-${r.id}`}>
            <h4 id={`conflict-title-${r.id}`}>
              {r.label}{' '}
              <span className="muted small-text">
                · record {formatCount(r.record)} · {r.id}
              </span>
            </h4>
            {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a fieldset of radios, named as one radiogroup for screen readers. */}
            <fieldset className="plain" role="radiogroup" aria-label={`For ${r.label}`}>
              <label className="check inline-check">
                <input
                  type="radio"
                  name={`conflict-${r.id}`}
                  checked={current === 'keep-local'}
                  disabled={!!busy}
                  onChange={() => choose('keep-local', r.id)}
                />{' '}
                Keep local
              </label>
              <label className="check inline-check">
                <input
                  type="radio"
                  name={`conflict-${r.id}`}
                  checked={current === 'take-source'}
                  disabled={!!busy}
                  onChange={() => choose('take-source', r.id)}
                />{' '}
                Take source
              </label>
            </fieldset>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">In the store (local)</th>
                    <th scope="col">In the source (incoming)</th>
                    <th scope="col">Rule</th>
                    <th scope="col">The import</th>
                  </tr>
                </thead>
                <tbody>
                  {r.conflicts.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" className="mono">
                        {c.field}
                      </th>
                      <td className={c.resolution === 'kept-local' ? 'after' : 'before'}>{shortValue(c.local)}</td>
                      <td className={c.resolution === 'took-source' ? 'after' : 'before'}>{shortValue(c.incoming)}</td>
                      <td>{c.rule}</td>
                      <td data-testid="conflict-resolution">{RESOLUTION_TEXT[c.resolution]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        );
      })}
    </section>
  );
}

function groupByRecord(result: ImportResult): RecordConflicts[] {
  const byId = new Map<string, RecordConflicts>();
  const labels = new Map((result.outcomes ?? []).map((o) => [o.id, recordLabel(o.before ?? o.after, o.id)]));
  for (const c of result.conflicts) {
    let entry = byId.get(c.id);
    if (!entry) {
      entry = { id: c.id, record: c.record, label: labels.get(c.id) || c.id, conflicts: [] };
      byId.set(c.id, entry);
    }
    entry.conflicts.push(c);
  }
  return [...byId.values()];
}

function answerOf(resolution: MergeConflict['resolution']): RecordConflictChoice | undefined {
  return resolution === 'kept-local' ? 'keep-local' : resolution === 'took-source' ? 'take-source' : undefined;
}

/** Long values shortened for the table; the whole value stays in the tooltip. */
function shortValue(value: unknown) {
  const text = formatValue(value);
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return <span title={text.length > 200 ? text : undefined}>{short === '' ? <span className="muted">(empty)</span> : short}</span>;
}
