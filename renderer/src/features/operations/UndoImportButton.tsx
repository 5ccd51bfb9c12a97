/**
 * Undo of an import: first a dry run that says what undo would remove and restore, then the real thing.
 * Used by the import wizard's result and by an import's operation details.
 */
import { useState } from 'react';
import type { UndoResult } from '../../../../shared/operations.ts';
import { announce } from '../../app/announcer.tsx';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote, Spinner } from '../../components/States.tsx';
import { describeError } from '../../lib/errors.ts';
import { plural } from '../../lib/format.ts';

export function UndoImportButton({ operationId, onUndone }: { operationId: string; onUndone: (r: UndoResult) => void }) {
  const client = useClient();
  const [plan, setPlan] = useState<UndoResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const planUndo = async () => {
    setBusy('Working out what undo would change…');
    setError(null);
    try {
      setPlan(await client.call('undoImport', { operationId, dryRun: true }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };
  const undo = async () => {
    setPlan(null);
    setBusy('Undoing the import…');
    try {
      const r = await client.call('undoImport', { operationId, dryRun: false });
      if (r.status === 'completed') {
        announce(`Undone: removed ${plural(r.removed, 'record')}, restored ${plural(r.restored, 'record')}.`, 'success');
        onUndone(r);
      } else setError(r.error ? describeError(r.error) : `Undo was refused: ${plural(r.conflicts.length, 'record')} changed after this import.`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void planUndo()} disabled={!!busy}>
        Undo this import…
      </button>
      {busy && <Spinner label={busy} />}
      {error && <ErrorNote>{error}</ErrorNote>}
      <Dialog
        open={!!plan}
        title="Undo this import?"
        onClose={() => setPlan(null)}
        actions={
          <>
            <button type="button" autoFocus onClick={() => setPlan(null)}>
              Keep the import
            </button>
            <button type="button" className="danger" disabled={plan?.status === 'refused'} onClick={() => void undo()}>
              Undo import
            </button>
          </>
        }
      >
        {plan &&
          (plan.status === 'refused' ? (
            <p>
              Undo is not possible: {plural(plan.conflicts.length, 'record')} changed after this import (
              {plan.conflicts
                .slice(0, 5)
                .map((c) => c.id)
                .join(', ')}
              {plan.conflicts.length > 5 ? ', …' : ''}).
            </p>
          ) : (
            <p data-testid="undo-plan">
              This would remove {plural(plan.removed, 'record')} the import added and restore {plural(plan.restored, 'record')} it overwrote.
            </p>
          ))}
      </Dialog>
    </>
  );
}
