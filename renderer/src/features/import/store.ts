/**
 * One import wizard = one store (zustand `createStore`, handed down through context), so closing the wizard
 * disposes its draft and two wizards never share one. The step is a discriminated union: each variant
 * carries only what that step needs; the draft (files, options, mapping rows) lives beside it and survives
 * Back. Mapping edits are undoable (zundo keeps only the rows' history).
 */
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import type { Client, InspectResult, MappingSuggestion } from '../../../../shared/contract.ts';
import {
  emptyImportResult,
  ImportOptionsSchema,
  type ConflictChoice,
  type ImportOptionsInput,
  type ImportResult,
  type ErrorHandling,
  type FormatId,
  type MatchMode,
  type RecordConflictChoice,
} from '../../../../shared/options.ts';
import type { ImportDataType, Mapping, TemplateReimport } from '../../../../shared/model.ts';
import type { ErrorValue } from '../../../../shared/errors.ts';
import type { SourceFile } from '../../app/services.tsx';
import { asErrorValue } from '../../lib/errors.ts';
import { newOperationId } from '../../lib/format.ts';
import { allExact, buildMapping, isIdentity, rowsFromMapping, rowsFromSuggestion, type MappingRow } from './mapping-model.ts';
import { recordTypeOr } from '../../../../shared/record-type.ts';
import { isManifestName, isPartName } from '../../../../shared/file-names.ts';
import { presetIdInUse, presetReadOptions, type SourceOptionChoices, type SourceOptionValue } from './source-options.ts';

export type ImportStep =
  | { id: 'source' }
  | { id: 'detect' }
  | { id: 'mapping' }
  | { id: 'dryrun'; result: ImportResult }
  /** `expectedRecords`: what the dry run it was started from counted (the progress shows it, not an estimate). */
  | { id: 'running'; operationId: string; expectedRecords?: number }
  | { id: 'done'; result: ImportResult; operationId: string };
export type ImportStepId = ImportStep['id'];
export const IMPORT_STEPS: { id: ImportStepId; label: string }[] = [
  { id: 'source', label: 'Source' },
  { id: 'detect', label: 'Detect' },
  { id: 'mapping', label: 'Mapping' },
  { id: 'dryrun', label: 'Dry run' },
  { id: 'running', label: 'Import' },
  { id: 'done', label: 'Done' },
];

export type DuplicatePolicy = 'reject' | 'skip' | 'overwrite' | 'merge';
export interface ImportDraftOptions {
  validateSchema: boolean;
  duplicates: DuplicatePolicy;
  errorHandling: ErrorHandling;
  batchSize: number;
  /** How a record already in the store is found; undefined: the engine's default (source identity, else id). */
  match?: MatchMode;
  /** Merge rules per field (`{ title: 'local' }`); the engine's defaults fill the rest. */
  mergeRules?: Record<string, string>;
  /** Conflicts of records without an answer of their own ("for all"); undefined: the error policy's default. */
  onConflict?: ConflictChoice;
}

/** An error shown next to what caused it: `where` names the control. */
export interface StepError {
  where: 'source' | 'passphrase' | 'detect' | 'mapping' | 'dryrun' | 'run';
  error: ErrorValue;
}

export interface ImportState {
  step: ImportStep;
  history: ImportStep[];
  visited: Partial<Record<ImportStepId, ImportStep>>;
  busy: string | null;
  error: StepError | null;
  files: SourceFile[];
  passphrase: string;
  needsPassphrase: boolean;
  format: 'auto' | FormatId;
  delimiter: string;
  /** A text encoding chosen in the Detect step ('auto': detected). */
  encoding: string;
  /** JSON and XML: where the records are (a dot path, a JSON Pointer or XML path); '' = found by the engine. */
  root: string;
  /** A source preset id to force, `none` for none, '' to detect (the engine lists them: getSources). */
  source: string;
  /** The preset options the user chose, by preset id (the engine declares them; defaults are not stored). */
  sourceOptions: SourceOptionChoices;
  dataType: ImportDataType;
  inspection: InspectResult | null;
  suggestion: MappingSuggestion | null;
  suggestionsUnavailable: boolean;
  appliedTemplate: { name: string; matched: number; total: number } | null;
  skippedMapping: boolean;
  /** The mapping rows: the only part of the state with undo/redo. */
  rows: MappingRow[];
  options: ImportDraftOptions;
  /** True once the user changed anything: Esc then asks before discarding. */
  dirty: boolean;
  /** The user's answer per conflicting record, by the store's id (the dry run's `conflicts[].id`). */
  conflictChoices: Record<string, RecordConflictChoice>;

  setFiles(files: SourceFile[]): Promise<void>;
  setDetectOption(patch: Partial<Pick<ImportState, 'passphrase' | 'format' | 'delimiter' | 'encoding' | 'root' | 'dataType' | 'source'>>): void;
  /** Sets one option of a preset and reads the file again, so the preview and the counts follow it. */
  setSourceOption(presetId: string, name: string, value: SourceOptionValue): Promise<void>;
  inspect(): Promise<void>;
  /** Forgets what earlier imports taught the suggestion for this field, and shows the fresh suggestion. */
  forgetRemembered(source: string): Promise<void>;
  continueFromDetect(): Promise<void>;
  setRows(update: (rows: MappingRow[]) => MappingRow[]): void;
  /** Applies a template: its mapping, and its re-import settings (match, merge, rules, conflict choice) when it has them. */
  applyMapping(mapping: Mapping, name: string, reimport?: TemplateReimport): void;
  /** The draft's re-import settings, as a template keeps them (undefined when they are all defaults). */
  reimportSettings(): TemplateReimport | undefined;
  setOptions(patch: Partial<ImportDraftOptions>): void;
  /** One record's answer, or (without an id) the same answer for every conflict of the run. */
  chooseConflict(choice: RecordConflictChoice, recordId?: string): Promise<void>;
  dryRun(): Promise<void>;
  /** The dry run again on the dry-run step, after a change made there (re-import policy, conflict answers). */
  recheck(): Promise<void>;
  run(): Promise<void>;
  back(): void;
  jump(id: ImportStepId): void;
  mapping(): Mapping | undefined;
  importOptions(dryRun: boolean): ImportOptionsInput;
}

export type ImportStore = ReturnType<typeof createImportStore>;

/**
 * The wizard starts from the contract's defaults, the ones the CLI and the REST API use (strict, duplicates
 * rejected): one default on every surface. The dry-run step shows the policy beside Run to change it.
 */
export function defaultDraftOptions(): ImportDraftOptions {
  const d = ImportOptionsSchema.parse({});
  return {
    validateSchema: d.validateSchema,
    duplicates: d.overwriteExisting ? 'overwrite' : d.skipDuplicates ? 'skip' : 'reject',
    errorHandling: d.errorHandling,
    batchSize: d.batchSize,
  };
}

/** The file to inspect among several: a split export's manifest speaks for all its parts. */
export function primaryFile(files: SourceFile[]): SourceFile | undefined {
  return files.find((f) => isManifestName(f.name)) ?? files[0];
}

/** The files to hand to the import: with a manifest, the manifest alone (it names and checks its parts). */
export function importPaths(files: SourceFile[]): string[] {
  const hasManifest = files.some((f) => isManifestName(f.name));
  return files.filter((f) => !hasManifest || !isPartName(f.name)).map((f) => f.path);
}

/** The Detect step's choices as the engine's read options: the same for inspectFile and importData. */
type ReadChoices = Pick<ImportState, 'format' | 'dataType' | 'passphrase' | 'delimiter' | 'encoding' | 'root' | 'source' | 'sourceOptions' | 'inspection'>;
function readOptions(s: ReadChoices) {
  return {
    ...presetReadOptions(presetIdInUse(s.source, s.inspection?.input.source?.id), s.sourceOptions),
    format: s.format,
    dataType: s.dataType,
    passphrase: s.passphrase || undefined,
    delimiter: s.delimiter || undefined,
    encoding: s.encoding === 'auto' ? undefined : s.encoding,
    root: s.root.trim() || undefined,
    source: s.source || undefined,
  };
}

type ImportData = { [K in keyof ImportState as ImportState[K] extends (...args: never[]) => unknown ? never : K]: ImportState[K] };

/** A wizard before any file: the state Esc and a new import start from. */
const INITIAL_STATE: ImportData = {
  step: { id: 'source' },
  history: [],
  visited: { source: { id: 'source' } },
  busy: null,
  error: null,
  files: [],
  passphrase: '',
  needsPassphrase: false,
  format: 'auto',
  delimiter: '',
  encoding: 'auto',
  root: '',
  source: '',
  sourceOptions: {},
  dataType: 'auto-detect',
  inspection: null,
  suggestion: null,
  suggestionsUnavailable: false,
  appliedTemplate: null,
  skippedMapping: false,
  rows: [],
  options: defaultDraftOptions(),
  dirty: false,
  conflictChoices: {},
};

export function createImportStore(client: Client) {
  const store = createStore<ImportState>()(
    temporal(
      (set, get) => {
        const go = (step: ImportStep, opts: { replace?: boolean } = {}) =>
          set((s) => ({
            step,
            history: opts.replace ? s.history : [...s.history, s.step],
            visited: { ...s.visited, [step.id]: step },
            error: null,
            busy: null,
          }));
        /** A change to what the dry run checked makes its result stale: the stepper no longer offers it. */
        const staleDryRun = (s: ImportState): Partial<ImportState> => {
          if (s.step.id === 'dryrun' || !s.visited.dryrun) return {};
          const { dryrun: _stale, ...visited } = s.visited;
          return { visited };
        };
        const fail = (where: StepError['where'], error: unknown) => set({ busy: null, error: { where, error: asErrorValue(error) } });

        /**
         * Each reading of the file is numbered: options changed quickly ask for several, and an answer that
         * comes back after a newer one was asked for must not replace it (nor its suggestions, nor `busy`).
         */
        let readings = 0;
        /** The same for dry runs: two conflict choices in quick succession ask for two checks, the last one counts. */
        let checks = 0;
        const loadSuggestions = async (inspection: InspectResult, isCurrent: () => boolean) => {
          const dataType = recordTypeOr(inspection.input.dataType);
          let suggestion: MappingSuggestion | null = null;
          let unavailable = false;
          try {
            suggestion = await client.call('suggestMapping', {
              fields: inspection.fields,
              samples: inspection.samples as Record<string, unknown[]>,
              dataType,
              sparseFields: inspection.sparseFields,
            });
          } catch (error) {
            unavailable = true;
            console.warn('suggestMapping failed', error);
          }
          if (!isCurrent()) return;
          const rows = rowsFromSuggestion(inspection.fields, suggestion);
          set({ suggestion, suggestionsUnavailable: unavailable, rows, appliedTemplate: suggestion?.matchedTemplate ?? null });
          store.temporal.getState().clear();
          // A template applied by itself brings its re-import settings too, as one chosen by hand does.
          const matched = suggestion?.matchedTemplate;
          if (matched) {
            const template = await client.call('getDataTemplate', { id: matched.id }).catch(() => null);
            if (template?.reimport && isCurrent()) set((s) => ({ options: { ...s.options, ...draftFromReimport(template.reimport!) } }));
          }
        };

        return {
          ...INITIAL_STATE,

          async setFiles(files) {
            set({ files, dirty: true, inspection: null, rows: [], needsPassphrase: false, passphrase: '', visited: { source: { id: 'source' } } });
            go({ id: 'detect' });
            await get().inspect();
          },

          setDetectOption(patch) {
            set((s) => ({ ...patch, dirty: true, ...staleDryRun(s) }));
          },

          async setSourceOption(presetId, name, value) {
            set((s) => ({
              sourceOptions: { ...s.sourceOptions, [presetId]: { ...s.sourceOptions[presetId], [name]: value } },
              dirty: true,
              ...staleDryRun(s),
            }));
            await get().inspect();
          },

          async inspect() {
            const file = primaryFile(get().files);
            if (!file) return;
            const reading = ++readings;
            const isCurrent = () => reading === readings;
            set({ busy: 'Reading the file…', error: null });
            try {
              // The other files dropped with it: those of the same export are read with it, as the import will.
              const companions = importPaths(get().files).filter((p) => p !== file.path);
              const inspection = await client.call('inspectFile', {
                file: file.path,
                options: readOptions(get()),
                sampleSize: 50,
                ...(companions.length ? { companions } : {}),
              });
              if (!isCurrent()) return;
              // needsPassphrase stays as it was: a file that opened needed none, or the one given.
              set({ inspection });
              await loadSuggestions(inspection, isCurrent);
              if (isCurrent()) set({ busy: null });
            } catch (error) {
              if (!isCurrent()) return;
              const value = asErrorValue(error);
              if (value.code === 'PASSPHRASE_REQUIRED' || value.code === 'DECRYPT_FAILED') {
                set({ needsPassphrase: true, inspection: null });
                fail('passphrase', value);
              } else {
                set({ inspection: null });
                fail('detect', value);
              }
            }
          },

          async forgetRemembered(source) {
            const inspection = get().inspection;
            if (!inspection) return;
            const dataType = recordTypeOr(inspection.input.dataType);
            try {
              await client.call('forgetMapping', { source });
              const suggestion = await client.call('suggestMapping', {
                fields: inspection.fields,
                samples: inspection.samples as Record<string, unknown[]>,
                dataType,
                sparseFields: inspection.sparseFields,
              });
              // Only this field's row is replaced: the user's edits of the others stay.
              const fresh = rowsFromSuggestion(inspection.fields, suggestion).find((r) => r.source === source);
              set((s) => ({ suggestion, rows: s.rows.map((r) => (r.source === source && fresh ? fresh : r)) }));
            } catch (error) {
              fail('mapping', error);
            }
          },

          async continueFromDetect() {
            const { rows, inspection } = get();
            // A mixed export (contexts, sessions and templates together) is the app's own: nothing to map.
            if (inspection?.input.dataType === 'all' || allExact(rows)) {
              // Nothing to ask: straight to the dry run, the mapping step still reachable from the stepper.
              set((s) => ({ skippedMapping: true, visited: { ...s.visited, mapping: { id: 'mapping' } } }));
              await get().dryRun();
              if (get().step.id !== 'dryrun') go({ id: 'mapping' });
            } else {
              set({ skippedMapping: false });
              go({ id: 'mapping' });
            }
          },

          setRows(update) {
            set((s) => ({ rows: update(s.rows), dirty: true, ...staleDryRun(s) }));
          },

          applyMapping(mapping, name, reimport) {
            const inspection = get().inspection;
            if (!inspection) return;
            const rows = rowsFromMapping(inspection.fields, mapping);
            const matched = rows.filter((r) => r.target).length;
            set((s) => ({
              rows,
              dirty: true,
              appliedTemplate: { name, matched, total: rows.length },
              options: reimport ? { ...s.options, ...draftFromReimport(reimport) } : s.options,
              ...staleDryRun(s),
            }));
          },

          reimportSettings() {
            const { duplicates, match, mergeRules, onConflict } = get().options;
            const merge = duplicates === 'merge';
            if (!merge && !match) return undefined;
            return { match, merge, ...(merge ? { mergeRules, onConflict } : {}) };
          },

          setOptions(patch) {
            set((s) => ({ options: { ...s.options, ...patch }, dirty: true, ...staleDryRun(s) }));
          },

          mapping() {
            const { rows } = get();
            // A mixed or preset import's records arrive typed: the engine maps only the mapping's type (contexts)
            // and passes the rest, so the edits a person made apply as the preview showed them.
            if (rows.length === 0 || isIdentity(rows)) return undefined;
            return buildMapping(rows);
          },

          importOptions(dryRun) {
            const s = get();
            const mapping = s.mapping();
            return {
              ...readOptions(s),
              validateSchema: s.options.validateSchema,
              skipDuplicates: s.options.duplicates === 'skip',
              overwriteExisting: s.options.duplicates === 'overwrite',
              merge: s.options.duplicates === 'merge',
              match: s.options.match,
              mergeRules: s.options.duplicates === 'merge' ? s.options.mergeRules : undefined,
              onConflict: s.options.duplicates === 'merge' ? s.options.onConflict : undefined,
              conflictChoices: s.options.duplicates === 'merge' && Object.keys(s.conflictChoices).length ? s.conflictChoices : undefined,
              batchSize: s.options.batchSize,
              // A dry run checks every record whatever the policy (a strict one would stop at the first bad
              // record and hide the counts); the policy applies to the run itself.
              errorHandling: dryRun && s.options.errorHandling === 'strict' ? 'lenient' : s.options.errorHandling,
              dryRun,
              mapping,
              unmappedFields: mapping?.unmappedFields === 'drop' ? 'drop' : 'metadata',
              // Rejected records are kept as a file in the source's format: "Save rejected records".
              keepRejects: true,
            };
          },

          async dryRun() {
            const check = ++checks;
            set({ busy: 'Checking every record…', error: null });
            try {
              const result = await client.call('importData', { files: importPaths(get().files), options: get().importOptions(true) });
              // A choice made while this ran asked for a newer check: its answer is the one to show.
              if (check !== checks) return;
              if (result.error && result.totalRecords === 0) return fail('dryrun', result.error);
              // A dry run again from the dry run (the duplicate policy changed) replaces the one shown.
              go({ id: 'dryrun', result }, { replace: get().step.id === 'dryrun' });
            } catch (error) {
              if (check !== checks) return;
              fail(get().step.id === 'mapping' ? 'mapping' : 'dryrun', error);
            }
          },

          async chooseConflict(choice, recordId) {
            if (recordId) set((s) => ({ conflictChoices: { ...s.conflictChoices, [recordId]: choice }, dirty: true }));
            // "For all": the run's policy, so records beyond the dry run's capped list follow it too.
            else set((s) => ({ conflictChoices: {}, options: { ...s.options, onConflict: choice }, dirty: true }));
            await get().recheck();
          },

          async recheck() {
            if (get().step.id !== 'dryrun') return get().dryRun();
            const check = ++checks;
            set({ busy: 'Checking every record again…', error: null });
            try {
              const result = await client.call('importData', { files: importPaths(get().files), options: get().importOptions(true) });
              if (check !== checks) return;
              if (result.error && result.totalRecords === 0) return fail('dryrun', result.error);
              set((s) => ({ step: { id: 'dryrun', result }, visited: { ...s.visited, dryrun: { id: 'dryrun', result } }, busy: null }));
            } catch (error) {
              if (check !== checks) return;
              fail('dryrun', error);
            }
          },

          async run() {
            const operationId = newOperationId('imp');
            const from = get().step;
            go({ id: 'running', operationId, ...(from.id === 'dryrun' ? { expectedRecords: from.result.totalRecords } : {}) });
            set({ busy: 'Importing…' });
            try {
              const result = await client.call('importData', { files: importPaths(get().files), options: get().importOptions(false), operationId });
              set({ dirty: false });
              go({ id: 'done', result, operationId }, { replace: true });
            } catch (error) {
              if (asErrorValue(error).code === 'CANCELLED') {
                set({ dirty: false });
                go({ id: 'done', result: cancelledResult(operationId, asErrorValue(error)), operationId }, { replace: true });
                return;
              }
              // The run never started (or the connection dropped): back to the dry run, the error beside Run.
              const previous = get().visited.dryrun;
              set((s) => ({ step: previous ?? { id: 'mapping' }, history: s.history.slice(0, -1) }));
              fail('run', error);
            }
          },

          back() {
            const { history, step } = get();
            if (step.id === 'running' || history.length === 0) return;
            set({ step: history[history.length - 1]!, history: history.slice(0, -1), error: null });
          },

          jump(id) {
            const { visited, step } = get();
            const target = visited[id];
            if (!target || step.id === 'running' || target.id === step.id) return;
            go(target);
          },
        };
      },
      {
        partialize: (state) => ({ rows: state.rows }),
        equality: (a, b) => a.rows === b.rows,
        limit: 100,
      },
    ),
  );
  return store;
}

/** A template's re-import settings as the wizard's draft options. */
function draftFromReimport(reimport: TemplateReimport): Partial<ImportDraftOptions> {
  const patch: Partial<ImportDraftOptions> = {};
  if (reimport.merge) patch.duplicates = 'merge';
  if (reimport.match) patch.match = reimport.match;
  if (reimport.mergeRules) patch.mergeRules = reimport.mergeRules;
  if (reimport.onConflict) patch.onConflict = reimport.onConflict;
  return patch;
}

function cancelledResult(operationId: string, error: ErrorValue): ImportResult {
  return emptyImportResult(operationId, { status: 'cancelled', error });
}
