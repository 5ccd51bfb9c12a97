import { StepHeading } from '../../components/StepHeading.tsx';
import { OperationProgressView } from '../operations/OperationProgressView.tsx';
import { hrefFor } from '../../app/router.ts';

/** Step 5: the import runs as an operation; this only shows it. Cancel rolls everything back. */
export function RunningStep({ operationId, expectedRecords }: { operationId: string; expectedRecords?: number }) {
  return (
    <section className="card">
      <StepHeading sub="The import runs in one transaction: Cancel rolls it back and leaves the store as it was. You can leave this page; it keeps running.">
        Importing
      </StepHeading>
      <OperationProgressView operationId={operationId} label="Import progress" knownTotal={expectedRecords} />
      <p className="muted small-text">
        Operation <a href={hrefFor('operations', operationId)}>{operationId}</a>
      </p>
    </section>
  );
}
