/** The messages between a runner and its pipeline worker. Plain data both ways; secrets travel apart from the job. */
import type { PipelineProgress } from '../pipeline/progress.ts';
import type { Job } from './jobs.ts';
import type { OperationMeta, PerformedOperation } from './perform.ts';

export type ToWorker =
  | {
      type: 'run';
      job: Job;
      meta: OperationMeta;
      storePath: string;
      /** JSON of the job's secrets (passphrases), transferred so no copy stays behind in the sender. */
      secrets?: ArrayBuffer;
    }
  | { type: 'cancel'; operationId: string };

export type FromWorker =
  | { type: 'progress'; operationId: string; progress: PipelineProgress }
  | { type: 'performed'; operationId: string; performed: PerformedOperation }
  | { type: 'persisted'; operationId: string; error?: string };
