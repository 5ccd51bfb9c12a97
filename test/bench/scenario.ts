/**
 * One measured piece of work, run in its own process so its peak RSS is its own:
 * `node bin/run-ts.mjs test/bench/scenario.ts import|export DB FILE FORMAT`. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { Store } from '../../electron/engine/store/store.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { ExportOptionsSchema, ImportOptionsSchema } from '../../shared/options.ts';

const [mode, db, file, format] = process.argv.slice(2);
const store = Store.open(db!);
let lastProgress = performance.now();
let longestGap = 0;
const onProgress = () => {
  const now = performance.now();
  longestGap = Math.max(longestGap, now - lastProgress);
  lastProgress = now;
};
const started = performance.now();
let records = 0;
let status = '';
if (mode === 'import') {
  const result = await runImport(store, [file!], ImportOptionsSchema.parse({ format, dataType: 'contexts', batchSize: 2000 }), { onProgress });
  records = result.successfulRecords;
  status = result.status + (result.error ? `: ${result.error.message}` : '');
} else {
  const result = await runExport(store, ExportOptionsSchema.parse({ format, dataType: 'contexts', outputPath: file }), { onProgress });
  records = result.recordCount;
  status = result.status + (result.error ? `: ${result.error.message}` : '');
}
const seconds = (performance.now() - started) / 1000;
store.close();
process.stdout.write(JSON.stringify({ mode, format, records, seconds, status, maxRssMb: process.resourceUsage().maxRSS / 1024, longestProgressGapMs: longestGap }) + '\n');
