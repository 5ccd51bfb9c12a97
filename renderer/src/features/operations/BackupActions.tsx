/**
 * Issue 17's small UI pieces: "Verified: N of N" after an import or an export, and "Roll back this migration"
 * for an import that took a snapshot first (a dry run of the restore first, then the real one).
 */
import { useEffect, useState } from 'react';
import type { RestoreResult, SnapshotInfo, VerifyResult } from '../../../../shared/backup.ts';
import { announce } from '../../app/announcer.tsx';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote, Spinner } from '../../components/States.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCount, plural } from '../../lib/format.ts';

const DIFFERENCE_TEXT: Record<VerifyResult['differences'][number]['kind'], string> = {
  'missing-in-store': 'not in the store',
  'missing-in-export': 'in the store, not in the file',
  different: 'different in the store',
};

/** Verifies an export file, or an import by its operation, and says how many records matched. */
export function VerifiedLine(props: { operationId: string } | { file: string; passphrase?: string }) {
  const client = useClient();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const operationId = 'operationId' in props ? props.operationId : undefined;
  const file = 'file' in props ? props.file : undefined;
  const passphrase = 'file' in props ? props.passphrase : undefined;
  useEffect(() => {
    let live = true;
    const input = operationId !== undefined ? { afterOperationId: operationId } : { file, passphrase };
    client.call('verifyExport', input).then(
      (r) => live && setResult(r),
      (e) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [client, operationId, file, passphrase]);
  if (error)
    return (
      <p className="muted small-text" data-testid="verified">
        Not verified: {error}
      </p>
    );
  if (!result) return <Spinner label="Verifying against the store…" />;
  return (
    <div data-testid="verification">
      <p data-testid="verified" className={result.ok ? undefined : 'error-text'}>
        <span aria-hidden="true">{result.ok ? '✓' : '⚠'}</span> Verified: {formatCount(result.verified)} of {formatCount(result.total)}
        {!result.ok && ` · ${plural(result.totalDifferences, 'difference')}`}
      </p>
      {!result.ok && result.differences.length > 0 && (
        <ul className="small-text" data-testid="verify-differences" aria-label="Differences between the source and the store">
          {result.differences.map((d) => (
            <li key={`${d.dataType}:${d.id}:${d.kind}`}>
              {d.dataType} <span className="mono">{d.id}</span>: {DIFFERENCE_TEXT[d.kind]}
              {d.fields?.length ? ` (${d.fields.join(', ')})` : ''}
            </li>
          ))}
          {result.totalDifferences > result.differences.length && (
            <li>… and {formatCount(result.totalDifferences - result.differences.length)} more (`context-store verify` lists them all)</li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Shown on an import's details when a snapshot was taken before it. */
export function RollbackMigrationButton({ operationId, onRestored }: { operationId: string; onRestored: () => void }) {
  const client = useClient();
  const [snapshot, setSnapshot] = useState<SnapshotInfo | null>(null);
  const [plan, setPlan] = useState<RestoreResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.call('listSnapshots', { operationId }).then(
      (list) => setSnapshot(list.find((s) => s.reason === 'before-import') ?? null),
      () => setSnapshot(null),
    );
  }, [client, operationId]);
  if (!snapshot) return null;

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'Comparing the snapshot with the store…' : 'Restoring the snapshot…');
    setError(null);
    try {
      const r = await client.call('restoreStore', { beforeOperationId: operationId, dryRun });
      if (dryRun) setPlan(r);
      else {
        setPlan(null);
        announce('The store is back as it was before this import; the state before the roll-back is kept as a snapshot.', 'success');
        onRestored();
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <button type="button" data-testid="rollback-migration" onClick={() => void run(true)} disabled={!!busy}>
        Roll back this migration…
      </button>
      {busy && <Spinner label={busy} />}
      {error && <ErrorNote>{error}</ErrorNote>}
      <Dialog
        open={!!plan}
        title="Roll back this migration?"
        onClose={() => setPlan(null)}
        actions={
          <>
            <button type="button" autoFocus onClick={() => setPlan(null)}>
              Keep the store as it is
            </button>
            <button type="button" className="danger" onClick={() => void run(false)}>
              Restore the snapshot
            </button>
          </>
        }
      >
        {plan && (
          <div data-testid="rollback-plan">
            <p>
              The store goes back to the snapshot taken before this import ({new Date(snapshot.createdAt).toLocaleString()}). The current store is kept as a
              snapshot first.
            </p>
            <ul>
              {plan.changes.map((c) => (
                <li key={c.dataType}>
                  {c.dataType}: {formatCount(c.current)} now → {formatCount(c.restored)} ({formatCount(c.removed)} removed, {formatCount(c.added)} back,{' '}
                  {formatCount(c.changed)} changed)
                </li>
              ))}
            </ul>
          </div>
        )}
      </Dialog>
    </>
  );
}
