import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createRejectsWriter } from '../../electron/engine/reimport/rejects.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-rejects-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rejected records as a file', () => {
  it('a CSV keeps its original columns and gains _error', async () => {
    const file = path.join(dir, 'r.csv');
    const w = createRejectsWriter(file, 'csv');
    w.add({ source: { Name: 'a, b', When: 'yesterday', Tags: ['x', 'y'] }, field: 'createdAt', message: 'not an ISO 8601 date-time' });
    w.add({ source: { Name: '=1+1', When: '', Tags: [] }, message: 'title is required' });
    expect(await w.close()).toBe(2);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Name', 'When', 'Tags', '_error']);
    expect(parsed.data[0]).toEqual({ Name: 'a, b', When: 'yesterday', Tags: 'x, y', _error: 'createdAt: not an ISO 8601 date-time' });
    expect(parsed.data[1]!.Name).toBe('=1+1');
  });

  it('JSON Lines, JSON and YAML stay themselves; XML becomes JSON Lines', async () => {
    for (const format of ['jsonl', 'json', 'yaml', 'xml'] as const) {
      const file = path.join(dir, `r.${format}`);
      const w = createRejectsWriter(file, format);
      w.add({ source: { id: 1 }, field: 'id', message: 'bad' });
      w.add({ source: { id: 2 }, message: 'worse' });
      await w.close();
      const text = fs.readFileSync(file, 'utf8');
      const records =
        w.format === 'json'
          ? JSON.parse(text)
          : w.format === 'yaml'
            ? YAML.parse(text)
            : text
                .trim()
                .split('\n')
                .map((l) => JSON.parse(l));
      expect(records, format).toEqual([
        { id: 1, _error: 'id: bad' },
        { id: 2, _error: 'worse' },
      ]);
      expect(w.format).toBe(format === 'xml' ? 'jsonl' : format);
    }
  });
});
