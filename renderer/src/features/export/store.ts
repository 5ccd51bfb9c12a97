/**
 * One export wizard = one store (createStore per wizard, through context). Steps as a discriminated union:
 * what (data type, filters) → format (options, preview) → destination → running → done.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Client } from '../../../../shared/contract.ts';
import type { ErrorValue } from '../../../../shared/errors.ts';
import {
  COMPRESSIONS,
  FORMAT_IDS,
  FiltersSchema,
  type Compression,
  type ExportOptionsInput,
  type ExportResult,
  type Filters,
  type FormatId,
} from '../../../../shared/options.ts';
import {
  DATA_TYPES,
  RECORD_SCHEMAS,
  RECORD_TYPES,
  type ComputedField,
  type DataType,
  type ExportPreset,
  type Mapping,
  type Template,
} from '../../../../shared/model.ts';
import { inclusiveEnd } from '../../../../shared/date-range.ts';
import { asErrorValue } from '../../lib/errors.ts';
import { newOperationId } from '../../lib/format.ts';

export type ExportStep =
  | { id: 'what' }
  | { id: 'format' }
  | { id: 'destination' }
  | { id: 'running'; operationId: string }
  | { id: 'done'; result: ExportResult; delivered: string[] };
export type ExportStepId = ExportStep['id'];
export const EXPORT_STEPS: { id: ExportStepId; label: string }[] = [
  { id: 'what', label: 'What' },
  { id: 'format', label: 'Format' },
  { id: 'destination', label: 'Destination' },
  { id: 'running', label: 'Export' },
  { id: 'done', label: 'Done' },
];

/** One row of the export's field list: a store field, whether it is written, and under which name. */
export interface ExportField {
  source: string;
  include: boolean;
  as: string;
}

/** The fields a record type has, from the contract's schema (the order the store writes them). */
export function exportableFields(dataType: DataType): string[] {
  const type = RECORD_TYPES.find((t) => t === dataType);
  return type ? Object.keys(RECORD_SCHEMAS[type].shape) : [];
}

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
  /** A shaping template: its computed fields apply; its mapping too unless the field list replaces it. */
  template: { id: string; name: string; mapping: Mapping; computedFields: ComputedField[] } | null;
  /** The field list: null writes every field as stored. */
  fields: ExportField[] | null;
  outputPath: string | null;
  /** "Changes since the last export to …": the destination's name, or null for everything the filters select. */
  sinceLastTo: string | null;
}

export interface ExportState {
  step: ExportStep;
  history: ExportStep[];
  visited: Partial<Record<ExportStepId, true>>;
  draft: ExportDraft;
  /** Bumped when a template is applied, so controls that keep their own text show the applied values. */
  applied: number;
  error: ErrorValue | null;
  dirty: boolean;
  patch(p: Partial<ExportDraft>): void;
  patchFilters(p: Partial<Filters>): void;
  /** Applies a saved template: its export options, its field selection and renaming, its computed fields. */
  applyTemplate(t: Template): void;
  /** What "Save as template" records: the mapping of the field list and every export option. */
  templateBody(): { mapping: Mapping; computedFields: ComputedField[]; exportOptions: ExportPreset };
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
      fields: null,
      outputPath: null,
      sinceLastTo: null,
    },
    applied: 0,
    error: null,
    dirty: false,
    applyTemplate: (t) => set((s) => ({ draft: draftFromTemplate(s.draft, t), applied: s.applied + 1, dirty: true })),
    templateBody: () => {
      const d = get().draft;
      return {
        mapping: fieldMapping(d.fields) ?? d.template?.mapping ?? { fieldMappings: {}, transformations: [] },
        computedFields: d.template?.computedFields ?? [],
        exportOptions: {
          dataType: d.dataType,
          format: d.format,
          includeMetadata: d.includeMetadata,
          includeBinaryData: d.includeBinaryData,
          compression: d.compression,
          filters: d.filters as ExportPreset['filters'],
          splitLargeFiles: { enabled: d.split, maxSizeBytes: Math.max(1, Math.round(d.splitMb * 1024 * 1024)) },
        },
      };
    },
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
        mapping: fieldMapping(d.fields),
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
          set((s) => ({
            step: { id: 'destination' },
            history: s.history.slice(0, -1),
            error: result.error ?? { code: 'INTERNAL', message: `The export ${result.status}.` },
          }));
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

/**
 * Whether the export writes records other than the store's (fields left out or renamed, a template's mapping or
 * computed fields): then the file cannot be compared with the store record by record, and the Done step says so
 * instead of reporting every record as different.
 */
export function reshapesRecords(draft: Pick<ExportDraft, 'fields' | 'template'>): boolean {
  if (draft.fields?.some((f) => !f.include || (f.as.trim() !== '' && f.as.trim() !== f.source))) return true;
  const t = draft.template;
  // A field list replaces the template's mapping; its computed fields are added either way.
  return Boolean(t && (t.computedFields.length > 0 || (!draft.fields && Object.keys(t.mapping.fieldMappings).length > 0)));
}

/** The field list as a mapping (store field -> output name), or undefined when it writes everything as is. */
export function fieldMapping(fields: ExportField[] | null): Mapping | undefined {
  if (!fields) return undefined;
  return { fieldMappings: Object.fromEntries(fields.filter((f) => f.include).map((f) => [f.source, f.as.trim() || f.source])), transformations: [] };
}

/** The field list a template's mapping gives, when its keys are the record type's fields (an export mapping). */
export function fieldsFromMapping(dataType: DataType, mapping: Mapping): ExportField[] | null {
  const known = exportableFields(dataType);
  const pairs = Object.entries(mapping.fieldMappings);
  if (pairs.length === 0 || !pairs.every(([from]) => known.includes(from))) return null;
  return known.map((source) => ({ source, include: source in mapping.fieldMappings, as: mapping.fieldMappings[source] ?? source }));
}

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  (list as readonly unknown[]).includes(value) ? (value as T) : undefined;

/** A draft with a template's saved options applied (values the wizard does not know are left as they were). */
export function draftFromTemplate(draft: ExportDraft, t: Template): ExportDraft {
  const o = t.transformation.exportOptions ?? {};
  const filters = o.filters ? FiltersSchema.safeParse(o.filters) : undefined;
  const dataType = oneOf(DATA_TYPES, o.dataType) ?? draft.dataType;
  const split = o.splitLargeFiles;
  return {
    ...draft,
    dataType,
    format: oneOf(FORMAT_IDS, o.format) ?? draft.format,
    compression: oneOf(COMPRESSIONS, o.compression) ?? draft.compression,
    includeMetadata: o.includeMetadata ?? draft.includeMetadata,
    includeBinaryData: o.includeBinaryData ?? draft.includeBinaryData,
    filters: filters?.success ? clean(filters.data) : draft.filters,
    split: split ? split.enabled : draft.split,
    splitMb: split ? split.maxSizeBytes / (1024 * 1024) : draft.splitMb,
    template: { id: t.id, name: t.name, mapping: t.transformation.mapping, computedFields: t.transformation.computedFields },
    fields: fieldsFromMapping(dataType, t.transformation.mapping),
  };
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
  if (filters.dateRange?.start || filters.dateRange?.end)
    out.dateRange = { start: filters.dateRange.start || undefined, end: filters.dateRange.end || undefined };
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
