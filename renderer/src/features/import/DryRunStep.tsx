import { useEffect, useMemo, useState } from 'react';
import { announce } from '../../app/announcer.tsx';
import type { ImportResult, RecordOutcome } from '../../../../shared/options.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { CountBar } from '../../components/CountBar.tsx';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { useImport, useImportStoreApi } from './context.tsx';
import { ACTION_META, outcomeChips, reasonGroupsOf, outcomesOf, reasonKey, recordLabel } from './outcomes.ts';
import { isReimport, ReimportPanel } from './ReimportPanel.tsx';
import { SaveRejectsButton } from './SaveRejectsButton.tsx';

/** Step 4: what would happen, at a glance and record by record. Nothing has been written yet. */
export function DryRunStep({ result }: { result: ImportResult }) {
  const api = useImportStoreApi();
  const options = useImport((s) => s.options);
  const error = useImport((s) => s.error);
  const busy = useImport((s) => s.busy);
  const [filter, setFilter] = useState<string>('all');

  const outcomes = useMemo(() => outcomesOf(result), [result]);
  useEffect(() => {
    const reimport =
      result.mergedRecords + result.unchangedRecords + result.conflictCount > 0
        ? `${formatCount(result.mergedRecords)} to update, ${formatCount(result.unchangedRecords)} unchanged, ${formatCount(result.conflictCount)} conflicts, `
        : '';
    announce(
      `Dry run: ${formatCount(result.insertedRecords)} to insert, ${formatCount(result.overwrittenRecords)} to overwrite, ${reimport}${formatCount(result.skippedRecords)} to skip, ${formatCount(result.failedRecords)} rejected.`,
    );
  }, [result]);
  const groups = useMemo(() => reasonGroupsOf(result, outcomes), [result, outcomes]);
  const chips = useMemo(() => outcomeChips(result, outcomes), [result, outcomes]);
  const listedByReason = useMemo(() => {
    const n = new Map(groups.map((g) => [g.key, 0]));
    for (const o of outcomes) {
      const key = reasonKey(o);
      if (n.has(key)) n.set(key, n.get(key)! + 1);
    }
    return n;
  }, [groups, outcomes]);
  const shown = useMemo(
    () => (filter === 'all' ? outcomes : filter.includes('|') ? outcomes.filter((o) => reasonKey(o) === filter) : outcomes.filter((o) => o.action === filter)),
    [outcomes, filter],
  );

  const columns: Column<RecordOutcome>[] = [
    { key: 'record', header: '#', width: '5rem', render: (o) => formatCount(o.record) },
    {
      key: 'action',
      header: 'Action',
      width: '8rem',
      render: (o) => (
        <span className={`action action-${o.action}`}>
          <span aria-hidden="true">{ACTION_META[o.action].icon}</span> {ACTION_META[o.action].label}
        </span>
      ),
    },
    {
      key: 'what',
      // A preset's sessions (a chat, a notebook, a folder) are listed beside its contexts: say which each row is.
      header: 'Title or name',
      width: 'minmax(10rem, 1.2fr)',
      render: (o) => (
        <ClampedText
          text={`${o.dataType === 'sessions' ? 'Session: ' : o.dataType === 'templates' ? 'Template: ' : ''}${recordLabel(o.after ?? o.before, o.id)}`}
          lines={2}
        />
      ),
    },
    { key: 'reason', header: 'Reason', width: 'minmax(12rem, 2fr)', render: (o) => <ClampedText text={o.reason ?? ''} lines={2} /> },
    { key: 'field', header: 'Field', width: '8rem', render: (o) => o.field ?? '' },
    {
      key: 'change',
      header: 'Before → after',
      width: 'minmax(10rem, 1.5fr)',
      render: (o) =>
        o.action === 'merge' ? (
          <ClampedText text={`changes ${(o.changedFields ?? []).join(', ')}`} lines={2} />
        ) : o.action === 'overwrite' ? (
          <ClampedText text={`${recordLabel(o.before)} → ${recordLabel(o.after)}`} lines={2} />
        ) : null,
    },
  ];

  const writes = result.insertedRecords + result.overwrittenRecords + result.mergedRecords;
  const reimport = isReimport(result, options);
  const invalid = result.failedRecords;
  const policy = options.errorHandling;
  // Strict is the default everywhere (CLI, REST, here): with invalid records it would write nothing.
  const stops = policy === 'strict' && invalid > 0;
  const runLabel = stops
    ? `Import nothing · ${formatCount(invalid)} invalid stop it`
    : `Import ${formatCount(writes)}${invalid ? ` · skip ${formatCount(invalid)} invalid` : ''}${result.skippedRecords ? ` · skip ${formatCount(result.skippedRecords)} duplicate${result.skippedRecords === 1 ? '' : 's'}` : ''}`;
  const changeDuplicates = (duplicates: typeof options.duplicates) => {
    api.getState().setOptions({ duplicates });
    // What happens to existing ids changes the counts: check again.
    void api.getState().dryRun();
  };

  const sourceName = useImport((s) => s.files[0]?.name);

  return (
    <section className="card">
      <StepHeading sub={`${plural(result.totalRecords, 'record')} checked in ${Math.max(1, Math.round(result.durationMs))} ms. Nothing has been written yet.`}>
        Dry run
      </StepHeading>
      <CountBar
        label="What the import would do"
        parts={[
          { key: 'insert', label: 'Insert', value: result.insertedRecords, icon: ACTION_META.insert.icon },
          { key: 'overwrite', label: 'Overwrite', value: result.overwrittenRecords, icon: ACTION_META.overwrite.icon },
          ...(reimport
            ? [
                { key: 'merge', label: 'Update', value: result.mergedRecords, icon: ACTION_META.merge.icon },
                { key: 'unchanged', label: 'Unchanged', value: result.unchangedRecords, icon: ACTION_META.unchanged.icon },
              ]
            : []),
          { key: 'skip', label: 'Skip', value: result.skippedRecords, icon: ACTION_META.skip.icon },
          { key: 'reject', label: 'Reject', value: result.failedRecords, icon: ACTION_META.reject.icon },
        ]}
      />
      {result.error && <ErrorNote>{describeError(result.error)}</ErrorNote>}
      {result.warnings.length > 0 && <InfoNote tone="warning">{result.warnings.slice(0, 3).join(' · ')}</InfoNote>}
      {reimport && <ReimportPanel result={result} />}

      {groups.length > 0 && (
        <>
          <h3>Reasons</h3>
          <ul className="reasons" data-testid="reasons">
            {groups.map((g) => (
              <li key={g.key}>
                <span aria-hidden="true">{ACTION_META[g.action].icon}</span> {ACTION_META[g.action].verb} · {g.reason} · <strong>{formatCount(g.count)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}

      <div className="chips" role="group" aria-label="Show records">
        {chips.map((c) => (
          <button key={c.key} type="button" className="chip-toggle" aria-pressed={filter === c.key} onClick={() => setFilter(c.key)}>
            {c.icon && <span aria-hidden="true">{c.icon}</span>} {c.label}
          </button>
        ))}
        {groups.map((g) => (
          <button key={g.key} type="button" className="chip-toggle" aria-pressed={filter === g.key} onClick={() => setFilter(g.key)}>
            {g.reason} · {formatCount(g.count)}
            {listedByReason.get(g.key)! < g.count ? ` (${formatCount(listedByReason.get(g.key)!)} listed)` : ''}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted">No records to show here.</p>
      ) : (
        <VirtualTable
          rows={shown}
          columns={columns}
          label="Records and what would happen to them"
          height={300}
          testId="dryrun-table"
          rowKey={(o) => `${o.record}-${o.action}`}
        />
      )}
      {outcomes.length < result.totalRecords && (
        <p className="muted small-text">The table lists the first {formatCount(outcomes.length)} records; the counts above cover all of them.</p>
      )}

      <div className="actions">
        <button type="button" onClick={() => api.getState().back()}>
          Back
        </button>
        <SaveRejectsButton result={result} sourceName={sourceName} />
        <span className="spacer" />
        <fieldset className="policy" data-testid="import-policy">
          <legend>Policy</legend>
          <label className="field inline">
            <span>Invalid records</span>
            <select data-testid="policy-invalid" value={policy} onChange={(e) => api.getState().setOptions({ errorHandling: e.target.value as typeof policy })}>
              <option value="strict">Stop: import nothing</option>
              <option value="lenient">Skip them, list each</option>
              <option value="skip-errors">Skip them quietly</option>
            </select>
          </label>
          <label className="field inline">
            <span>Existing ids</span>
            <select
              data-testid="policy-duplicates"
              value={options.duplicates}
              disabled={!!busy}
              onChange={(e) => changeDuplicates(e.target.value as typeof options.duplicates)}
            >
              <option value="reject">Count as invalid</option>
              <option value="skip">Skip (keep the store's)</option>
              <option value="overwrite">Overwrite</option>
              <option value="merge">Merge fields</option>
            </select>
          </label>
        </fieldset>
        {busy && <Spinner label={busy} />}
        <button
          type="button"
          className="primary"
          data-testid="run-import"
          aria-describedby={stops ? 'run-stops' : undefined}
          disabled={!!busy || stops || (writes === 0 && invalid === 0)}
          onClick={() => void api.getState().run()}
        >
          {runLabel}
        </button>
      </div>
      {stops && (
        <p className="muted small-text" id="run-stops" data-testid="run-stops">
          “Stop: import nothing” is the default on every surface (the command line and the REST API too): one invalid record stops the whole import. Choose
          “Skip them” to import the other {formatCount(writes)}.
        </p>
      )}
      {error?.where === 'run' && <ErrorNote>{describeError(error.error)}</ErrorNote>}
    </section>
  );
}
