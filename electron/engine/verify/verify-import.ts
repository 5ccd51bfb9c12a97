/**
 * `verify --after OPERATION_ID`: every record an import wrote is still in the store exactly as the import left
 * it — the import journal lists each written record, and each record carries the import's undo mark until
 * anything else changes it (older journal rows: a fingerprint computed at commit, computed again now).
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { RecordDifference, VerifyResult, VerifyTypeCounts } from '../../../shared/backup.ts';
import { RECORD_TYPES } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { ImportJournalRepository } from '../store/import-journal.ts';
import { OperationLog } from '../store/operation-log.ts';

export function verifyImport(store: Store, operationId: string, limit: number): VerifyResult {
  const started = Date.now();
  const op = new OperationLog(store.db).get(operationId);
  if (!op) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${operationId}.`, { field: 'afterOperationId' });
  if (op.type !== 'import')
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Operation ${operationId} is an ${op.type}, not an import.`, { field: 'afterOperationId' });
  const journal = new ImportJournalRepository(store.db);
  const types: VerifyTypeCounts[] = [];
  const differences: RecordDifference[] = [];
  let totalDifferences = 0;
  for (const type of RECORD_TYPES) {
    const rows = journal.check(operationId, type);
    if (rows.length === 0) continue;
    const counts: VerifyTypeCounts = { dataType: type, export: rows.length, store: 0, matching: 0, missingInStore: 0, missingInExport: 0, different: 0 };
    for (const row of rows) {
      if (!row.present) counts.missingInStore++;
      else {
        counts.store++;
        if (row.same) counts.matching++;
        else counts.different++;
      }
      if (!row.present || !row.same) {
        totalDifferences++;
        if (differences.length < limit) differences.push({ dataType: type, id: row.id, kind: row.present ? 'different' : 'missing-in-store' });
      }
    }
    types.push(counts);
  }
  const total = types.reduce((n, c) => n + c.export, 0);
  const verified = types.reduce((n, c) => n + c.matching, 0);
  return { ok: totalDifferences === 0, file: '', verified, total, types, differences, totalDifferences, durationMs: Date.now() - started };
}
