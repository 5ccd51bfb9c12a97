/**
 * Two readers for an export's pages (store/page-helper.ts, record-pages.ts withHelper): the pages come out the
 * same, in the same order, whether a helper thread read some of them, none of them, or failed half-way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageHelper } from '../../electron/engine/store/page-helper.ts';
import { isRun, isStoredCells, type JsonRunOptions } from '../../electron/engine/store/repositories.ts';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import type { Store } from '../../electron/engine/store/store.ts';
import { context, exportOptions, hostileContexts, tempDir, tempStore } from '../helpers.ts';

function storeOf(n: number): Store {
  const store = tempStore();
  const hostile = hostileContexts();
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const base = hostile[i % hostile.length]!;
      // Some share a creation time, so pages are bounded by (createdAt, id) and not by the time alone.
      store.contexts.insert({
        ...base,
        id: `c${String(i).padStart(5, '0')}`,
        createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000).toISOString(),
      });
    }
  })();
  return store;
}

/** Every page of JSON runs as text, and of cell runs as their values' bytes, in the order they came. */
function pages(store: Store, read: Partial<JsonRunOptions> & { cells?: boolean }): string[] {
  const options = { includeMetadata: true, includeBinaryData: false, pageSize: 7, ...read };
  const runs = read.cells ? store.contexts.cellRuns({}, options) : store.contexts.jsonRuns({}, options);
  const out: string[] = [];
  for (const item of runs!) {
    if (isRun(item)) out.push(item.bytes.toString('utf8'));
    else if (isStoredCells(item)) out.push(`${item.count}:${[...item.lengths].join(',')}:${item.values.map((v) => v.toString('utf8')).join('|')}`);
    else out.push(JSON.stringify(item));
  }
  return out;
}

/**
 * The next export's helper, already up: a test's pages are read faster than a thread starts, so without this
 * the helper would rightly never get one.
 */
async function helperUp(store: Store): Promise<void> {
  const helper = PageHelper.start(store.db.name)!;
  await vi.waitFor(() => expect(helper.canTake()).toBe(true));
  vi.spyOn(PageHelper, 'start').mockReturnValueOnce(helper);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the page helper', () => {
  it('answers a query as the export connection would', async () => {
    const store = storeOf(20);
    const helper = PageHelper.start(store.db.name)!;
    try {
      await vi.waitFor(() => expect(helper.canTake()).toBe(true));
      const sql = 'SELECT count(*), CAST(group_concat(id) AS BLOB) FROM contexts';
      helper.send(sql, []);
      const row = helper.receive()!;
      expect(row[0]).toBe(20);
      expect(Buffer.isBuffer(row[1])).toBe(true);
      expect(row).toEqual(store.db.prepare(sql).raw(true).get());
    } finally {
      helper.close();
    }
  });

  it('says it is broken when it cannot open the store, and takes nothing', async () => {
    const helper = PageHelper.start(path.join(tempDir(), 'missing.db'))!;
    try {
      await vi.waitFor(() => expect(helper.broken).toBe(true));
      expect(helper.canTake()).toBe(false);
      expect(helper.receive()).toBeUndefined();
    } finally {
      helper.close();
    }
  });

  it('has no helper for a store in memory', () => {
    expect(PageHelper.start(':memory:')).toBeNull();
  });
});

describe('pages read by two threads', () => {
  for (const cells of [false, true]) {
    const kind = cells ? 'cell runs' : 'JSON runs';

    it(`${kind}: the same pages in the same order, the helper reading some of them`, async () => {
      const store = storeOf(400);
      const sent = vi.spyOn(PageHelper.prototype, 'send');
      const expected = pages(store, { cells });
      expect(sent).not.toHaveBeenCalled();
      await helperUp(store);
      const got = pages(store, { cells, parallel: true });
      expect(got).toEqual(expected);
      // 58 pages: the helper, up after a few, must have been given some (else this test proves nothing).
      expect(sent.mock.calls.length).toBeGreaterThan(0);
    });

    it(`${kind}: a helper that fails half-way leaves its pages to the export's thread`, async () => {
      const store = storeOf(400);
      const expected = pages(store, { cells });
      const send = PageHelper.prototype.send;
      let calls = 0;
      // From the fourth query on, the helper is asked for something it cannot run, so it answers with a failure.
      vi.spyOn(PageHelper.prototype, 'send').mockImplementation(function (this: PageHelper, sql, params) {
        calls++;
        return calls < 4 ? send.call(this, sql, params) : send.call(this, 'SELECT no_such_function()', []);
      });
      await helperUp(store);
      expect(pages(store, { cells, parallel: true })).toEqual(expected);
      expect(calls).toBeGreaterThanOrEqual(4);
    });
  }

  it('a filtered page set is the same too', async () => {
    const store = storeOf(300);
    const filters = { tags: ['t', 'ü'] };
    const read = { includeMetadata: false, includeBinaryData: false, pageSize: 5 };
    const text = (parallel: boolean) => [...store.contexts.jsonRuns(filters, { ...read, parallel })!].map((r) => (isRun(r) ? r.bytes.toString() : r.id));
    const sent = vi.spyOn(PageHelper.prototype, 'send');
    await helperUp(store);
    expect(text(true)).toEqual(text(false));
    expect(sent).toHaveBeenCalled();
  });

  it('an export big enough for the helper writes the bytes of one without it', async () => {
    const store = tempStore();
    store.db.transaction(() => {
      for (let i = 0; i < 6500; i++)
        store.contexts.insert(context(`k${i}`, { createdAt: new Date(Date.UTC(2024, 0, 1) + i).toISOString(), content: `x "${i}"\n,y` }));
    })();
    const dir = tempDir();
    const exportTo = async (name: string, format: 'json' | 'jsonl' | 'csv') => {
      const file = path.join(dir, name);
      const result = await runExport(store, exportOptions({ format, outputPath: file }));
      expect(result.status).toBe('completed');
      expect(result.recordCount).toBe(6500);
      return fs.readFileSync(file);
    };
    const sent = vi.spyOn(PageHelper.prototype, 'send');
    const withHelper = { json: Buffer.alloc(0), jsonl: Buffer.alloc(0), csv: Buffer.alloc(0) };
    for (const format of ['json', 'jsonl', 'csv'] as const) {
      await helperUp(store);
      withHelper[format] = await exportTo(`a.${format}`, format);
    }
    expect(sent).toHaveBeenCalled();
    vi.spyOn(PageHelper, 'start').mockReturnValue(null);
    for (const format of ['json', 'jsonl', 'csv'] as const) {
      expect(withHelper[format].equals(await exportTo(`b.${format}`, format)), format).toBe(true);
    }
  });
});
