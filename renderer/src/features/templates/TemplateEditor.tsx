/** The template editor: every part of the seed's template shape, with live evaluation of computed fields. */
import { useEffect, useState } from 'react';
import type { TemplateInput } from '../../../../shared/contract.ts';
import { TEMPLATE_FIELD_TYPES, TRANSFORMATION_KINDS, type ComputedField, type Template, type TemplateField, type FieldTransformation } from '../../../../shared/model.ts';
import { announce } from '../../app/announcer.tsx';
import { useClient } from '../../app/services.tsx';
import { ErrorNote, Spinner } from '../../components/States.tsx';
import { CustomFunctionList } from '../import/TransformChain.tsx';
import { EXAMPLE_FUNCTION } from '../../../../shared/catalogue/functions.ts';
import { describeError } from '../../lib/errors.ts';
import { formatDate, formatValue } from '../../lib/format.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';

interface Draft {
  name: string;
  description: string;
  type: string;
  fields: TemplateField[];
  mappings: { source: string; target: string }[];
  transformations: FieldTransformation[];
  unmapped: 'metadata' | 'drop';
  computed: ComputedField[];
}

const SAMPLE = { id: 'ctx-1', title: '  Weekly planning  ', content: 'Agenda and decisions', type: 'note', tags: ['work'], createdAt: '2024-03-01T09:30:00.000Z', metadata: { importance: 'high' } };

const emptyDraft = (): Draft => ({ name: '', description: '', type: 'contexts', fields: [], mappings: [], transformations: [], unmapped: 'metadata', computed: [] });

function draftOf(t: Template): Draft {
  const m = t.transformation.mapping;
  return {
    name: t.name,
    description: t.description,
    type: t.schema.type,
    fields: t.schema.fields,
    mappings: Object.entries(m.fieldMappings).map(([source, target]) => ({ source, target })),
    transformations: m.transformations,
    unmapped: m.unmappedFields === 'drop' ? 'drop' : 'metadata',
    computed: t.transformation.computedFields,
  };
}

function inputOf(d: Draft): TemplateInput {
  return {
    name: d.name.trim(),
    description: d.description,
    schema: { type: d.type, fields: d.fields.filter((f) => f.name.trim()) },
    transformation: {
      mapping: {
        fieldMappings: Object.fromEntries(d.mappings.filter((m) => m.source.trim() && m.target.trim()).map((m) => [m.source.trim(), m.target.trim()])),
        transformations: d.transformations.filter((t) => t.field.trim()),
        unmappedFields: d.unmapped,
      },
      computedFields: d.computed.filter((c) => c.name.trim() && c.expression.trim()),
    },
  };
}

export function TemplateEditor({ templateId, onSaved, onDeleted }: { templateId: string | null; onSaved: (t: Template) => void; onDeleted: () => void }) {
  const client = useClient();
  const [template, setTemplate] = useState<Template | null>(null);
  const [draft, setDraft] = useState<Draft | null>(templateId ? null : emptyDraft());
  const [versions, setVersions] = useState<Template[]>([]);
  const [viewing, setViewing] = useState<Template | null>(null);
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
      const saved = template ? await client.call('updateDataTemplate', { id: template.id, template: inputOf(draft) }) : await client.call('createDataTemplate', inputOf(draft));
      setTemplate(saved);
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
            <option value="contexts">contexts</option>
            <option value="sessions">sessions</option>
            <option value="templates">templates</option>
          </select>
        </label>
        <label className="field" style={{ flex: 1 }}>
          <span>Description</span>
          <input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
      </div>

      <h3>Schema fields</h3>
      <div className="edit-grid fields">
        {draft.fields.length > 0 && ['Name', 'Type', 'Required', 'Description', ''].map((h, i) => <span key={i} className="head">{h}</span>)}
        {draft.fields.map((f, i) => {
          const up = (p: Partial<TemplateField>) => set({ fields: draft.fields.map((x, j) => (j === i ? { ...x, ...p } : x)) });
          return [
            <input key={`n${i}`} aria-label={`Schema field ${i + 1} name`} value={f.name} onChange={(e) => up({ name: e.target.value })} />,
            <select key={`t${i}`} aria-label={`Schema field ${i + 1} type`} value={f.type} onChange={(e) => up({ type: e.target.value as TemplateField['type'] })}>
              {TEMPLATE_FIELD_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>,
            <input key={`r${i}`} type="checkbox" aria-label={`Schema field ${i + 1} required`} checked={f.required} onChange={(e) => up({ required: e.target.checked })} />,
            <input key={`d${i}`} aria-label={`Schema field ${i + 1} description`} value={f.description} onChange={(e) => up({ description: e.target.value })} />,
            <button key={`x${i}`} type="button" className="small" aria-label={`Remove schema field ${i + 1}`} onClick={() => set({ fields: draft.fields.filter((_, j) => j !== i) })}>
              ✕
            </button>,
          ];
        })}
      </div>
      <button type="button" className="small" onClick={() => set({ fields: [...draft.fields, { name: '', type: 'string', required: false, description: '' }] })}>
        + Schema field
      </button>

      <h3>Mapping</h3>
      <div className="edit-grid maps">
        {draft.mappings.map((m, i) => {
          const up = (p: Partial<{ source: string; target: string }>) => set({ mappings: draft.mappings.map((x, j) => (j === i ? { ...x, ...p } : x)) });
          return [
            <input key={`s${i}`} aria-label={`Mapping ${i + 1} source field`} placeholder="source field" value={m.source} onChange={(e) => up({ source: e.target.value })} />,
            <span key={`a${i}`} aria-hidden="true">
              →
            </span>,
            <input key={`t${i}`} aria-label={`Mapping ${i + 1} target field`} placeholder="target field" value={m.target} onChange={(e) => up({ target: e.target.value })} />,
            <button key={`x${i}`} type="button" className="small" aria-label={`Remove mapping ${i + 1}`} onClick={() => set({ mappings: draft.mappings.filter((_, j) => j !== i) })}>
              ✕
            </button>,
          ];
        })}
      </div>
      <div className="toolbar">
        <button type="button" className="small" onClick={() => set({ mappings: [...draft.mappings, { source: '', target: '' }] })}>
          + Mapping
        </button>
        <label className="field inline">
          <span>Unmapped fields</span>
          <select value={draft.unmapped} onChange={(e) => set({ unmapped: e.target.value as Draft['unmapped'] })}>
            <option value="metadata">go to metadata</option>
            <option value="drop">are dropped</option>
          </select>
        </label>
      </div>

      <h3>Transformations</h3>
      <div className="edit-grid transforms">
        {draft.transformations.map((t, i) => {
          const up = (p: Partial<FieldTransformation>) => set({ transformations: draft.transformations.map((x, j) => (j === i ? { ...x, ...p } : x)) });
          return [
            <input key={`f${i}`} aria-label={`Transformation ${i + 1} field`} placeholder="field" value={t.field} onChange={(e) => up({ field: e.target.value })} />,
            <select key={`k${i}`} aria-label={`Transformation ${i + 1} kind`} value={t.transformation} onChange={(e) => up({ transformation: e.target.value as FieldTransformation['transformation'] })}>
              {TRANSFORMATION_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>,
            <input
              key={`c${i}`}
              aria-label={`Transformation ${i + 1} function`}
              list="custom-functions"
              placeholder={t.transformation === 'custom' ? EXAMPLE_FUNCTION : '—'}
              disabled={t.transformation !== 'custom'}
              value={t.customFunction ?? ''}
              onChange={(e) => up({ customFunction: e.target.value })}
            />,
            <button key={`x${i}`} type="button" className="small" aria-label={`Remove transformation ${i + 1}`} onClick={() => set({ transformations: draft.transformations.filter((_, j) => j !== i) })}>
              ✕
            </button>,
          ];
        })}
      </div>
      <button type="button" className="small" onClick={() => set({ transformations: [...draft.transformations, { field: '', transformation: 'trim' }] })}>
        + Transformation
      </button>

      <h3>Computed fields</h3>
      <div>
        <div>
          <div className="edit-grid computed">
            {draft.computed.map((c, i) => {
              const up = (p: Partial<ComputedField>) => set({ computed: draft.computed.map((x, j) => (j === i ? { ...x, ...p } : x)) });
              return [
                <input key={`n${i}`} aria-label={`Computed field ${i + 1} name`} placeholder="exportedAt" value={c.name} onChange={(e) => up({ name: e.target.value })} />,
                <input key={`e${i}`} aria-label={`Computed field ${i + 1} expression`} className="mono" placeholder="now()" value={c.expression} onChange={(e) => up({ expression: e.target.value })} />,
                <select key={`t${i}`} aria-label={`Computed field ${i + 1} type`} value={c.type} onChange={(e) => up({ type: e.target.value as ComputedField['type'] })}>
                  {TEMPLATE_FIELD_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>,
                <LiveValue key={`v${i}`} expression={c.expression} record={sample} testId={`computed-value-${i + 1}`} />,
                <button key={`x${i}`} type="button" className="small" aria-label={`Remove computed field ${i + 1}`} onClick={() => set({ computed: draft.computed.filter((_, j) => j !== i) })}>
                  ✕
                </button>,
              ];
            })}
          </div>
          <button type="button" className="small" onClick={() => set({ computed: [...draft.computed, { name: '', expression: '', type: 'string' }] })}>
            + Computed field
          </button>
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
        <>
          <h3>Version history</h3>
          <table className="table" data-testid="template-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">Fields mapped</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {[...versions]
                .sort((a, b) => b.version - a.version)
                .map((v) => (
                  <tr key={v.version} className={viewing?.version === v.version ? 'selected' : undefined}>
                    <td>v{v.version}</td>
                    <td>{formatDate(v.updatedAt ?? v.createdAt)}</td>
                    <td>{Object.keys(v.transformation.mapping.fieldMappings).length}</td>
                    <td>
                      <button type="button" className="small" onClick={() => setViewing(viewing?.version === v.version ? null : v)}>
                        {viewing?.version === v.version ? 'Hide' : 'View'}
                      </button>{' '}
                      {v.version !== template.version && (
                        <button
                          type="button"
                          className="small"
                          onClick={() => {
                            setDraft(draftOf(v));
                            announce(`Loaded version ${v.version} into the editor; save to make it the current version.`);
                          }}
                        >
                          Restore
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {viewing && <pre className="preview">{JSON.stringify(viewing, null, 2)}</pre>}
        </>
      )}
      <CustomFunctionList />
      <ConfirmDelete open={deleting} name={template?.name ?? ''} onCancel={() => setDeleting(false)} onConfirm={() => void remove()} />
    </section>
  );
}

/** A computed field's value on the sample record, evaluated by the service as the user types. */
function LiveValue({ expression, record, testId }: { expression: string; record: Record<string, unknown> | null; testId: string }) {
  const client = useClient();
  const [state, setState] = useState<{ kind: 'ok'; value: unknown } | { kind: 'error'; message: string } | { kind: 'idle' }>({ kind: 'idle' });
  const recordKey = JSON.stringify(record);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the record's JSON (recordKey) is the dependency: a new object with the same values must not re-evaluate.
  useEffect(() => {
    if (!expression.trim() || !record) {
      setState({ kind: 'idle' });
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      client.call('evaluateExpression', { expression, record }).then(
        (r) => live && setState({ kind: 'ok', value: r.value }),
        (e) => live && setState({ kind: 'error', message: describeError(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, expression, recordKey]);
  if (state.kind === 'error')
    return (
      <span className="eval eval-bad" title={state.message} data-testid={testId}>
        ⚠ {state.message}
      </span>
    );
  if (state.kind === 'ok')
    return (
      <span className="eval eval-ok" title={formatValue(state.value)} data-testid={testId}>
        = {formatValue(state.value)}
      </span>
    );
  return <span className="muted small-text">—</span>;
}

