/**
 * A real Latin-1 (Windows-1252) government CSV: Mexico's 2011 federal budget by function (okfn/messytables'
 * "horror" test files: see test/fixtures/real/SOURCES.md), imported through the real CLI. What a person sees
 * in a spreadsheet opened as Latin-1: the accented header "Descripción", the functions' names and texts with
 * their accents, 116 rows (one of them a row of empty cells before the closing source note), the amounts as written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { Store } from '../../electron/engine/store/store.ts';
import type { Context } from '../../shared/model.ts';

const CSV = path.resolve(__dirname, '../fixtures/real/latin1/spanish_chars.csv');
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function importIt(extra: string[] = []) {
  const dir = tempDir();
  const mapping = path.join(dir, 'mapping.json');
  // The subfunction (SF) is the row's name; the description its text. Group and function rows have no SF.
  fs.writeFileSync(mapping, JSON.stringify({ fieldMappings: { Descripción: 'content', SF: 'title' } }));
  const db = path.join(dir, 'store.db');
  const run = cli(['import', CSV, '--mapping', mapping, '--on-error', 'lenient', '--json', ...extra], { env: { CONTEXT_STORE_DB: db } });
  const store = Store.open(db);
  opened.push(store);
  return {
    run,
    result: run.json<{ totalRecords: number; insertedRecords: number; failedRecords: number; warnings: string[]; inputs: { encoding?: string }[] }>(),
    store,
  };
}

describe('a real Windows-1252 CSV (Presupuesto de Egresos de la Federación 2011)', () => {
  it('is detected as windows-1252, said with the first byte that is not UTF-8, and reads as a person sees it', () => {
    const { run, result, store } = importIt();
    expect(run.code).toBe(3); // completed, some rows rejected: the group and function rows have no subfunction
    expect(result.warnings).toContain(
      'spanish_chars.csv: read as windows-1252 (not valid UTF-8 from byte 52); choose another encoding if the text looks wrong.',
    );
    expect(result.inputs[0]!.encoding).toBe('windows-1252');
    // The row of empty cells before the source note (line 116) is not a record: skipped, and said.
    expect(result.warnings).toContain('spanish_chars.csv: 1 empty row skipped (line 116).');
    expect(result.totalRecords).toBe(115);
    expect(result.insertedRecords).toBe(88);
    expect(result.failedRecords).toBe(27);
    const contexts = store.contexts.list({}, 1000, 0) as Context[];
    const legislacion = contexts.find((c) => c.title === 'Legislación')!;
    expect(legislacion.content).toBe(
      'Administración, operación y apoyo a los órganos legislativos. Incluye las actividades que realizan las Cámaras de Diputados y de Senadores, así como de la Auditoría Superior de Fiscalización.',
    );
    expect(legislacion.metadata).toMatchObject({ 'Gasto total 2011': '10,105.40', SF_ID: '1' });
    expect(contexts.some((c) => /\uFFFD/.test(c.content + c.title))).toBe(false);
  });

  it('--encoding latin1 reads it the same, without a guess to warn about', () => {
    const { result, store } = importIt(['--encoding', 'latin1']);
    expect(result.insertedRecords).toBe(88);
    expect(result.warnings.some((w) => w.includes('read as windows-1252'))).toBe(false);
    expect((store.contexts.list({}, 1000, 0) as Context[]).some((c) => c.title === 'Legislación')).toBe(true);
  });

  it('in strict mode the failure still says which encoding the file was read in', () => {
    const dir = tempDir();
    const run = cli(['import', CSV], { env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('read as windows-1252 (not valid UTF-8 from byte 52)');
  });
});
