/** Shared fixtures for the envelope tests: temp stores with generated records, export/import shortcuts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../electron/engine/store/store.ts';
import { runExport } from '../../electron/engine/pipeline/export.ts';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { ExportOptionsSchema, ImportOptionsSchema, type ExportOptionsInput, type ImportOptionsInput } from '../../shared/options.ts';
import type { Context } from '../../shared/model.ts';

export const PASSPHRASE = 'correct horse battery staple ✓';

export function tempDir(prefix = 'envelope-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Varied text (unicode, quotes, newlines, commas) that compresses like real notes, not like zeros. */
export function makeContexts(count: number, contentBytes = 400, idPrefix = 'ctx'): Context[] {
  const words = ['alpha', 'beta', 'gamma', 'délta', 'ε', '"quoted"', 'comma,separated', 'new\nline', '日本語', 'emoji 🎉', 'tab\there'];
  let seed = 7;
  // mulberry32: a real 32-bit generator (an LCG in floating point falls into a short cycle).
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => {
    let content = '';
    while (content.length < contentBytes) content += words[Math.floor(rnd() * words.length)] + ' ' + Math.floor(rnd() * 1e6) + ' ';
    return {
      id: `${idPrefix}-${i}`,
      title: `Note ${i} ${words[i % words.length]}`,
      content,
      type: i % 3 === 0 ? 'code' : 'general',
      tags: [`t${i % 4}`, 'envelope'],
      sessionId: null,
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      metadata: { n: i, nested: { ok: true } },
    } as Context;
  });
}

export function seededStore(dir: string, contexts: Context[], name = 'source.db'): Store {
  const store = Store.open(path.join(dir, name));
  const repo = store.repository('contexts');
  store.db.transaction(() => {
    for (const c of contexts) repo.insert(c);
  })();
  return store;
}

export function exportTo(store: Store, options: ExportOptionsInput) {
  return runExport(store, ExportOptionsSchema.parse(options));
}

export function importFrom(store: Store, files: string[], options: ImportOptionsInput = {}) {
  return runImport(store, files, ImportOptionsSchema.parse(options));
}

export function allContexts(store: Store): unknown[] {
  return [...store.repository('contexts').iterate({}, { includeBinaryData: true })];
}

export function countContexts(store: Store): number {
  return store.repository('contexts').count({});
}
