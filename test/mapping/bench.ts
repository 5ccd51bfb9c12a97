/**
 * Mapping throughput, printed (never asserted): `node bin/run-ts.mjs test/mapping/bench.ts [records]`.
 * Measures the per-record mapper the import runs (mapping, transformations, template schema check, id fill),
 * the expression evaluator of computed fields, and suggestions for a wide header set.
 */
import { createRecordMapper } from '../../electron/engine/mapping/index.ts';
import { compileExpression } from '../../electron/engine/mapping/expression/index.ts';
import { suggestMapping } from '../../electron/engine/mapping/suggest.ts';
import type { Template } from '../../shared/model.ts';

const count = Number(process.argv[2] ?? 200_000);
const template = {
  name: 'bench',
  schema: {
    type: 'contexts',
    fields: [
      { name: 'title', type: 'string', required: true, description: '' },
      { name: 'createdAt', type: 'date', required: true, description: '' },
    ],
  },
} as unknown as Template;

function measure(label: string, n: number, work: (i: number) => void): void {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) work(i);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `${label.padEnd(44)} ${n.toLocaleString('en-US').padStart(9)} in ${ms.toFixed(0).padStart(6)} ms  ${Math.round((n / ms) * 1000)
      .toLocaleString('en-US')
      .padStart(10)} /s`,
  );
}

const mapper = createRecordMapper({
  mapping: {
    fieldMappings: { old_id: 'id', old_name: 'title', old_description: 'content', old_type: 'type', old_created: 'createdAt', kw: 'tags' },
    transformations: [
      { field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' },
      { field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim' },
      { field: 'title', transformation: 'trim' },
    ],
  },
  unmappedFields: 'metadata',
  recordType: 'contexts',
  template,
  validateSchema: true,
});
const row = (i: number) => ({
  old_id: String(i),
  old_name: ` Item ${i} `,
  old_description: 'Some text, with commas.',
  old_type: 'task',
  old_created: '31/01/2024 10:30',
  kw: 'a, b, c',
  extra: 'x',
});
measure('record mapper (6 fields, 3 transformations)', count, (i) => mapper(row(i), i + 1));
const { old_id: _drop, ...withoutId } = row(0);
measure('record mapper, id derived from content', count, (i) => mapper({ ...withoutId, old_name: `n${i}` }, i + 1));

const expression = compileExpression('upper(type) + ": " + title + (len(tags) > 2 ? " (many tags)" : "")');
const now = new Date();
measure('computed field expression', count, (i) => expression.evaluate({ record: { type: 'task', title: `t${i}`, tags: ['a', 'b', 'c'] }, now }));

const headers = Array.from({ length: 60 }, (_, i) => ['legacy_title', 'Body', 'Created time', 'Tags', 'Owner', 'Status'][i % 6] + (i >= 6 ? `_${i}` : ''));
measure('suggestMapping, 60 headers', 200, () => suggestMapping(headers, {}));
