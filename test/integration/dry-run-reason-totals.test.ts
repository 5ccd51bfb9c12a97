/** Issue 19: a dry run's reason counts are totals; only the list of example outcomes is capped. */
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { OUTCOME_LIST_CAP } from '../../shared/options.ts';
import { reasonGroupsOf, outcomesOf } from '../../renderer/src/features/import/outcomes.ts';
import { context, importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

describe('dry-run reason counts', () => {
  it('count every rejected record, past the outcome list cap', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const bad = OUTCOME_LIST_CAP + 500;
    const lines = [context('ok1'), ...Array.from({ length: bad }, (_, i) => ({ id: `bad${i}`, title: 't', content: 'c' }))];
    const file = writeFile(dir, 'many.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const result = await runImport(store, [file], importOptions({ dryRun: true, errorHandling: 'lenient' }));
    expect(result.failedRecords).toBe(bad);
    expect(result.outcomes).toHaveLength(OUTCOME_LIST_CAP);
    const rejected = result.reasonCounts!.filter((r) => r.action === 'reject');
    expect(rejected.reduce((n, r) => n + r.count, 0)).toBe(bad);
    const groups = reasonGroupsOf(result, outcomesOf(result));
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(bad);
    store.close();
  });
});
