import { useEffect, useState } from 'react';
import type { ImportResult } from '../../../../shared/options.ts';
import type { UndoResult } from '../../../../shared/operations.ts';
import { announce } from '../../app/announcer.tsx';
import { hrefFor } from '../../app/router.ts';
import { useClient } from '../../app/services.tsx';
import { CountBar } from '../../components/CountBar.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote, InfoNote, Spinner } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { describeError, isNotImplemented } from '../../lib/errors.ts';
import { formatCount, formatDuration, plural } from '../../lib/format.ts';
import { ACTION_META } from './outcomes.ts';

const TITLES: Record<ImportResult['status'], string> = {
  completed: 'Import complete',
  completed_with_errors: 'Imported, with some records skipped',
  failed: 'The import failed — nothing was written',
  cancelled: 'Import cancelled — nothing was written',
};

/** Step 6: the summary, a link to the operation and an Undo that first shows what it would do. */
export function DoneStep({ result, operationId, onNew }: { result: ImportResult; operationId: string; onNew: () => void }) {
  const client = useClient();
  const [undoPlan, setUndoPlan] = useState<UndoResult | null>(null);
  const [undone, setUndone] = useState<UndoResult | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const wrote = result.status === 'completed' || result.status === 'completed_with_errors';
  useEffect(() => {
    if (wrote) announce(`Imported ${plural(result.insertedRecords + result.overwrittenRecords, 'record')}${result.failedRecords ? `, ${formatCount(result.failedRecords)} rejected` : ''}.`, 'success');
    else announce(TITLES[result.status], result.status === 'failed' ? 'error' : 'info');
  }, [result, wrote]);

  const planUndo = async () => {
    setBusy('Working out what undo would change…');
    setUndoError(null);
    try {
      setUndoPlan(await client.call('undoImport', { operationId, dryRun: true }));
    } catch (e) {
      setUndoError(isNotImplemented(e) ? 'Undo is not available in this version yet. Nothing was changed.' : describeError(e));
    } finally {
      setBusy(null);
    }
  };
  const doUndo = async () => {
    setUndoPlan(null);
    setBusy('Undoing the import…');
    try {
      const r = await client.call('undoImport', { operationId, dryRun: false });
      if (r.status === 'completed') {
        setUndone(r);
        announce(`Undone: removed ${plural(r.removed, 'record')}, restored ${plural(r.restored, 'record')}.`, 'success');
      } else setUndoError(r.error ? describeError(r.error) : `Undo was refused: ${r.conflicts.length} records were changed after this import.`);
    } catch (e) {
      setUndoError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card">
      <StepHeading sub={`${formatCount(result.totalRecords)} records read in ${formatDuration(result.durationMs)}.`}>{undone ? 'Import undone' : TITLES[result.status]}</StepHeading>
      {result.error && result.status !== 'cancelled' && <ErrorNote>{describeError(result.error)}</ErrorNote>}
      {wrote && (
        <CountBar
          label="What the import did"
          parts={[
            { key: 'insert', label: 'Inserted', value: result.insertedRecords, icon: ACTION_META.insert.icon },
            { key: 'overwrite', label: 'Overwritten', value: result.overwrittenRecords, icon: ACTION_META.overwrite.icon },
            { key: 'skip', label: 'Skipped', value: result.skippedRecords, icon: ACTION_META.skip.icon },
            { key: 'reject', label: 'Rejected', value: result.failedRecords, icon: ACTION_META.reject.icon },
          ]}
        />
      )}
      {undone && (
        <InfoNote tone="success">
          The store is back as it was before this import: removed {plural(undone.removed, 'record')}, restored {plural(undone.restored, 'record')}.
        </InfoNote>
      )}
      {undoError && <ErrorNote>{undoError}</ErrorNote>}
      <p>
        <a href={hrefFor('operations', operationId)} data-testid="operation-link">
          See operation {operationId}
        </a>
        {wrote && (
          <>
            {' · '}
            <a href={hrefFor('store')}>Browse the store</a>
          </>
        )}
      </p>
      <div className="actions">
        {wrote && !undone && (
          <button type="button" onClick={() => void planUndo()} disabled={!!busy}>
            Undo this import…
          </button>
        )}
        {busy && <Spinner label={busy} />}
        <span className="spacer" />
        <button type="button" className="primary" onClick={onNew}>
          Start a new import
        </button>
      </div>
      <Dialog
        open={!!undoPlan}
        title="Undo this import?"
        onClose={() => setUndoPlan(null)}
        actions={
          <>
            <button type="button" autoFocus onClick={() => setUndoPlan(null)}>
              Keep the import
            </button>
            <button type="button" className="danger" disabled={undoPlan?.status === 'refused'} onClick={() => void doUndo()}>
              Undo import
            </button>
          </>
        }
      >
        {undoPlan &&
          (undoPlan.status === 'refused' ? (
            <p>
              Undo is not possible: {plural(undoPlan.conflicts.length, 'record')} changed after this import ({undoPlan.conflicts.slice(0, 5).map((c) => c.id).join(', ')}
              {undoPlan.conflicts.length > 5 ? ', …' : ''}).
            </p>
          ) : (
            <p data-testid="undo-plan">
              This would remove {plural(undoPlan.removed, 'record')} the import added and restore {plural(undoPlan.restored, 'record')} it overwrote.
            </p>
          ))}
      </Dialog>
    </section>
  );
}
