/** The events the service publishes; kept apart from the contract so the preload stays tiny. */
import type { OperationFinishedEvent, OperationProgress } from './operations.ts';

export interface Events {
  'operation.progress': OperationProgress;
  'operation.finished': OperationFinishedEvent;
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['operation.progress', 'operation.finished'];
