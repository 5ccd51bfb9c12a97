/** Issue 18: a dry run groups rejections by the reason the reader stated, not by parsing message text. */
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { importOptions, tempDir, tempStore, writeFile } from '../helpers.ts';

describe('rejection reasons as data', () => {
  it('one group for the same fault in rows of two files, whatever their line numbers and file names', async () => {
    const dir = tempDir();
    const store = tempStore(dir);
    const header = 'id,title,content,createdAt';
    const a = writeFile(dir, 'a.csv', `${header}\n1,One,x,2024-01-01T00:00:00Z\n2,Two\n3,Three,x,2024-01-01T00:00:00Z\n`);
    const b = writeFile(dir, 'b.csv', `${header}\n4,Four\n5,Five\n`);
    const result = await runImport(store, [a, b], importOptions({ dryRun: true, errorHandling: 'lenient', format: 'csv' }));
    expect(result.failedRecords).toBe(3);
    const rejected = result.reasonCounts!.filter((r) => r.action === 'reject');
    expect(rejected).toEqual([{ action: 'reject', reason: 'has 2 fields but the header has 4; the row was not imported (nothing is shifted).', count: 3 }]);
    // The messages a user reads still say which line of which file.
    expect(result.errors.map((e) => e.error)).toEqual([
      expect.stringMatching(/^a\.csv: Line 3 /),
      expect.stringMatching(/^b\.csv: Line 2 /),
      expect.stringMatching(/^b\.csv: Line 3 /),
    ]);
    store.close();
  });
});
