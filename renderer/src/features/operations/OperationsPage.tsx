/**
 * Operations: what runs now (progress bars, Cancel), the history (status, user, counts, duration,
 * throughput), and one operation's details with every error and a CSV of them.
 */
import { useEffect, useState } from 'react';
import type { OperationRecord, OperationStatus } from '../../../../shared/operations.ts';
import { hrefFor } from '../../app/router.ts';
import { useClient } from '../../app/services.tsx';
import { EmptyState, ErrorNote, Spinner } from '../../components/States.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { downloadText, toCsv } from '../../lib/csv.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCount, formatDate, formatDuration } from '../../lib/format.ts';
import { FilesTable } from '../../components/FilesTable.tsx';
import { OperationProgressView } from './OperationProgressView.tsx';
import { UndoImportButton } from './UndoImportButton.tsx';
import { RollbackMigrationButton } from './BackupActions.tsx';
import { isRunning, refreshOperations, useOperations } from './store.ts';
import type { ErrorValue } from '../../../../shared/errors.ts';

const STATUS: Record<OperationStatus, { icon: string; text: string }> = {
  pending: { icon: '…', text: 'Waiting' },
  running: { icon: '▶', text: 'Running' },
  completed: { icon: '✓', text: 'Completed' },
  completed_with_errors: { icon: '!', text: 'Completed with errors' },
  failed: { icon: '✕', text: 'Failed' },
  cancelled: { icon: '■', text: 'Cancelled' },
  interrupted: { icon: '↯', text: 'Interrupted' },
};

export function StatusLabel({ status, dryRun = false }: { status: OperationStatus; dryRun?: boolean }) {
  // A finished dry run changed nothing: it never reads as a completed import.
  const finished = status === 'completed' || status === 'completed_with_errors';
  const s = dryRun && finished ? { icon: '◌', text: 'Dry run' } : (STATUS[status] ?? { icon: '?', text: status });
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{s.icon}</span> {s.text}
    </span>
  );
}

const TYPE_LABEL: Record<string, string> = { import: 'Import', export: 'Export', validate: 'Validation', undo: 'Undo' };

export function throughput(op: OperationRecord): string {
  if (!op.durationMs || op.durationMs <= 0 || op.counts.total === 0) return '—';
  return `${formatCount(op.counts.total / (op.durationMs / 1000))} rec/s`;
}

export function OperationsPage({ operationId }: { operationId?: string }) {
  return operationId ? <OperationDetails operationId={operationId} /> : <OperationsList />;
}

function OperationsList() {
  const client = useClient();
  const progress = useOperations((s) => s.progress);
  const history = useOperations((s) => s.history);
  const loaded = useOperations((s) => s.loaded);
  const error = useOperations((s) => s.historyError);
  useEffect(() => {
    void refreshOperations(client);
  }, [client]);
  const running = Object.values(progress).filter(isRunning);

  return (
    <div>
      <div className="page-head">
        <h2>Operations</h2>
        <button type="button" onClick={() => void refreshOperations(client)}>
          Refresh
        </button>
      </div>
      <section className="card" aria-labelledby="running-h">
        <h3 id="running-h">Running now</h3>
        {running.length === 0 ? (
          <p className="muted">Nothing is running. Imports and exports you start appear here with their progress.</p>
        ) : (
          running.map((p) => (
            <div key={p.operationId} className="running-op">
              <div>
                <strong>{TYPE_LABEL[p.type] ?? p.type}</strong>{' '}
                <a href={hrefFor('operations', p.operationId)} className="mono">
                  {p.operationId}
                </a>
              </div>
              <OperationProgressView operationId={p.operationId} label={`${TYPE_LABEL[p.type] ?? p.type} ${p.operationId}`} />
            </div>
          ))
        )}
      </section>
      <section className="card" aria-labelledby="history-h">
        <h3 id="history-h">History</h3>
        {error && <ErrorNote>{error}</ErrorNote>}
        {!loaded ? (
          <Spinner label="Loading the history…" />
        ) : history.length === 0 ? (
          <EmptyState title="No operations yet" action={<a href={hrefFor('import')}>Import a file</a>}>
            Every import, export and validation is recorded here, with who ran it, what it did and every error.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Type</th>
                  <th scope="col">Started</th>
                  <th scope="col">User</th>
                  <th scope="col" className="num">
                    Records
                  </th>
                  <th scope="col" className="num">
                    Written
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    Throughput
                  </th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {history.map((op) => (
                  <tr key={op.operationId}>
                    <td>
                      <StatusLabel status={op.status} dryRun={Boolean(op.dryRun ?? op.options?.dryRun)} />
                    </td>
                    <td>
                      {TYPE_LABEL[op.type] ?? op.type}
                      {op.options?.dryRun ? ' (dry run)' : ''}
                      {op.format && op.format !== 'auto' ? <span className="muted"> · {op.format}</span> : null}
                    </td>
                    <td>{formatDate(op.startedAt)}</td>
                    <td>{op.user}</td>
                    <td className="num">{formatCount(op.counts.total)}</td>
                    <td className="num">{formatCount(op.counts.successful)}</td>
                    <td className="num">{formatCount(op.counts.skipped)}</td>
                    <td className="num">{formatCount(op.counts.failed)}</td>
                    <td className="num">{formatDuration(op.durationMs)}</td>
                    <td className="num">{throughput(op)}</td>
                    <td>
                      <a href={hrefFor('operations', op.operationId)} aria-label={`Details of ${TYPE_LABEL[op.type] ?? op.type} ${op.operationId}`}>
                        Details
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function OperationDetails({ operationId }: { operationId: string }) {
  const client = useClient();
  const live = useOperations((s) => s.progress[operationId]);
  const historyVersion = useOperations((s) => s.history.length);
  const [op, setOp] = useState<OperationRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: historyVersion and the live status are triggers: reload when an operation starts or ends.
  useEffect(() => {
    client.call('getOperation', { operationId }).then(
      (r) => {
        setOp(r);
        setError(null);
      },
      (e) => setError(describeError(e)),
    );
  }, [client, operationId, historyVersion, live?.status]);

  const columns: Column<ErrorValue>[] = [
    { key: 'record', header: 'Record', width: '6rem', render: (e) => (e.record === undefined ? '' : formatCount(e.record)) },
    { key: 'field', header: 'Field', width: '9rem', render: (e) => e.field ?? '' },
    { key: 'code', header: 'Code', width: '11rem', render: (e) => <span className="mono">{e.code}</span> },
    {
      key: 'message',
      header: 'Message',
      width: 'minmax(16rem, 3fr)',
      render: (e) => (
        <span className="cell-text" title={e.message}>
          {e.message}
        </span>
      ),
    },
  ];
  const downloadErrors = () => {
    if (!op) return;
    downloadText(
      `errors-${op.operationId}.csv`,
      toCsv(
        ['record', 'field', 'code', 'message', 'file'],
        op.errors.map((e) => [e.record, e.field, e.code, e.message, e.file]),
      ),
    );
  };

  return (
    <div>
      <div className="page-head">
        <h2>
          Operation <span className="mono">{operationId}</span>
        </h2>
        <a href={hrefFor('operations')}>All operations</a>
      </div>
      {error && <ErrorNote>{error}</ErrorNote>}
      {live && isRunning(live) && (
        <section className="card">
          <OperationProgressView operationId={operationId} label="Progress" />
        </section>
      )}
      {!op && !error && <Spinner label="Loading…" />}
      {op && (
        <>
          <section className="card">
            <dl className="facts">
              <div className="fact">
                <dt>Status</dt>
                <dd>
                  <StatusLabel status={op.status} />
                </dd>
              </div>
              <div className="fact">
                <dt>Type</dt>
                <dd>
                  {TYPE_LABEL[op.type] ?? op.type}
                  {op.options?.dryRun ? ' (dry run)' : ''}
                  {op.dataType && op.dataType !== 'auto-detect' ? ` · ${op.dataType}` : ''}
                  {op.format && op.format !== 'auto' ? ` · ${op.format}` : ''}
                </dd>
              </div>
              <div className="fact">
                <dt>User</dt>
                <dd>{op.user}</dd>
              </div>
              <div className="fact">
                <dt>Started</dt>
                <dd>{formatDate(op.startedAt)}</dd>
              </div>
              <div className="fact">
                <dt>Duration</dt>
                <dd>{formatDuration(op.durationMs)}</dd>
              </div>
              <div className="fact">
                <dt>Throughput</dt>
                <dd>{throughput(op)}</dd>
              </div>
            </dl>
            <dl className="stats" aria-label="Counts">
              {(
                [
                  ['Records', op.counts.total],
                  ['Inserted', op.counts.inserted],
                  ['Overwritten', op.counts.overwritten],
                  ['Skipped', op.counts.skipped],
                  ['Failed', op.counts.failed],
                ] as const
              ).map(([label, n]) => (
                <div className="stat" key={label}>
                  <dt>{label}</dt>
                  <dd>{formatCount(n)}</dd>
                </div>
              ))}
            </dl>
            {op.relatedOperationId && (
              <p>
                {op.type === 'undo' ? 'Undid ' : 'Undone by '}
                <a href={hrefFor('operations', op.relatedOperationId)} className="mono">
                  {op.relatedOperationId}
                </a>
              </p>
            )}
            {op.files.length > 0 && (
              <>
                <h3>Files</h3>
                <FilesTable files={op.files} />
              </>
            )}
            {op.type === 'import' &&
              !op.options?.dryRun &&
              (op.status === 'completed' || op.status === 'completed_with_errors') &&
              !op.relatedOperationId &&
              op.undoable !== false && (
                <div className="actions">
                  <UndoImportButton operationId={op.operationId} onUndone={() => void refreshOperations(client)} />
                </div>
              )}
            {op.type === 'import' && !op.options?.dryRun && (
              <div className="actions">
                <RollbackMigrationButton operationId={op.operationId} onRestored={() => void refreshOperations(client)} />
              </div>
            )}
            <details>
              <summary>Options used</summary>
              <pre className="preview">{JSON.stringify(op.options, null, 2)}</pre>
            </details>
          </section>
          <section className="card" aria-labelledby="errors-h">
            <div className="page-head">
              <h3 id="errors-h">
                Errors <span className="muted">· {formatCount(op.totalErrors)}</span>
              </h3>
              <button type="button" onClick={downloadErrors} disabled={op.errors.length === 0}>
                Download errors as CSV
              </button>
            </div>
            {op.errors.length === 0 ? (
              <p className="muted">No errors.</p>
            ) : (
              <>
                <VirtualTable rows={op.errors} columns={columns} label="Errors" height={360} testId="errors-table" />
                {op.totalErrors > op.errors.length && (
                  <p className="muted small-text">
                    The history keeps the first {formatCount(op.errors.length)} of {formatCount(op.totalErrors)} errors.
                  </p>
                )}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
