/**
 * One export wizard = one store (createStore per wizard, through context). Steps as a discriminated union:
 * what (data type, filters) → format (options, preview) → destination → running → done.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Client } from '../../../../shared/contract.ts';
import type { ErrorValue } from '../../../../shared/errors.ts';
import type { Compression, ExportOptionsInput, ExportResult, Filters, FormatId } from '../../../../shared/options.ts';
import { inclusiveEnd } from '../../../../shared/date-range.ts';
import type { DataType } from '../../../../shared/model.ts';
import { asErrorValue } from '../../lib/errors.ts';
import { newOperationId } from '../../lib/format.ts';

export type ExportStep = { id: 'what' } | { id: 'format' } | { id: 'destination' } | { id: 'running'; operationId: string } | { id: 'done'; result: ExportResult; delivered: string[] };
export type ExportStepId = ExportStep['id'];
export const EXPORT_STEPS: { id: ExportStepId; label: string }[] = [
  { id: 'what', label: 'What' },
  { id: 'format', label: 'Format' },
  { id: 'destination', label: 'Destination' },
  { id: 'running', label: 'Export' },
  { id: 'done', label: 'Done' },
];

export interface ExportDraft {
  dataType: DataType;
  filters: Filters;
  format: FormatId;
  includeMetadata: boolean;
  includeBinaryData: boolean;
  compression: Compression;
  encrypt: boolean;
  passphrase: string;
  passphraseConfirm: string;
  split: boolean;
  splitMb: number;
  template: { id: string; name: string } | null;
  outputPath: string | null;
  /** "Changes since the last export to …": the destination's name, or null for everything the filters select. */
  sinceLastTo: string | null;
}

export interface ExportState {
  step: ExportStep;
  history: ExportStep[];
  visited: Partial<Record<ExportStepId, true>>;
  draft: ExportDraft;
  error: ErrorValue | null;
  dirty: boolean;
  patch(p: Partial<ExportDraft>): void;
  patchFilters(p: Partial<Filters>): void;
  go(step: ExportStep): void;
  back(): void;
  jump(id: ExportStepId): void;
  options(): ExportOptionsInput;
  passphraseProblem(): string | null;
  start(deliver: (r: ExportResult) => Promise<string[]>): Promise<void>;
}

export function createExportStore(client: Client) {
  return createStore<ExportState>()((set, get) => ({
    step: { id: 'what' },
    history: [],
    visited: { what: true },
    draft: {
      dataType: 'contexts',
      filters: {},
      format: 'json',
      includeMetadata: true,
      includeBinaryData: false,
      compression: 'none',
      encrypt: false,
      passphrase: '',
      passphraseConfirm: '',
      split: false,
      splitMb: 50,
      template: null,
      outputPath: null,
      sinceLastTo: null,
    },
    error: null,
    dirty: false,
    patch: (p) => set((s) => ({ draft: { ...s.draft, ...p }, dirty: true })),
    patchFilters: (p) => set((s) => ({ draft: { ...s.draft, filters: clean({ ...s.draft.filters, ...p }) }, dirty: true })),
    go: (step) => set((s) => ({ step, history: [...s.history, s.step], visited: { ...s.visited, [step.id]: true }, error: null })),
    back: () => {
      const { history, step } = get();
      if (step.id === 'running' || history.length === 0) return;
      set({ step: history[history.length - 1]!, history: history.slice(0, -1), error: null });
    },
    jump: (id) => {
      const { visited, step } = get();
      if (!visited[id] || step.id === 'running' || step.id === 'done' || id === 'running' || id === 'done') return;
      get().go({ id } as ExportStep);
    },
    options: () => {
      const d = get().draft;
      return {
        dataType: d.dataType,
        format: d.format,
        includeMetadata: d.includeMetadata,
        includeBinaryData: d.includeBinaryData,
        filters: inclusiveEnd(d.filters),
        compression: d.compression,
        encryption: { enabled: d.encrypt, algorithm: 'aes-256-gcm', passphrase: d.encrypt ? d.passphrase : undefined },
        splitLargeFiles: { enabled: d.split, maxSizeBytes: Math.max(1, Math.round(d.splitMb * 1024 * 1024)) },
        template: d.template?.id,
        outputPath: d.outputPath ?? undefined,
        ...(d.sinceLastTo ? { since: 'last' as const, destination: d.sinceLastTo } : {}),
      };
    },
    passphraseProblem: () => {
      const d = get().draft;
      if (!d.encrypt) return null;
      if (d.passphrase.length < 8) return 'Use a passphrase of at least 8 characters.';
      if (d.passphrase !== d.passphraseConfirm) return 'The two passphrases differ. Type the same passphrase twice.';
      return null;
    },
    start: async (deliver) => {
      const operationId = newOperationId('exp');
      get().go({ id: 'running', operationId });
      try {
        const result = await client.call('exportData', { options: get().options(), operationId });
        if (result.status !== 'completed') {
          set((s) => ({ step: { id: 'destination' }, history: s.history.slice(0, -1), error: result.error ?? { code: 'INTERNAL', message: `The export ${result.status}.` } }));
          return;
        }
        let delivered: string[] = [];
        try {
          delivered = await deliver(result);
        } catch (e) {
          set({ error: asErrorValue(e) });
        }
        set((s) => ({ step: { id: 'done', result, delivered }, dirty: false, draft: { ...s.draft, passphrase: '', passphraseConfirm: '' } }));
      } catch (e) {
        set((s) => ({ step: { id: 'destination' }, history: s.history.slice(0, -1), error: asErrorValue(e) }));
      }
    },
  }));
}

/** A date-only end ("until 2024-01-31") includes that whole day: the store's rule, from shared/. */
export { inclusiveEnd };

/** Drops empty filter entries, so "no filter" is never sent as an empty list. */
function clean(filters: Filters): Filters {
  const out: Filters = {};
  if (filters.types?.length) out.types = filters.types;
  if (filters.tags?.length) out.tags = filters.tags;
  if (filters.sessionIds?.length) out.sessionIds = filters.sessionIds;
  if (filters.importance?.length) out.importance = filters.importance;
  if (filters.search) out.search = filters.search;
  if (filters.dateRange?.start || filters.dateRange?.end) out.dateRange = { start: filters.dateRange.start || undefined, end: filters.dateRange.end || undefined };
  return out;
}

export type ExportStore = StoreApi<ExportState>;
export const ExportStoreContext = createContext<ExportStore | null>(null);
export function useExport<T>(selector: (s: ExportState) => T): T {
  const store = useContext(ExportStoreContext);
  if (!store) throw new Error('Export store missing');
  return useStore(store, selector);
}
export function useExportApi(): ExportStore {
  const store = useContext(ExportStoreContext);
  if (!store) throw new Error('Export store missing');
  return store;
}
