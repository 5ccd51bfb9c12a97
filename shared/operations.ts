/** Operations: what runs (export, import, validate, undo), how far it has come, and what history keeps. */
import type { ErrorValue } from './errors.ts';

export const OPERATION_TYPES = ['export', 'import', 'validate', 'undo'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OPERATION_STATUSES = ['pending', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const FINISHED_STATUSES: readonly OperationStatus[] = ['completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted'];

export interface OperationProgress {
  operationId: string;
  type: OperationType;
  status: OperationStatus;
  /** 0-100, never going backwards. */
  progress: number;
  currentStep: string;
  currentRecord: number;
  /** Known, or estimated from bytes read so far while the reader has not reached the end. */
  totalRecords: number | null;
  totalRecordsEstimated: boolean;
  bytesProcessed: number;
  totalBytes: number | null;
  recordsPerSecond: number;
  /** ISO date-time, once there is enough to estimate it. */
  estimatedCompletion: string | null;
  startedAt: string;
  finishedAt?: string;
}

export interface OperationFileInfo {
  name: string;
  path?: string;
  bytes: number;
  sha256?: string;
}

export interface OperationCounts {
  total: number;
  successful: number;
  inserted: number;
  skipped: number;
  overwritten: number;
  failed: number;
}

/** One line of the persistent history and audit trail. Options never carry secrets. */
export interface OperationRecord {
  operationId: string;
  type: OperationType;
  status: OperationStatus;
  user: string;
  dataType: string | null;
  format: string | null;
  options: Record<string, unknown>;
  files: OperationFileInfo[];
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: OperationCounts;
  errors: ErrorValue[];
  totalErrors: number;
  /** For undo: the import this undid; for an import: the undo that reverted it, if any. */
  relatedOperationId?: string | null;
  undoable?: boolean;
  /** An import or undo that only said what it would do: history shows it as such, never as a change. */
  dryRun?: boolean;
}

export interface OperationFinishedEvent {
  operationId: string;
  type: OperationType;
  status: OperationStatus;
  result: unknown;
}

export interface UndoResult {
  operationId: string;
  undoneOperationId: string;
  status: 'completed' | 'refused' | 'failed';
  dryRun: boolean;
  removed: number;
  restored: number;
  /** Records a later change touched, which make undo refuse. */
  conflicts: { dataType: string; id: string }[];
  error?: ErrorValue;
}
