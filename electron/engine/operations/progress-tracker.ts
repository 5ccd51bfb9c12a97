/**
 * Progress at a steady pace: a pipeline reports whenever it likes; the tracker keeps the state monotonic
 * (percent and records never go backwards), estimates the total from bytes while it is unknown, and emits at
 * most one event per interval. `tick` re-emits between reports, so listeners hear at least every
 * PROGRESS_INTERVAL_MS while an operation runs, even through a long batch.
 */
import type { OperationProgress, OperationStatus, OperationType } from '../../../shared/operations.ts';
import type { PipelineProgress } from '../pipeline/progress.ts';

export const PROGRESS_INTERVAL_MS = 200;
const ETA_SMOOTHING = 0.3;

export class ProgressTracker {
  readonly state: OperationProgress;
  private lastEmit = 0;
  private eta: number | undefined;
  private readonly startedMs: number;

  constructor(
    operationId: string,
    type: OperationType,
    private readonly emit: (p: OperationProgress) => void,
    startedAt = new Date().toISOString(),
  ) {
    this.startedMs = Date.parse(startedAt);
    this.state = {
      operationId,
      type,
      status: 'running',
      progress: 0,
      currentStep: 'starting',
      currentRecord: 0,
      totalRecords: null,
      totalRecordsEstimated: false,
      bytesProcessed: 0,
      totalBytes: null,
      recordsPerSecond: 0,
      estimatedCompletion: null,
      startedAt,
    };
  }

  setStatus(status: OperationStatus, step: string): void {
    this.state.status = status;
    this.state.currentStep = step;
    this.flush();
  }

  update(p: PipelineProgress, force = false): void {
    const s = this.state;
    const stepChanged = s.currentStep !== p.step;
    s.currentStep = p.step;
    s.currentRecord = Math.max(s.currentRecord, p.recordsProcessed);
    s.bytesProcessed = Math.max(s.bytesProcessed, p.bytesProcessed);
    if (p.totalBytes !== null) s.totalBytes = p.totalBytes;
    const elapsed = (Date.now() - this.startedMs) / 1000;
    s.recordsPerSecond = elapsed > 0 ? Math.round(s.currentRecord / elapsed) : 0;
    let fraction: number | null = null;
    if (p.totalRecords !== null && p.totalRecords > 0) {
      s.totalRecords = p.totalRecords;
      s.totalRecordsEstimated = false;
      fraction = s.currentRecord / p.totalRecords;
    } else if (s.totalBytes && s.totalBytes > 0) {
      fraction = s.bytesProcessed / s.totalBytes;
      // Unknown record count: estimate it from the bytes read so far.
      if (fraction > 0 && s.currentRecord > 0) {
        s.totalRecords = Math.max(s.currentRecord, Math.round(s.currentRecord / fraction));
        s.totalRecordsEstimated = true;
      }
    }
    if (fraction !== null) {
      // Never backwards, and 100 only when finished.
      s.progress = Math.max(s.progress, Math.min(99, Math.floor(fraction * 100)));
      if (fraction > 0.01 && elapsed > 1) {
        // Smoothed, so the estimate does not jump with every batch (UX.md).
        const raw = Date.now() + ((1 - Math.min(1, fraction)) / fraction) * elapsed * 1000;
        this.eta = this.eta === undefined ? raw : this.eta + ETA_SMOOTHING * (raw - this.eta);
        s.estimatedCompletion = new Date(Math.max(Date.now(), this.eta)).toISOString();
      }
    }
    if (force || stepChanged || Date.now() - this.lastEmit >= PROGRESS_INTERVAL_MS) this.flush();
  }

  /** Called on a timer: re-emits the current state when nothing was emitted for a whole interval. */
  tick(): void {
    if (Date.now() - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    const elapsed = (Date.now() - this.startedMs) / 1000;
    if (elapsed > 0) this.state.recordsPerSecond = Math.round(this.state.currentRecord / elapsed);
    this.flush();
  }

  finish(status: OperationStatus): void {
    this.state.status = status;
    if (status === 'completed' || status === 'completed_with_errors') {
      this.state.progress = 100;
      if (this.state.totalRecordsEstimated) {
        this.state.totalRecords = this.state.currentRecord;
        this.state.totalRecordsEstimated = false;
      }
    }
    this.state.currentStep = status;
    this.state.finishedAt = new Date().toISOString();
    this.state.estimatedCompletion = null;
    this.flush();
  }

  private flush(): void {
    this.lastEmit = Date.now();
    this.emit({ ...this.state });
  }
}
