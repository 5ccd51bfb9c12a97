/** A snapshot's SHA-256 is the same whether its file is hashed from one read (small stores) or streamed (large). */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../electron/engine/backup/snapshot.ts';

describe('hashFile', () => {
  it('gives sha256sum of the bytes on either side of the one-read size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hash-file-'));
    try {
      for (const bytes of [0, 1, 65_537, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 9 * 1024 * 1024 + 7]) {
        const file = path.join(dir, `f${bytes}`);
        const content = crypto.randomBytes(bytes);
        fs.writeFileSync(file, content);
        expect(await hashFile(file), `${bytes} bytes`).toBe(crypto.createHash('sha256').update(content).digest('hex'));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
