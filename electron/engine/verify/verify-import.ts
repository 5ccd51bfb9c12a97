/**
 * `verify --after OPERATION_ID`: every record an import wrote is still in the store exactly as the import left
 * it — the import journal keeps each written record's fingerprint, computed by SQL when the import committed
 * (after mapping), and it is computed again now.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { RecordDifference, VerifyResult, VerifyTypeCounts } from '../../../shared/backup.ts';
import { RECORD_TYPES } from '../../../shared/model.ts';
import type { Store } from '../store/store.ts';
import { ensureFingerprintFunction, fingerprintSql, tableOf } from '../operations/fingerprint.ts';

export function verifyImport(store: Store, operationId: string, limit: number): VerifyResult {
  const started = Date.now();
  const op = store.db.prepare('SELECT type, status FROM operations WHERE id = ?').get(operationId) as { type: string; status: string } | undefined;
  if (!op) throw new AppError(ERROR_CODES.NOT_FOUND, `No operation with id ${operationId}.`, { field: 'afterOperationId' });
  if (op.type !== 'import') throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Operation ${operationId} is an ${op.type}, not an import.`, { field: 'afterOperationId' });
  ensureFingerprintFunction(store.db);
  const types: VerifyTypeCounts[] = [];
  const differences: RecordDifference[] = [];
  let totalDifferences = 0;
  for (const type of RECORD_TYPES) {
    const rows = store.db
      .prepare(
        `SELECT j.record_id AS id, t.id IS NOT NULL AS present, ${fingerprintSql(type)} IS j.fingerprint AS same
           FROM import_journal j LEFT JOIN ${tableOf(type)} t ON t.id = j.record_id
          WHERE j.operation_id = ? AND j.data_type = ?`,
      )
      .all(operationId, type) as { id: string; present: number; same: number }[];
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
