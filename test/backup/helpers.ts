import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cs-backup-'));
}

export function contextLines(count: number, prefix = 'c', fields: Record<string, unknown> = {}): string {
  let out = '';
  for (let i = 1; i <= count; i++) {
    out +=
      JSON.stringify({
        id: `${prefix}${i}`,
        title: `Title ${prefix}${i}`,
        content: `Content ${i}`,
        type: 'note',
        tags: ['t'],
        createdAt: '2020-01-01T00:00:00.000Z',
        ...fields,
      }) + '\n';
  }
  return out;
}
