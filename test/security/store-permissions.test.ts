/** "The store is world-readable": folder 755 and store.db/-wal/-shm 644, while exports were 0600. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/store/open.ts';
import { tempDir } from '../server/helpers.ts';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('store permissions', () => {
  it('creates the data folder 0700 and the store files 0600, whatever the umask', () => {
    const dir = tempDir('cs-sec-perm-');
    const previous = process.umask(0o022);
    try {
      const file = path.join(dir, 'data', 'store.db');
      const db = openDatabase(file);
      db.exec('CREATE TABLE IF NOT EXISTS t (x)');
      db.exec('INSERT INTO t VALUES (1)');
      expect(mode(path.dirname(file))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      db.close();
    } finally {
      process.umask(previous);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('narrows a store found wider on open', () => {
    const dir = tempDir('cs-sec-perm-');
    try {
      const file = path.join(dir, 'store.db');
      openDatabase(file).close();
      fs.chmodSync(file, 0o644);
      const db = openDatabase(file);
      expect(mode(file)).toBe(0o600);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
