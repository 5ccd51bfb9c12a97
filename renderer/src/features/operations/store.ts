/**
 * The operations store: owns progress and history for the whole app, fed by the service's events. Wizards
 * only keep an operation's id, so an import keeps running (and stays visible) when its wizard closes.
 */
import { create } from 'zustand';
import type { Client } from '../../../../shared/contract.ts';
import type { OperationProgress, OperationRecord } from '../../../../shared/operations.ts';
import { FINISHED_STATUSES } from '../../../../shared/operations.ts';

interface OperationsState {
  /** Latest progress per operation id (running ones, and finished ones until history is reloaded). */
  progress: Record<string, OperationProgress>;
  history: OperationRecord[];
  historyError: string | null;
  loaded: boolean;
  /** Operations the user asked to cancel that have not stopped yet: the button says "Cancelling…". */
  cancelling: Record<string, true>;
}

export const useOperations = create<OperationsState>(() => ({ progress: {}, history: [], historyError: null, loaded: false, cancelling: {} }));

/** Applies a progress event; never lets a bar go backwards even if events arrive out of order. */
export function applyProgress(event: OperationProgress): void {
  useOperations.setState((state) => {
    const previous = state.progress[event.operationId];
    const merged =
      previous && previous.progress > event.progress && !FINISHED_STATUSES.includes(event.status) ? { ...event, progress: previous.progress } : event;
    return { progress: { ...state.progress, [event.operationId]: merged } };
  });
}

export async function refreshOperations(client: Client): Promise<void> {
  try {
    const [active, history] = await Promise.all([client.call('getActiveOperations', {}), client.call('getOperationHistory', { limit: 200 })]);
    useOperations.setState((state) => {
      const progress = { ...state.progress };
      for (const p of active) progress[p.operationId] = p;
      return { progress, history, loaded: true, historyError: null };
    });
  } catch (error) {
    useOperations.setState({ historyError: error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error), loaded: true });
  }
}

export async function cancelOperation(client: Client, operationId: string): Promise<boolean> {
  useOperations.setState((s) => ({ cancelling: { ...s.cancelling, [operationId]: true } }));
  try {
    return await client.call('cancelOperation', { operationId });
  } catch {
    useOperations.setState((s) => {
      const { [operationId]: _drop, ...rest } = s.cancelling;
      return { cancelling: rest };
    });
    return false;
  }
}

/** Subscribes once per client; returns the unsubscribe. */
export function connectOperations(client: Client): () => void {
  const offProgress = client.subscribe('operation.progress', applyProgress);
  const offFinished = client.subscribe('operation.finished', (event) => {
    useOperations.setState((s) => {
      const { [event.operationId]: _done, ...cancelling } = s.cancelling;
      const previous = s.progress[event.operationId];
      const progress = previous
        ? { ...s.progress, [event.operationId]: { ...previous, status: event.status, progress: event.status === 'completed' ? 100 : previous.progress } }
        : s.progress;
      return { cancelling, progress };
    });
    void refreshOperations(client);
  });
  void refreshOperations(client);
  return () => {
    offProgress();
    offFinished();
  };
}

export const isRunning = (p: OperationProgress): boolean => !FINISHED_STATUSES.includes(p.status);
