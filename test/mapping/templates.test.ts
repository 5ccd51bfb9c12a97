import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateInput } from '../../shared/contract.ts';
import { FIXTURES, openTestStore, readJson, type TestStore } from './helpers.ts';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(async () => {
  await t.close();
});

function seedTemplate(): TemplateInput {
  const raw = readJson<Record<string, unknown>>(path.join(FIXTURES, 'legacy-template.json'));
  return { ...raw, version: 1 } as TemplateInput;
}

describe('templates', () => {
  it('create, list, get by id or name, update (version up, history kept), delete', async () => {
    const created = await t.call('createDataTemplate', seedTemplate());
    expect(created.version).toBe(1);
    expect((await t.call('getDataTemplates', {})).map((x) => x.name)).toEqual(['Legacy items']);
    expect((await t.call('getDataTemplate', { id: 'Legacy items' })).id).toBe(created.id);
    const updated = await t.call('updateDataTemplate', { id: created.id, template: { description: 'v2' } });
    expect(updated.version).toBe(2);
    const third = await t.call('updateDataTemplate', { id: 'Legacy items', template: { schema: { type: 'contexts', fields: [] } } });
    expect(third.version).toBe(3);
    const versions = await t.call('getTemplateVersions', { id: created.id });
    expect(versions.map((v) => [v.version, v.description])).toEqual([
      [1, "The old system's item export"],
      [2, 'v2'],
      [3, 'v2'],
    ]);
    expect(versions[1]!.schema.fields).toHaveLength(3);
    expect(await t.call('deleteDataTemplate', { id: created.id })).toBe(true);
    expect(await t.call('deleteDataTemplate', { id: created.id })).toBe(false);
    expect((await t.fail('getDataTemplate', { id: created.id })).code).toBe('NOT_FOUND');
  });

  it('refuses on save a template whose expression does not parse, or whose mapping cannot run', async () => {
    const base = seedTemplate();
    const withExpression = (expression: string) => ({
      ...base,
      name: `t ${expression}`,
      transformation: { ...base.transformation!, computedFields: [{ name: 'x', expression, type: 'string' as const }] },
    });
    for (const expression of ['1 +', 'shout(title)', 'title.__proto__', 'constructor', 'eval("1")', 'require("fs")', 'this.x', 'process']) {
      const error = await t.fail('createDataTemplate', withExpression(expression));
      expect(error.code, expression).toBe('VALIDATION_ERROR');
      expect(error.field, expression).toBe('transformation.computedFields.0.expression');
    }
    const badFunction = {
      ...base,
      transformation: {
        ...base.transformation!,
        mapping: { fieldMappings: {}, transformations: [{ field: 'x', transformation: 'custom' as const, customFunction: 'nope(1)' }] },
      },
    };
    expect((await t.fail('createDataTemplate', badFunction)).message).toMatch(/unknown function "nope"/);
    const created = await t.call('createDataTemplate', base);
    expect((await t.fail('updateDataTemplate', { id: created.id, template: withExpression('((') })).code).toBe('VALIDATION_ERROR');
    expect((await t.call('getDataTemplate', { id: created.id })).version).toBe(1);
    expect(await t.call('getDataTemplates', {})).toHaveLength(1);
  });

  it('templates imported as data are checked like created ones', async () => {
    const good = { id: 'tpl_a', name: 'A', createdAt: '2024-01-01T00:00:00Z', transformation: { computedFields: [{ name: 'x', expression: 'upper(title)' }] } };
    const bad = {
      id: 'tpl_b',
      name: 'B',
      createdAt: '2024-01-01T00:00:00Z',
      transformation: { computedFields: [{ name: 'x', expression: 'title.constructor' }] },
    };
    const file = t.file('templates.json', JSON.stringify({ templates: [good, bad] }));
    const result = await t.call('importData', { files: [file], options: { dataType: 'templates', errorHandling: 'lenient' } });
    expect(result.insertedRecords).toBe(1);
    expect(result.validationErrors).toEqual([
      { record: 2, field: 'transformation.computedFields.0.expression', message: expect.stringMatching(/constructor/) },
    ]);
    expect((await t.call('getDataTemplates', {})).map((x) => x.id)).toEqual(['tpl_a']);
  });

  it('on import: mapping, transformations and schema validation apply; every failing field is reported with its record', async () => {
    await t.call('createDataTemplate', seedTemplate());
    const file = t.file(
      'items.jsonl',
      [
        '{"old_id":"1","old_name":"ok","old_description":"d","old_type":"task","old_created":"31/01/2024","priority":"2"}',
        '{"old_id":"2","old_name":"","old_description":"d","old_type":"task","old_created":"","priority":"high"}',
        '{"old_id":"3","old_name":"fine","old_description":"d","old_type":"task","old_created":"01/02/2024"}',
      ].join('\n'),
    );
    const result = await t.call('importData', { files: [file], options: { template: 'Legacy items', errorHandling: 'lenient' } });
    expect(result.status).toBe('completed_with_errors');
    expect(result.insertedRecords).toBe(2);
    expect(result.validationErrors).toEqual([
      { record: 2, field: 'title', message: 'is required' },
      { record: 2, field: 'priority', message: expect.stringMatching(/must be a number/) },
    ]);
    expect(result.errors[0]).toMatchObject({ record: 2, code: 'VALIDATION_ERROR' });
    expect(result.errors[0]!.error).toMatch(/title is required; priority must be a number/);
    const stored = (await t.call('listContexts', { limit: 10 })).items.find((c) => c.id === '1')!;
    expect(stored).toMatchObject({ title: 'ok', createdAt: '2024-01-31T00:00:00.000Z', metadata: { priority: '2' } });

    // validate reports the same, and writes nothing.
    const checked = await t.call('validateFile', { files: [file], options: { template: 'Legacy items' } });
    expect(checked.invalidRecords).toBe(1);
    expect(checked.validationErrors.map((v) => `${v.record}:${v.field}`)).toEqual(['2:title', '2:priority']);
  });

  it("a schema that describes the file's own fields is checked at their targets, after transformations", async () => {
    const base = seedTemplate();
    await t.call('createDataTemplate', {
      ...base,
      name: 'Source schema',
      schema: {
        type: 'object',
        fields: [
          { name: 'old_id', type: 'string', required: true, description: '' },
          { name: 'old_name', type: 'string', required: true, description: '' },
          { name: 'old_created', type: 'date', required: true, description: '' },
        ],
      },
    });
    const ok = await t.call('importData', { files: [path.join(FIXTURES, 'legacy-items.jsonl')], options: { template: 'Source schema', dryRun: true } });
    expect(ok).toMatchObject({ status: 'completed', insertedRecords: 4 });
    const file = t.file('missing.jsonl', '{"old_id":"9","old_name":"","old_description":"d","old_type":"t","old_created":"31/01/2024"}\n');
    const bad = await t.call('importData', { files: [file], options: { template: 'Source schema', errorHandling: 'lenient' } });
    expect(bad.validationErrors).toEqual([{ record: 1, field: 'old_name', message: 'is required' }]);
  });

  it('an unknown template is a bad argument before anything is read', async () => {
    const result = await t.call('importData', { files: [path.join(FIXTURES, 'legacy-items.jsonl')], options: { template: 'nope' } });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'BAD_ARGUMENT', field: 'template' });
    const exported = await t.call('exportData', { options: { template: 'nope', outputPath: path.join(t.dir, 'x.json') } });
    expect(exported.error).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(fs.existsSync(path.join(t.dir, 'x.json'))).toBe(false);
  });

  it('on export: the mapping selects and renames fields (read backwards for an import template) and computed fields are added', async () => {
    await t.call('createDataTemplate', seedTemplate());
    await t.call('importData', { files: [path.join(FIXTURES, 'legacy-items.jsonl')], options: { template: 'Legacy items' } });
    const out = path.join(t.dir, 'out.json');
    const before = Date.now();
    const result = await t.call('exportData', { options: { format: 'json', template: 'Legacy items', outputPath: out } });
    expect(result.status).toBe('completed');
    const records = readJson<Record<string, unknown>[]>(out);
    expect(records).toHaveLength(4);
    const first = records.find((r) => r.old_id === '1001')!;
    expect(Object.keys(first)).toEqual(['old_id', 'old_name', 'old_description', 'old_type', 'old_created', 'exportedAt', 'label']);
    expect(first).toMatchObject({ old_name: 'Server migration', old_created: '2024-01-31T00:00:00.000Z', label: 'TASK: Server migration' });
    expect(Date.parse(first.exportedAt as string)).toBeGreaterThanOrEqual(before - 1000);
    // One instant for the whole export.
    expect(new Set(records.map((r) => r.exportedAt)).size).toBe(1);

    // An export template written the other way round (store field -> output name), with no schema type.
    await t.call('createDataTemplate', {
      name: 'Slim',
      schema: { type: 'object', fields: [] },
      transformation: {
        mapping: { fieldMappings: { title: 'Heading', 'metadata.missing': 'Nothing' }, transformations: [] },
        computedFields: [{ name: 'chars', expression: 'len(content)', type: 'number' }],
      },
    });
    const slim = path.join(t.dir, 'slim.jsonl');
    await t.call('exportData', { options: { format: 'jsonl', template: 'Slim', outputPath: slim } });
    const lines = fs
      .readFileSync(slim, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.Heading === 'Vendor call')).toEqual({ Heading: 'Vendor call', chars: 'Discussed pricing, terms.'.length });
  });

  it('evaluateExpression tries an expression on a record', async () => {
    expect(await t.call('evaluateExpression', { expression: 'upper(title) + "!"', record: { title: 'hi' } })).toEqual({ value: 'HI!' });
    expect((await t.fail('evaluateExpression', { expression: 'title.__proto__', record: {} })).code).toBe('BAD_ARGUMENT');
    expect((await t.fail('evaluateExpression', { expression: 'number(title)', record: { title: 'x' } })).code).toBe('TRANSFORM_ERROR');
  });
});
