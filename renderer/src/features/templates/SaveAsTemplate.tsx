/** "Save as template…" from either wizard: names the current mapping (or export shape) for reuse. */
import { useState } from 'react';
import type { TemplateInput } from '../../../../shared/contract.ts';
import { announce } from '../../app/announcer.tsx';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote } from '../../components/States.tsx';
import { describeError } from '../../lib/errors.ts';
import { templatesChanged } from './template-changes.ts';

export function SaveAsTemplateButton({ build, disabled }: { build: (name: string, description: string) => TemplateInput; disabled?: boolean }) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const template = await client.call('createDataTemplate', build(name.trim(), description.trim()));
      announce(`Saved template “${template.name}”.`, 'success');
      templatesChanged();
      setOpen(false);
      setName('');
      setDescription('');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={disabled}>
        Save as template…
      </button>
      <Dialog
        open={open}
        title="Save as template"
        onClose={() => setOpen(false)}
        actions={
          <>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!name.trim() || saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save template'}
            </button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <label className="field">
            <span>Name</span>
            <input value={name} autoFocus onChange={(e) => setName(e.target.value)} placeholder="e.g. Legacy notes CSV" />
          </label>
          <label className="field">
            <span>Description (optional)</span>
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
        </form>
        {error && <ErrorNote>{error}</ErrorNote>}
      </Dialog>
    </>
  );
}
