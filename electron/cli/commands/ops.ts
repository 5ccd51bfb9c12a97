/**
 * `context-store ops list|show|cancel` and `context-store undo ID`: the operation history and audit trail,
 * cancel from another shell, and undo of an import.
 */
import type { Command } from 'commander';
import type { OperationRecord, UndoResult } from '../../../shared/operations.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { describeError, formatBytes, formatNumber, printJson } from '../output.ts';
import { parseInteger } from '../parse.ts';
import { runCall } from '../run-call.ts';

export function registerOps(program: Command, cli: CliContext): void {
  const ops = program.command('ops').description('operation history: list, show and cancel imports, exports and validations');

  ops
    .command('list')
    .description('the most recent operations, newest first')
    .option('--limit <n>', 'how many (1-1000)', parseInteger('--limit', 1, 1000), 50)
    .option('--no-dry-runs', 'leave dry runs out')
    .option('--user <name>', "only this user's operations (a token name, an OS user, or desktop)")
    .option('--json', 'print exactly one JSON value (an array of operations) on stdout')
    .action(async (flags: { limit: number; user?: string; json?: boolean; dryRuns: boolean }) => {
      const list = await runCall(
        cli,
        'getOperationHistory',
        { limit: flags.limit, includeDryRuns: flags.dryRuns, ...(flags.user ? { user: flags.user } : {}) },
        { json: Boolean(flags.json), progress: false },
      );
      if (flags.json) return printJson(list);
      if (list.length === 0) return void process.stdout.write('No operations yet.\n');
      for (const op of list) process.stdout.write(`${listLine(op)}\n`);
    });

  ops
    .command('show')
    .description('everything history keeps about one operation')
    .argument('<id>', 'operation id')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (id: string, flags: { json?: boolean }) => {
      const record = await runCall(cli, 'getOperation', { operationId: id }, { json: Boolean(flags.json), progress: false });
      // A running operation (here or in another process) also shows how far it has come.
      const running = record.status === 'running' || record.status === 'pending';
      const progress = running ? await runCall(cli, 'getOperationProgress', { operationId: id }, { json: Boolean(flags.json), progress: false }) : undefined;
      if (flags.json) return printJson(progress ? { ...record, progress } : record);
      printRecord(record);
      if (progress) {
        const total = progress.totalRecords ? ` / ${progress.totalRecordsEstimated ? '~' : ''}${formatNumber(progress.totalRecords)}` : '';
        process.stdout.write(
          `  progress    ${progress.progress}% · ${progress.currentStep} · ${formatNumber(progress.currentRecord)}${total} records · ${formatNumber(progress.recordsPerSecond)} rec/s\n`,
        );
      }
    });

  ops
    .command('cancel')
    .description('cancel a running operation (from any shell); an import rolls back and writes nothing')
    .argument('<id>', 'operation id')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (id: string, flags: { json?: boolean }) => {
      const cancelled = await runCall(cli, 'cancelOperation', { operationId: id }, { json: Boolean(flags.json), progress: false });
      if (flags.json) printJson({ operationId: id, cancelled });
      else
        process.stdout.write(
          cancelled ? `Cancelled ${id}; nothing it did was kept.\n` : `${id} is not running (unknown, or already finished); nothing to cancel.\n`,
        );
      process.exitCode = cancelled ? EXIT.OK : EXIT.FAILED;
    });
}

export function registerUndo(program: Command, cli: CliContext): void {
  program
    .command('undo')
    .description('undo an import: remove what it inserted and restore what it overwrote (refused if those records changed since)')
    .argument('<id>', "the import's operation id (see `ops list`)")
    .option('--dry-run', 'say what undo would remove and restore, change nothing')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (id: string, flags: { dryRun?: boolean; json?: boolean }) => {
      const result = await runCall(cli, 'undoImport', { operationId: id, dryRun: Boolean(flags.dryRun) }, { json: Boolean(flags.json), worker: 'undo' });
      if (flags.json) printJson(result);
      else printUndo(result);
      process.exitCode = result.status === 'completed' ? EXIT.OK : EXIT.FAILED;
    });
}

function listLine(op: OperationRecord): string {
  const c = op.counts;
  const counts =
    op.type === 'import' && op.dryRun
      ? `dry run · would insert ${formatNumber(c.inserted)}, overwrite ${formatNumber(c.overwritten)}, skip ${formatNumber(c.skipped)}, reject ${formatNumber(c.failed)}`
      : op.type === 'import'
        ? `${formatNumber(c.inserted)} inserted, ${formatNumber(c.overwritten)} overwritten, ${formatNumber(c.skipped)} skipped, ${formatNumber(c.failed)} rejected`
        : op.type === 'validate'
          ? `${formatNumber(c.successful)} valid, ${formatNumber(c.failed)} invalid`
          : `${formatNumber(c.total)} records`;
  const duration = op.durationMs !== null ? ` · ${op.durationMs} ms` : '';
  const extra = op.undoable ? ' · undoable' : op.relatedOperationId ? ` · ${op.type === 'undo' ? 'undo of' : 'undone by'} ${op.relatedOperationId}` : '';
  const status = op.dryRun ? 'dry run' : op.status.replace(/_/g, ' ');
  return `${op.operationId}  ${op.startedAt}  ${op.type.padEnd(8)} ${status.padEnd(21)} ${counts}${duration} · ${op.user}${extra}`;
}

function printRecord(op: OperationRecord): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Operation ${op.operationId}`);
  out(`  type        ${op.type}${op.dataType ? ` · ${op.dataType}` : ''}${op.format ? ` · ${op.format}` : ''}`);
  out(`  status      ${op.status.replace(/_/g, ' ')}`);
  out(`  user        ${op.user}`);
  out(`  started     ${op.startedAt}`);
  out(`  finished    ${op.finishedAt ?? '—'}${op.durationMs !== null ? ` (${op.durationMs} ms)` : ''}`);
  const c = op.counts;
  out(
    `  records     ${formatNumber(c.total)} total · ${formatNumber(c.successful)} ok · ${formatNumber(c.inserted)} inserted · ${formatNumber(c.overwritten)} overwritten · ${formatNumber(c.skipped)} skipped · ${formatNumber(c.failed)} failed`,
  );
  for (const f of op.files) out(`  file        ${f.path ?? f.name} · ${formatBytes(f.bytes)}${f.sha256 ? ` · sha256 ${f.sha256}` : ''}`);
  if (op.relatedOperationId) out(`  ${op.type === 'undo' ? 'undo of    ' : 'undone by  '} ${op.relatedOperationId}`);
  if (op.type === 'import') out(`  undo        ${op.undoable ? `available: context-store undo ${op.operationId}` : 'not available'}`);
  out(`  options     ${JSON.stringify(op.options)}`);
  if (op.totalErrors > 0) {
    out(`  errors      ${formatNumber(op.totalErrors)}${op.totalErrors > op.errors.length ? ` (first ${op.errors.length} kept)` : ''}`);
    for (const e of op.errors.slice(0, 20)) out(`    ${describeError(e)}`);
  }
}

function printUndo(result: UndoResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (result.status === 'completed') {
    const verb = result.dryRun ? 'would remove' : 'removed';
    const verb2 = result.dryRun ? 'would restore' : 'restored';
    out(
      `${result.dryRun ? 'Dry run: undo' : 'Undo'} of ${result.undoneOperationId}: ${verb} ${formatNumber(result.removed)}, ${verb2} ${formatNumber(result.restored)}.`,
    );
  } else {
    out(result.error ? describeError(result.error) : `Undo of ${result.undoneOperationId} ${result.status}.`);
    for (const c of result.conflicts.slice(0, 20)) out(`  changed since: ${c.dataType} ${c.id}`);
    if (result.conflicts.length > 20) out(`  … and ${formatNumber(result.conflicts.length - 20)} more (use --json for the list)`);
  }
  out(`  operation ${result.operationId}`);
}
