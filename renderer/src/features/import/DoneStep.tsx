import { useEffect, useState } from 'react';
import type { ImportResult } from '../../../../shared/options.ts';
import type { UndoResult } from '../../../../shared/operations.ts';
import { announce } from '../../app/announcer.tsx';
import { hrefFor } from '../../app/router.ts';
import { CountBar } from '../../components/CountBar.tsx';
import { ErrorNote, InfoNote } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCount, formatDuration, plural } from '../../lib/format.ts';
import { ACTION_META } from './outcomes.ts';
import { UndoImportButton } from '../operations/UndoImportButton.tsx';
import { VerifiedLine } from '../operations/BackupActions.tsx';
import { SaveRejectsButton } from './SaveRejectsButton.tsx';
import { useImport } from './context.tsx';

const TITLES: Record<ImportResult['status'], string> = {
  completed: 'Import complete',
  completed_with_errors: 'Imported, with some records skipped',
  failed: 'The import failed — nothing was written',
  cancelled: 'Import cancelled — nothing was written',
};

/** Step 6: the summary, a link to the operation and an Undo that first shows what it would do. */
export function DoneStep({ result, operationId, onNew }: { result: ImportResult; operationId: string; onNew: () => void }) {
  const [undone, setUndone] = useState<UndoResult | null>(null);
  const wrote = result.status === 'completed' || result.status === 'completed_with_errors';
  const sourceName = useImport((s) => s.files[0]?.name);
  useEffect(() => {
    if (wrote)
      announce(
        `Imported ${plural(result.insertedRecords + result.overwrittenRecords + result.mergedRecords, 'record')}${result.failedRecords ? `, ${formatCount(result.failedRecords)} rejected` : ''}.`,
        'success',
      );
    else announce(TITLES[result.status], result.status === 'failed' ? 'error' : 'info');
  }, [result, wrote]);

  return (
    <section className="card">
      <StepHeading sub={`${formatCount(result.totalRecords)} records read in ${formatDuration(result.durationMs)}.`}>
        {undone ? 'Import undone' : TITLES[result.status]}
      </StepHeading>
      {result.error && result.status !== 'cancelled' && <ErrorNote>{describeError(result.error)}</ErrorNote>}
      {wrote && (
        <CountBar
          label="What the import did"
          parts={[
            { key: 'insert', label: 'Inserted', value: result.insertedRecords, icon: ACTION_META.insert.icon },
            { key: 'overwrite', label: 'Overwritten', value: result.overwrittenRecords, icon: ACTION_META.overwrite.icon },
            ...(result.mergedRecords + result.unchangedRecords > 0
              ? [
                  { key: 'merge', label: 'Updated', value: result.mergedRecords, icon: ACTION_META.merge.icon },
                  { key: 'unchanged', label: 'Unchanged', value: result.unchangedRecords, icon: ACTION_META.unchanged.icon },
                ]
              : []),
            { key: 'skip', label: 'Skipped', value: result.skippedRecords, icon: ACTION_META.skip.icon },
            { key: 'reject', label: 'Rejected', value: result.failedRecords, icon: ACTION_META.reject.icon },
          ]}
        />
      )}
      {wrote && !result.dryRun && !undone && <VerifiedLine operationId={operationId} />}
      {undone && (
        <InfoNote tone="success">
          The store is back as it was before this import: removed {plural(undone.removed, 'record')}, restored {plural(undone.restored, 'record')}.
        </InfoNote>
      )}
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
        {wrote && !undone && <UndoImportButton operationId={operationId} onUndone={setUndone} />}
        <SaveRejectsButton result={result} sourceName={sourceName} />
        <span className="spacer" />
        <button type="button" className="primary" onClick={onNew}>
          Start a new import
        </button>
      </div>
    </section>
  );
}
