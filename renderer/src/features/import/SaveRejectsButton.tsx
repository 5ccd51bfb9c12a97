/**
 * "Save rejected records" next to their count, after a dry run or an import: the file the engine wrote in the
 * source's own format (CSV with its columns, JSON Lines, …) with an `_error` field, ready to fix in the tool
 * the data came from and import again with the same options.
 */
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/options.ts';
import { announce } from '../../app/announcer.tsx';
import { useServices } from '../../app/services.tsx';
import { describeError } from '../../lib/errors.ts';
import { plural } from '../../lib/format.ts';

export function SaveRejectsButton({ result, sourceName }: { result: ImportResult; sourceName?: string }) {
  const { files } = useServices();
  const [saving, setSaving] = useState(false);
  const rejects = result.rejects;
  if (!rejects || rejects.records === 0) return null;
  const ext = /\.[A-Za-z0-9]+$/.exec(rejects.path)?.[0] ?? '';
  const base = (sourceName ?? 'records').replace(/\.[^.]+$/, '');
  const save = async () => {
    setSaving(true);
    try {
      const saved = await files.saveRejects(result, `${base}.rejected${ext}`);
      if (saved)
        announce(`Saved ${plural(rejects.records, 'rejected record')} to ${saved.split(/[\\/]/).pop()}: fix them and import that file again.`, 'success');
    } catch (error) {
      announce(`Could not save the rejected records: ${describeError(error)}`, 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <button
      type="button"
      data-testid="save-rejects"
      disabled={saving}
      onClick={() => void save()}
      title={`${rejects.format.toUpperCase()} with an _error field naming field and reason`}
    >
      {saving ? 'Saving…' : `Save rejected records (${plural(rejects.records, 'record')}, ${rejects.format.toUpperCase()})`}
    </button>
  );
}
