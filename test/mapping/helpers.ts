/** A real service over a real SQLite file in a temp folder, and files written next to it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContextStoreService } from '../../electron/engine/service.ts';
import type { CallInput, CallName, CallOutput } from '../../shared/contract.ts';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export interface TestStore {
  dir: string;
  service: ContextStoreService;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  fail<K extends CallName>(name: K, input: CallInput<K>): Promise<{ code: string; message: string; field?: string }>;
  file(name: string, content: string): string;
  close(): Promise<void>;
}

export function openTestStore(): TestStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-mapping-'));
  const service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
  return {
    dir,
    service,
    async call(name, input) {
      const result = await service.call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(name, input) {
      const result = await service.call(name, input);
      if (result.ok) throw new Error(`${name} should have failed`);
      return result.error;
    },
    file(name, content) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    async close() {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
