/**
 * The template editor: every part of the seed's template shape, with live evaluation of computed fields.
 * Its four lists are ListEditors; the working copy is draft.ts, the versions VersionHistory.
 */
import { useEffect, useState } from 'react';
import {
  RECORD_TYPES,
  TEMPLATE_FIELD_TYPES,
  TRANSFORMATION_KINDS,
  type ComputedField,
  type Template,
  type TemplateField,
  type FieldTransformation,
} from '../../../../shared/model.ts';
import { announce } from '../../app/announcer.tsx';
import { useClient } from '../../app/services.tsx';
import { ErrorNote, Spinner } from '../../components/States.tsx';
import { CustomFunctionList } from '../import/TransformChain.tsx';
import { EXAMPLE_FUNCTION } from '../../../../shared/catalogue/functions.ts';
import { describeError } from '../../lib/errors.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { draftOf, emptyDraft, inputOf, SAMPLE, type Draft } from './draft.ts';
import { ListEditor } from './ListEditor.tsx';
import { LiveValue } from './LiveValue.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import { templatesChanged } from './template-changes.ts';

export function TemplateEditor({ templateId, onSaved, onDeleted }: { templateId: string | null; onSaved: (t: Template) => void; onDeleted: () => void }) {
  const client = useClient();
  const [template, setTemplate] = useState<Template | null>(null);
  const [draft, setDraft] = useState<Draft | null>(templateId ? null : emptyDraft());
  const [versions, setVersions] = useState<Template[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [sampleText, setSampleText] = useState(JSON.stringify(SAMPLE, null, 2));

  useEffect(() => {
    if (!templateId) return;
    client.call('getDataTemplate', { id: templateId }).then(
      (t) => {
        setTemplate(t);
        setDraft(draftOf(t));
      },
      (e) => setError(describeError(e)),
    );
    client.call('getTemplateVersions', { id: templateId }).then(setVersions, () => setVersions([]));
  }, [client, templateId]);

  if (!draft) return <section className="card">{error ? <ErrorNote>{error}</ErrorNote> : <Spinner label="Loading the template…" />}</section>;
  const set = (p: Partial<Draft>) => setDraft({ ...draft, ...p });
  let sample: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(sampleText);
    sample = typeof parsed === 'object' && parsed && !Array.isArray(parsed) ? parsed : null;
  } catch {
    sample = null;
  }

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = template
        ? await client.call('updateDataTemplate', { id: template.id, template: inputOf(draft) })
        : await client.call('createDataTemplate', inputOf(draft));
      setTemplate(saved);
      templatesChanged();
      announce(`Saved template “${saved.name}” (version ${saved.version}).`, 'success');
      client.call('getTemplateVersions', { id: saved.id }).then(setVersions, () => undefined);
      onSaved(saved);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  const duplicate = async () => {
    try {
      const copy = await client.call('createDataTemplate', { ...inputOf(draft), name: `${draft.name} (copy)` });
      templatesChanged();
      announce(`Duplicated as “${copy.name}”.`, 'success');
      onSaved(copy);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const remove = async () => {
    if (!template) return;
    setDeleting(false);
    try {
      await client.call('deleteDataTemplate', { id: template.id });
      templatesChanged();
      onDeleted();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section className="card" aria-labelledby="tpl-edit-h">
      <div className="page-head">
        <h3 id="tpl-edit-h">{template ? `Edit “${template.name}” · v${template.version}` : 'New template'}</h3>
      </div>
      <div className="row wrap">
        <label className="field">
          <span>Name</span>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. Legacy notes CSV" />
        </label>
        <label className="field">
          <span>Data type</span>
          <select value={draft.type} onChange={(e) => set({ type: e.target.value })}>
            {RECORD_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="field" style={{ flex: 1 }}>
          <span>Description</span>
          <input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
      </div>

      <h3>Schema fields</h3>
      <ListEditor
        items={draft.fields}
        onChange={(fields) => set({ fields })}
        layout="fields"
        headers={['Name', 'Type', 'Required', 'Description', '']}
        itemName="schema field"
        newItem={(): TemplateField => ({ name: '', type: 'string', required: false, description: '' })}
        row={(f, up, i) => (
          <>
            <input aria-label={`Schema field ${i + 1} name`} value={f.name} onChange={(e) => up({ name: e.target.value })} />
            <select aria-label={`Schema field ${i + 1} type`} value={f.type} onChange={(e) => up({ type: e.target.value as TemplateField['type'] })}>
              {TEMPLATE_FIELD_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <input type="checkbox" aria-label={`Schema field ${i + 1} required`} checked={f.required} onChange={(e) => up({ required: e.target.checked })} />
            <input aria-label={`Schema field ${i + 1} description`} value={f.description} onChange={(e) => up({ description: e.target.value })} />
          </>
        )}
      />

      <h3>Mapping</h3>
      <ListEditor
        items={draft.mappings}
        onChange={(mappings) => set({ mappings })}
        layout="maps"
        itemName="mapping"
        newItem={() => ({ source: '', target: '' })}
        row={(m, up, i) => (
          <>
            <input aria-label={`Mapping ${i + 1} source field`} placeholder="source field" value={m.source} onChange={(e) => up({ source: e.target.value })} />
            <span aria-hidden="true">→</span>
            <input aria-label={`Mapping ${i + 1} target field`} placeholder="target field" value={m.target} onChange={(e) => up({ target: e.target.value })} />
          </>
        )}
        toolbar={
          <label className="field inline">
            <span>Unmapped fields</span>
            <select value={draft.unmapped} onChange={(e) => set({ unmapped: e.target.value as Draft['unmapped'] })}>
              <option value="metadata">go to metadata</option>
              <option value="drop">are dropped</option>
            </select>
          </label>
        }
      />

      <h3>Transformations</h3>
      <ListEditor
        items={draft.transformations}
        onChange={(transformations) => set({ transformations })}
        layout="transforms"
        itemName="transformation"
        newItem={(): FieldTransformation => ({ field: '', transformation: 'trim' })}
        row={(t, up, i) => (
          <>
            <input aria-label={`Transformation ${i + 1} field`} placeholder="field" value={t.field} onChange={(e) => up({ field: e.target.value })} />
            <select
              aria-label={`Transformation ${i + 1} kind`}
              value={t.transformation}
              onChange={(e) => up({ transformation: e.target.value as FieldTransformation['transformation'] })}
            >
              {TRANSFORMATION_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
            <input
              aria-label={`Transformation ${i + 1} function`}
              list="custom-functions"
              placeholder={t.transformation === 'custom' ? EXAMPLE_FUNCTION : '—'}
              disabled={t.transformation !== 'custom'}
              value={t.customFunction ?? ''}
              onChange={(e) => up({ customFunction: e.target.value })}
            />
          </>
        )}
      />

      <h3>Computed fields</h3>
      <div>
        <div>
          <ListEditor
            items={draft.computed}
            onChange={(computed) => set({ computed })}
            layout="computed"
            itemName="computed field"
            newItem={(): ComputedField => ({ name: '', expression: '', type: 'string' })}
            row={(c, up, i) => (
              <>
                <input aria-label={`Computed field ${i + 1} name`} placeholder="exportedAt" value={c.name} onChange={(e) => up({ name: e.target.value })} />
                <input
                  aria-label={`Computed field ${i + 1} expression`}
                  className="mono"
                  placeholder="now()"
                  value={c.expression}
                  onChange={(e) => up({ expression: e.target.value })}
                />
                <select aria-label={`Computed field ${i + 1} type`} value={c.type} onChange={(e) => up({ type: e.target.value as ComputedField['type'] })}>
                  {TEMPLATE_FIELD_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
                <LiveValue expression={c.expression} record={sample} testId={`computed-value-${i + 1}`} />
              </>
            )}
          />
        </div>
        <label className="field">
          <span>Sample record (JSON) for live evaluation</span>
          <textarea rows={5} value={sampleText} onChange={(e) => setSampleText(e.target.value)} aria-invalid={sample === null} />
          {sample === null && <span className="eval-bad small-text">Not a JSON object; fix it to see computed values.</span>}
        </label>
      </div>

      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="actions">
        <button type="button" className="primary" disabled={!draft.name.trim() || saving} onClick={() => void save()}>
          {saving ? 'Saving…' : template ? 'Save as new version' : 'Create template'}
        </button>
        {template && (
          <>
            <button type="button" onClick={() => void duplicate()}>
              Duplicate
            </button>
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Delete…
            </button>
          </>
        )}
      </div>

      {template && versions.length > 0 && (
        <VersionHistory
          versions={versions}
          current={template.version}
          onRestore={(v) => {
            setDraft(draftOf(v));
            announce(`Loaded version ${v.version} into the editor; save to make it the current version.`);
          }}
        />
      )}
      <CustomFunctionList />
      <ConfirmDelete open={deleting} name={template?.name ?? ''} onCancel={() => setDeleting(false)} onConfirm={() => void remove()} />
    </section>
  );
}
