/**
 * The service: implements every call of the shared contract against one store. The CLI, the Electron main
 * process and the HTTP host all reach the engine through this object and nothing else.
 *
 * What only some calls need (the readers and writers of every format, the source presets, mapping
 * suggestions, previews, search, restore and verify) is imported by those calls' handlers on first use: the
 * pipelines run in a worker, and a CLI run that only imports or exports one file no longer loads them all in
 * its own thread too (docs/performance.md, "Start-up"; test/cli/startup-graph.test.ts keeps it so).
 */
import path from 'node:path';
import { AppError, ERROR_CODES, toErrorValue, type Result } from '../../shared/errors.ts';
import { parseCallInput, type CallInput, type CallName, type CallOutput, type Handlers } from '../../shared/contract.ts';
import type { ExportResult, ImportResult, ValidateResult } from '../../shared/options.ts';
import { formatExtension } from '../../shared/catalogue/formats.ts';
import { Store } from './store/store.ts';
import type { OpenStoreOptions } from './store/open.ts';
import { defaultUserDataDir } from './store/paths.ts';
import { InProcessRunner, recoverInterrupted, type OperationRunner } from './operations/runner.ts';
import { WorkerRunner } from './operations/worker-runner.ts';
import type { UndoResult } from '../../shared/operations.ts';
import { createTemplate, deleteTemplate, requireTemplate, updateTemplate } from './templates.ts';
import { backupHandlers, prepareIncrementalExport, snapshotBeforeImport } from './backup/handlers.ts';
import { newId } from './pipeline/ids.ts';
import { KeptRejects } from './reimport/kept-rejects.ts';
import { withTemplateReimport } from './reimport/template-settings.ts';

export interface ServiceOptions {
  storePath: string;
  store?: OpenStoreOptions;
  /** Where exports without an explicit path go. */
  exportDir?: string;
  /** Who history says ran an operation, unless the call names someone. */
  user?: string;
  /** Builds the operation runner; the default runs each job in a worker thread (TypeScript entry via tsx). */
  runner?: (store: Store, options: ServiceOptions) => OperationRunner;
}

export class ContextStoreService {
  readonly store: Store;
  readonly runner: OperationRunner;
  readonly handlers: Handlers;
  readonly exportDir: string;
  /** Rejected records written with `keepRejects`, by operation (the wizard's "Save rejected records", REST's link). */
  readonly rejects: KeptRejects;
  private readonly user: string;

  constructor(readonly options: ServiceOptions) {
    this.store = Store.open(options.storePath, options.store);
    this.exportDir = options.exportDir ?? path.join(path.dirname(options.storePath) || defaultUserDataDir(), 'exports');
    this.user = options.user ?? defaultUser();
    this.rejects = new KeptRejects(this.exportDir);
    // Operations a dead process left `running` are closed first, so history tells the truth from the start.
    recoverInterrupted(this.store);
    // An in-memory store exists only on this connection: a worker could not see it.
    this.runner = options.runner
      ? options.runner(this.store, options)
      : this.store.path === ':memory:'
        ? new InProcessRunner(this.store)
        : new WorkerRunner(this.store);
    this.handlers = this.createHandlers();
  }

  get events() {
    return this.runner.events;
  }

  /** Validates the input against the contract and runs the handler; never throws. */
  async call<K extends CallName>(name: K, input: CallInput<K> | unknown): Promise<Result<CallOutput<K>>> {
    const parsed = parseCallInput(name, input);
    if (!parsed.ok) return { ok: false, error: { code: ERROR_CODES.BAD_ARGUMENT, message: parsed.message, field: parsed.field } };
    try {
      const handler = this.handlers[name] as (input: unknown) => Promise<CallOutput<K>>;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      return { ok: false, error: toErrorValue(error) };
    }
  }

  async close(): Promise<void> {
    await this.runner.close();
    this.store.close();
  }

  private defaultExportPath(dataType: string, format: string): string {
    const ext = formatExtension(format);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return path.join(this.exportDir, `context-store-${dataType}-${stamp}${ext}`);
  }

  private createHandlers(): Handlers {
    const store = this.store;
    const runner = this.runner;
    const who = (user?: string) => user ?? this.user;
    return {
      exportData: async ({ options, operationId }) => {
        const incremental = prepareIncrementalExport(store, {
          ...options,
          outputPath: options.outputPath ?? this.defaultExportPath(options.dataType, options.format),
        });
        const result = (await runner.run({ kind: 'export', options: incremental.options }, { operationId, user: who(options.user) })) as ExportResult;
        incremental.finish(result);
        return result;
      },
      previewExport: async ({ options, limit }) => {
        const [{ getCodec }, { countExport, exportRecords, exportWriteContext }] = await Promise.all([
          import('./formats/registry.ts'),
          import('./pipeline/export.ts'),
        ]);
        const codec = getCodec(options.format);
        const total = countExport(store, options);
        let shown = 0;
        async function* firstRecords() {
          for await (const record of exportRecords(store, options)) {
            if (shown >= limit) return;
            shown++;
            yield record;
          }
        }
        let text = '';
        for await (const chunk of codec.write(firstRecords(), exportWriteContext(options, store))) text += chunk.toString();
        return { text, shown, total };
      },
      countRecords: async ({ dataType, filters }) => ({ count: (await import('./pipeline/export.ts')).countExport(store, { dataType, filters }) }),
      importData: async ({ files, options: asked, operationId }) => {
        // A template's re-import settings first: they decide the snapshot (a merge takes one) as well as the run.
        const options = withTemplateReimport(store, asked);
        // Backups (issue 17): a large or overwriting import is preceded by a snapshot recorded on its operation.
        const id = operationId ?? newId('op');
        await snapshotBeforeImport(store, files, options, id);
        const kept = this.rejects.prepare(options, id);
        const result = (await runner.run({ kind: 'import', files, options: kept.options }, { operationId: id, user: who(options.user) })) as ImportResult;
        return this.rejects.finish(result, kept.named);
      },
      validateFile: async ({ files, options, operationId }) =>
        (await runner.run({ kind: 'validate', files, options }, { operationId, user: who(options.user) })) as ValidateResult,
      inspectFile: async ({ file, options, sampleSize, companions }) => (await import('./pipeline/inspect.ts')).inspect(file, options, sampleSize, companions),

      getOperationProgress: async ({ operationId }) => {
        const progress = runner.progress(operationId);
        if (!progress) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${operationId}.`);
        return progress;
      },
      getActiveOperations: async () => runner.active(),
      getOperationHistory: async ({ limit, includeDryRuns, user }) => runner.history(limit, { includeDryRuns, user }),
      getOperation: async ({ operationId }) => {
        const record = runner.get(operationId);
        if (!record) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${operationId}.`);
        return record;
      },
      cancelOperation: async ({ operationId }) => runner.cancel(operationId),
      saveRejectedRecords: async ({ operationId, outputPath }) => {
        const { path: saved, format, records } = this.rejects.saveCopy(operationId, outputPath);
        return { path: saved, format, records };
      },
      undoImport: async ({ operationId, dryRun, user }) => {
        if (!runner.get(operationId)) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${operationId}.`);
        return (await runner.run({ kind: 'undo', importOperationId: operationId, dryRun }, { user: who(user) })) as UndoResult;
      },

      createDataTemplate: async (input) => createTemplate(store, input),
      getDataTemplates: async () => [...store.templates.iterate()],
      getDataTemplate: async ({ id }) => requireTemplate(store, id),
      updateDataTemplate: async ({ id, template }) => updateTemplate(store, id, template),
      deleteDataTemplate: async ({ id }) => deleteTemplate(store, id),
      getTemplateVersions: async ({ id }) => store.templates.versions(requireTemplate(store, id).id),
      evaluateExpression: async ({ expression, record }) => (await import('./mapping/evaluate-call.ts')).evaluateExpression(expression, record),

      suggestMapping: async ({ fields, samples, dataType, maxUnmapped, sparseFields }) => {
        const [{ suggestMapping }, { rememberedMappings }, { ForgottenMappings }] = await Promise.all([
          import('./mapping/suggest.ts'),
          import('./mapping/remembered.ts'),
          import('./store/forgotten-mappings.ts'),
        ]);
        const forgotten = new ForgottenMappings(store.db).matcher();
        return suggestMapping(
          fields,
          samples,
          dataType,
          [...store.templates.iterate()],
          rememberedMappings(runner, fields, 200, forgotten),
          maxUnmapped,
          sparseFields,
        );
      },
      forgetMapping: async ({ source, target }) => (await import('./mapping/remembered.ts')).forgetMapping(store.db, runner, source, target),
      previewMapping: async ({ records, mapping, unmappedFields, dataType }) =>
        (await import('./pipeline/preview-mapping.ts')).previewMapping(records, mapping, unmappedFields, dataType),

      getStats: async () => ({ ...store.counts(), operations: runner.count(), storePath: store.path }),
      listContexts: async ({ filters, limit, offset }) => ({
        items: store.contexts.list(filters, limit, offset),
        total: store.contexts.count(filters),
      }),
      searchContexts: async ({ query, sessionIds, limit, offset }) => {
        const { searchContexts } = await import('./store/search.ts');
        const { hits, total } = searchContexts(store.db, query, { limit, offset, sessionIds });
        const items = hits.flatMap((h) => {
          const record = store.contexts.get(h.id);
          return record ? [{ ...record, titleSnippet: h.titleSnippet, contentSnippet: h.contentSnippet }] : [];
        });
        return { items, total };
      },
      listSessions: async ({ search, limit, offset }) => {
        const counts = store.contexts.countBySession();
        const filters = { search };
        return {
          items: store.sessions.list(filters, limit, offset).map((s) => ({ ...s, contextCount: counts.get(s.id) ?? 0 })),
          total: store.sessions.count(filters),
        };
      },
      getFormats: async () => (await import('./formats/registry.ts')).formatInfos(),
      ...backupHandlers(store),
      getSources: async () => (await import('./sources/registry.ts')).sourceInfos(),
    };
  }
}

function defaultUser(): string {
  return process.env.CONTEXT_STORE_USER || process.env.USER || process.env.USERNAME || 'local';
}
