/** Shared by the operations tests: a temp store, generated JSONL files, and an event recorder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import type { ContextStoreService } from '../../electron/engine/service.ts';
import type { OperationProgress } from '../../shared/operations.ts';
import type { CallInput, CallName, CallOutput } from '../../shared/contract.ts';

const made: string[] = [];
// The large test files add up over runs: each test file removes its temp folders when it is done.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ops-'));
  made.push(dir);
  return dir;
}

export interface ContextLine {
  id: string;
  title: string;
  content: string;
  type: string;
  tags: string[];
  sessionId: null;
  createdAt: string;
  metadata: Record<string, unknown>;
}

export function context(id: string, title = `Title ${id}`, content = `Content of ${id}, with "quotes", commas, ünïcode.`): ContextLine {
  return { id, title, content, type: 'note', tags: ['t'], sessionId: null, createdAt: '2024-01-02T03:04:05.000Z', metadata: { importance: 'low' } };
}

/** Writes `count` contexts as JSON Lines (ids `${prefix}-0` …). Content is padded so files have some weight. */
export function writeJsonl(file: string, count: number, prefix = 'c', make: (i: number) => ContextLine = (i) => context(`${prefix}-${i}`)): string {
  const fd = fs.openSync(file, 'w');
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = make(i);
    if (c.content.length < 200) c.content = c.content + ' lorem ipsum dolor sit amet'.repeat(8);
    chunk.push(JSON.stringify(c));
    if (chunk.length === 5000) {
      fs.writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
  fs.closeSync(fd);
  return file;
}

export async function call<K extends CallName>(service: ContextStoreService, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await service.call(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export function recordProgress(service: ContextStoreService): Map<string, OperationProgress[]> {
  const events = new Map<string, OperationProgress[]>();
  service.events.onEvent('operation.progress', (p) => {
    const list = events.get(p.operationId) ?? [];
    list.push(p);
    events.set(p.operationId, list);
  });
  return events;
}

/** A snapshot of every row the store holds, to compare "exactly as before". */
export function snapshot(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = ['contexts', 'attachments', 'sessions', 'templates', 'template_versions'];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all())).join('\n');
  } finally {
    db.close();
  }
}

export function integrity(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}
