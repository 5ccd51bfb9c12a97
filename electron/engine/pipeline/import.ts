/**
 * The import pipeline: read → map → validate → duplicate policy → write, all inside one write transaction,
 * so a failed, strict-rejected or cancelled import leaves the store exactly as it was. A dry run is the same
 * code with the write left out (and ids remembered, so duplicates inside the file are still seen); it checks every
 * record whatever the policy, and a strict one then fails at the first bad record, as the real import would.
 * The parts: the duplicate policy is a pure decision (import-decision.ts), the result is kept by a collector
 * (import-result.ts), the transaction by store/transaction.ts; this file runs them in order.
 */
import { log } from '../logging/logger.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError, ERROR_CODES, toErrorValue } from '../../../shared/errors.ts';
import type { ImportOptions, ImportResult } from '../../../shared/options.ts';
import type { AnyRecord, RecordType } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { withWriteTransaction } from '../store/transaction.ts';
import { deferSearchIndex, type SearchDeferral } from '../store/search-deferral.ts';
import { prepareRecordMapper } from '../mapping/index.ts';
import { isContentId } from '../mapping/fill.ts';
import { validateRecord } from './validate-record.ts';
import { readInputs, type InputRecord, type InputsReader } from './read-inputs.ts';
import { NO_JOURNAL, type ImportJournal } from './journal.ts';
import type { PipelineContext } from './progress.ts';
import { newId } from './ids.ts';
import { ImportBaselines } from '../store/import-baselines.ts';
import { baselineFor, findExisting, sourceIdentity, type ReimportPolicy } from '../reimport/decide.ts';
import { checkMergeRules } from '../reimport/merge-rules.ts';
import { decideRecord } from './import-decision.ts';
import { ImportResultCollector, StrictAbort } from './import-result.ts';
import { withTemplateReimport } from '../reimport/template-settings.ts';
import { singular } from '../../../shared/record-type.ts';

export interface ImportContext extends PipelineContext {
  journal?: ImportJournal;
}

/** Progress at least this often, however slow a batch is (the UI's bar: a report every 250 ms or sooner). */
const PROGRESS_EVERY_MS = 100;
/** How many records between looks at the clock: cheap enough to be free, often enough for the bar above. */
const CLOCK_EVERY = 64;

/** Where each surface offers the duplicate policy: the dry run's "Existing ids" choice, the CLI's flags. */
const DUPLICATE_CHOICE = 'the "Existing ids" choice; --skip-duplicates, --overwrite-existing or --merge on the command line';

export async function runImport(store: Store, files: string[], asked: ImportOptions, context: ImportContext = {}): Promise<ImportResult> {
  const options = withTemplateReimport(store, asked);
  const started = Date.now();
  const operationId = context.operationId ?? newId('op');
  const journal = context.journal ?? NO_JOURNAL;
  const collect = new ImportResultCollector(operationId, options);
  const result = collect.result;
  if (options.skipDuplicates && options.overwriteExisting) {
    collect.warn('Both skipDuplicates and overwriteExisting were set; existing records will be overwritten.');
  }
  const policy = policyOf(options);
  // Ids seen in this run: a dry run writes nothing, so the store alone cannot tell it about earlier records.
  const seen: Record<RecordType, Set<string>> = { contexts: new Set(), sessions: new Set(), templates: new Set() };
  const baselines = new ImportBaselines(store.db);
  const importedAt = new Date().toISOString();
  let reader: InputsReader | undefined;

  const report = (step: string) =>
    context.onProgress?.({
      step,
      recordsProcessed: result.totalRecords,
      totalRecords: null,
      bytesProcessed: reader?.bytesRead() ?? 0,
      totalBytes: reader?.totalBytes ?? null,
    });

  /** Every record of every input, through validation and the duplicate policy, into the store. */
  const readAndWrite = async () => {
    let sinceYield = 0;
    let lastReport = Date.now();
    for await (const input of reader!.records) {
      result.totalRecords++;
      for (const w of input.warnings) collect.warn(`record ${input.recordNumber}: ${w}`);
      if (input.error) collect.reject(input, input.error, input.fieldIssues);
      else {
        const checked = validateRecord(input.recordType, input.value, options.validateSchema);
        if (!checked.ok) {
          const summary = checked.issues.map((i) => `${i.field} ${i.message}`).join('; ');
          const message = `Record ${input.recordNumber} is not a valid ${singular(input.recordType)}: ${summary}`;
          collect.reject(input, { code: ERROR_CODES.VALIDATION_ERROR, message, field: checked.issues[0]?.field }, checked.issues);
        } else {
          for (const w of checked.warnings) collect.warn(`record ${input.recordNumber}: ${w}`);
          apply(input, checked.record);
        }
      }
      // Yield (and report) after a batch, or sooner when the batch runs slow: progress never goes quiet.
      if (++sinceYield >= options.batchSize || (sinceYield % CLOCK_EVERY === 0 && Date.now() - lastReport >= PROGRESS_EVERY_MS)) {
        log().debug({ records: result.totalRecords, batchSize: options.batchSize, batchRecords: sinceYield, batchMs: Date.now() - lastReport }, 'batch done');
        sinceYield = 0;
        lastReport = Date.now();
        report(options.dryRun ? 'validating' : 'writing');
        await yieldToLoop();
      }
      if (context.signal?.aborted) throw new AppError(ERROR_CODES.CANCELLED, 'The import was cancelled; nothing was written.');
    }
    result.warnings.push(...reader!.warnings.splice(0));
    collect.throwIfStrictStop();
    report('committing');
  };

  try {
    const mapper = prepareRecordMapper(options, store);
    reader = await readInputs(files, { options, mapper, signal: context.signal });
    result.inputs = reader.inputs;
    report('reading');
    if (options.dryRun) await readAndWrite();
    else {
      // New contexts reach the search index in one statement at the end (migration 012), in this transaction.
      let search: SearchDeferral | undefined;
      const work = async () => {
        search = deferSearchIndex(store.db);
        await readAndWrite();
      };
      await withWriteTransaction(store.db, work, {
        beforeCommit: () => {
          search?.catchUp();
          journal.beforeCommit?.();
        },
      });
    }
    result.status = result.failedRecords > 0 ? 'completed_with_errors' : 'completed';
  } catch (error) {
    collect.failed(error, error instanceof StrictAbort ? error.error : toErrorValue(error));
    if (reader) {
      result.inputs = reader.inputs;
      // What the reader had to say (the encoding it read the file in, what a preset skipped) explains a failure too.
      result.warnings.push(...reader.warnings.splice(0));
    }
  } finally {
    await collect.closeRejects();
  }
  collect.settleDataType();
  result.durationMs = Date.now() - started;
  return result;

  /** One valid record: the policy decides, the collector counts, and (not in a dry run) the store is written. */
  function apply(input: InputRecord, incoming: AnyRecord): void {
    const type = input.recordType;
    const repo = store.repository(type);
    const seenEarlierInDryRun = options.dryRun && seen[type].has(incoming.id);
    const existing = seenEarlierInDryRun ? undefined : findExisting(repo, baselines, type, incoming, policy.match);
    const decision = decideRecord(policy, {
      type,
      incoming,
      seenEarlierInDryRun,
      existing,
      baselineFields: existing ? baselines.get(type, existing.record.id)?.fields : undefined,
    });
    // The decision, never the record: a record number and what the policy chose.
    if (existing) log().debug({ record: input.recordNumber, dataType: type, action: decision.kind }, 'duplicate id: policy decided');
    if (decision.kind === 'merge' || decision.kind === 'unchanged' || decision.kind === 'conflict') {
      collect.conflicts(input, type, decision.kind === 'merge' ? decision.record.id : decision.id, decision.conflicts);
    }
    switch (decision.kind) {
      case 'duplicate':
        duplicate(input, decision.id);
        return;
      case 'conflict': {
        const fields = decision.conflicts.map((c) => c.field).join(', ');
        collect.reject(
          input,
          {
            code: ERROR_CODES.CONFLICT,
            message: `Record ${input.recordNumber}: ${fields} of ${singular(type)} "${decision.id}" changed both in the store and in the source (choose --on-conflict keep-local or take-source).`,
            field: decision.conflicts[0]?.field,
          },
          decision.conflicts.map((c) => ({ field: c.field, message: 'edited in the store and changed in the source' })),
        );
        return;
      }
      case 'skip':
        collect.skipped(input, decision.id);
        return;
      case 'unchanged':
        // The record as the store keeps it: what a conflict list names it by.
        collect.unchanged(input, decision.id, decision.conflicts.length > 0, existing?.record);
        return;
      case 'overwrite-earlier':
        // Dry run only: the file's later record replaces its earlier one (already remembered in `seen`).
        collect.written(input, 'overwrite', decision.record);
        return;
    }
    const record = decision.record;
    const before = decision.kind === 'insert' ? undefined : decision.before;
    collect.written(input, decision.kind, record, before, decision.kind === 'merge' ? decision.changes.map((c) => c.field) : undefined);
    // Only a dry run needs the ids it has seen: a real import finds its earlier records in the store. (Kept for
    // every record, a million-record import held a million ids for nothing.)
    if (options.dryRun) {
      seen[type].add(record.id);
      return;
    }
    if (before) {
      journal.overwritten(type, before);
      repo.replace(record, journal.mark);
    } else {
      repo.insert(record, journal.mark);
      journal.inserted(type, record.id);
    }
    // A baseline is what the next import of the same source merges against; plain bulk imports skip it.
    if (policy.merge || sourceIdentity(record)) baselines.put(baselineFor(type, record, operationId, importedAt));
  }

  function duplicate(input: InputRecord, id: string): void {
    const type = input.recordType;
    // Written by this import (a dry run remembers it; a real import's rows carry its undo mark): a repeat inside
    // the file, which "already exists" would send a person looking for in the store.
    const repeat = (options.dryRun && seen[type].has(id)) || (journal.mark !== null && store.repository(type).writtenBy(id) === journal.mark);
    const derived = isContentId(id) ? " (derived from the record's fields, as the file has no id: the two are the same)" : '';
    const message = repeat
      ? `Record ${input.recordNumber} repeats an earlier record of this import: both have the id "${id}"${derived}. Choose skip (the repeat is left out) or overwrite (the later one is kept) for existing ids (${DUPLICATE_CHOICE})`
      : `Record ${input.recordNumber}: a ${singular(type)} with id "${id}" already exists (choose skip, overwrite or merge for existing ids: ${DUPLICATE_CHOICE})`;
    collect.reject(input, { code: ERROR_CODES.DUPLICATE_ID, message, field: 'id' }, [{ field: 'id', message: `duplicate id "${id}"` }]);
  }
}

function policyOf(options: ImportOptions): ReimportPolicy {
  return {
    match: options.match ?? 'source',
    skipDuplicates: options.skipDuplicates,
    overwriteExisting: options.overwriteExisting,
    merge: options.merge ?? false,
    mergeRules: options.mergeRules ? checkMergeRules(options.mergeRules) : undefined,
    onConflict: options.onConflict ?? (options.errorHandling === 'strict' ? 'fail' : 'keep-local'),
    conflictChoices: options.conflictChoices,
  };
}
