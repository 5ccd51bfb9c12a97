/**
 * Evernote's encrypted blocks (`<en-crypt hint cipher length>base64</en-crypt>`) cannot be decrypted here (the
 * passphrase is the user's), so they are kept exactly, in `metadata.encrypted` (one per block, in order), with
 * a marker in the content where each was and its hint, and a warning on the record. Real file:
 * obsidianmd/obsidian-importer's yarle test-encryption.enex (test/fixtures/real/SOURCES.md).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runImport } from '../../electron/engine/pipeline/import.ts';
import { enmlToMarkdown, type EncryptedBlock } from '../../electron/engine/sources/evernote/enml.ts';
import { importOptions, tempStore } from '../helpers.ts';
import type { Context } from '../../shared/model.ts';

const FILE = path.resolve(__dirname, '../fixtures/real/enex-encrypted/test-encryption.enex');
const CIPHERTEXT =
  'RU5DMCR2SQ/8U0qVD+xGDzmnMy6oAqeGr8h/g31V3E8g6RGPFpO1lnyzsCv2gWba2VhCqaGHk3Hd6iDqWUpYxVmDdUeKnBFxz7Sr7gKteM65cNG9k8thhEav8g19qsIrA80DHk79HULx/EklgDqaJZFebKvDUXODy6Biyaf1XQ0HVO12';

describe('evernote: encrypted blocks', () => {
  it('keeps the ciphertext with its hint, cipher and length in metadata, marks the place, and warns', async () => {
    const store = tempStore();
    const result = await runImport(store, [FILE], importOptions());
    expect(result.error).toBeUndefined();
    const [note] = store.contexts.list({}, 10, 0) as Context[];
    expect(note!.metadata!.encrypted).toEqual([{ hint: 'this is a hint', cipher: 'AES', length: 128, ciphertext: CIPHERTEXT }]);
    expect(note!.content).not.toContain('[encrypted content]');
    const lines = note!.content.split('\n\n');
    expect(lines[0]).toBe('This is NOT an encrypted test');
    expect(lines[1]).toMatch(/^\[encrypted block 1.*hint "this is a hint".*metadata\.encrypted/);
    expect(lines[2]).toBe('This is NOT an encrypted test again');
    const warning = result.warnings.find((w) => /encrypted/i.test(w));
    expect(warning).toMatch(/^record \d+: .*test-encryption\.enex.*"Encryption".*1 encrypted block.*not decrypted/);
  });

  it('several blocks: one entry each, in order; no hint and DTD-default cipher (RC2, 64) kept as Evernote means them', async () => {
    const blocks: EncryptedBlock[] = [];
    const md = await enmlToMarkdown(
      '<en-note><div>a</div><en-crypt hint="first &amp; best" cipher="AES" length="128">QUFB</en-crypt><div>b</div><en-crypt>QkJC\nQkJC</en-crypt></en-note>',
      new Map(),
      blocks,
    );
    expect(blocks).toEqual([
      { hint: 'first & best', cipher: 'AES', length: 128, ciphertext: 'QUFB' },
      { cipher: 'RC2', length: 64, ciphertext: 'QkJC\nQkJC' },
    ]);
    expect(md).toContain('[encrypted block 1, hint "first & best"');
    expect(md).toContain('[encrypted block 2: kept encrypted in metadata.encrypted]');
    expect(md.indexOf('block 1')).toBeLessThan(md.indexOf('block 2'));
  });
});
