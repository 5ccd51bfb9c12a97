/**
 * One operation's live progress: "3,120 / 10,000 records · 1,240 rec/s · about 2 min left". Shown after
 * half a second (quick work never flashes a bar), determinate once the total is known, ETA only after five
 * seconds and smoothed, and a Cancel that says "Cancelling…" until the worker has really stopped.
 */
import { useEffect, useRef, useState } from 'react';
import type { OperationProgress } from '../../../../shared/operations.ts';
import { useClient } from '../../app/services.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { formatCount, formatEta } from '../../lib/format.ts';
import { cancelOperation, isRunning, useOperations } from './store.ts';

export function progressText(p: OperationProgress | undefined, smoothedRate: number | null): string {
  if (!p) return 'Starting…';
  const total = p.totalRecords !== null ? ` / ${p.totalRecordsEstimated ? '~' : ''}${formatCount(p.totalRecords)}` : '';
  const parts = [`${formatCount(p.currentRecord)}${total} records`];
  if (p.recordsPerSecond > 0) parts.push(`${formatCount(smoothedRate ?? p.recordsPerSecond)} rec/s`);
  const elapsed = (Date.now() - Date.parse(p.startedAt)) / 1000;
  if (elapsed >= 5 && p.totalRecords && smoothedRate && smoothedRate > 0 && isRunning(p))
    parts.push(formatEta(Math.max(0, (p.totalRecords - p.currentRecord) / smoothedRate)));
  return parts.join(' · ');
}

/**
 * The engine estimates a file's records from its bytes (`~47,215`); a dry run of the same import counted them
 * (50,000). A count the caller knows replaces the estimate, not a count the engine has.
 */
export function withKnownTotal(p: OperationProgress | undefined, knownTotal: number | undefined): OperationProgress | undefined {
  if (!p || knownTotal === undefined || (p.totalRecords !== null && !p.totalRecordsEstimated)) return p;
  return { ...p, totalRecords: knownTotal, totalRecordsEstimated: false };
}

export function OperationProgressView({
  operationId,
  label,
  cancellable = true,
  knownTotal,
}: {
  operationId: string;
  label: string;
  cancellable?: boolean;
  /** The records a dry run of this same import counted. */
  knownTotal?: number;
}) {
  const client = useClient();
  const progress = withKnownTotal(
    useOperations((s) => s.progress[operationId]),
    knownTotal,
  );
  const cancelling = useOperations((s) => !!s.cancelling[operationId]);
  const [visible, setVisible] = useState(false);
  const rate = useRef<number | null>(null);

  useEffect(() => {
    const t = setTimeout(() => setVisible(true), 500);
    return () => clearTimeout(t);
  }, []);
  useEffect(() => {
    if (!progress || progress.recordsPerSecond <= 0) return;
    // Exponential smoothing: the rate (and so the ETA) does not jump with every event.
    rate.current = rate.current === null ? progress.recordsPerSecond : rate.current * 0.7 + progress.recordsPerSecond * 0.3;
  }, [progress]);

  const determinate = progress && progress.totalRecords !== null;
  return (
    <div className="op-progress" data-testid={`progress-${operationId}`}>
      {visible || progress ? (
        <ProgressBar
          label={label}
          value={determinate ? progress.progress : null}
          text={`${progress?.currentStep ? `${progress.currentStep} · ` : ''}${progressText(progress, rate.current)}`}
        />
      ) : (
        <p className="muted">Starting…</p>
      )}
      {cancellable && (!progress || isRunning(progress)) && (
        <button type="button" className="danger" disabled={cancelling} onClick={() => void cancelOperation(client, operationId)}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}
