/**
 * Templates: the list, and an editor for one (schema fields, mapping, transformations, computed fields
 * evaluated live on a sample record), with duplicate, delete and version history.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Template } from '../../../../shared/model.ts';
import { hrefFor, useRouter } from '../../app/router.ts';
import { useClient } from '../../app/services.tsx';
import { EmptyState, ErrorNote, Spinner } from '../../components/States.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

export function TemplatesPage({ templateId }: { templateId?: string }) {
  const client = useClient();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.call('getDataTemplates', {}).then(
      (t) => {
        setTemplates(t);
        setError(null);
      },
      (e) => setError(describeError(e)),
    );
  }, [client]);
  useEffect(reload, [reload]);

  return (
    <div>
      <div className="page-head">
        <h2>Templates</h2>
        <a href={hrefFor('templates', 'new')} className="button-link primary">
          New template
        </a>
      </div>
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="grid-2">
        <section className="card" aria-labelledby="tpl-list-h">
          <h3 id="tpl-list-h">Saved templates</h3>
          {templates === null ? (
            <Spinner label="Loading…" />
          ) : templates.length === 0 ? (
            <EmptyState title="No templates yet">
              A template remembers a mapping, its transformations and computed fields, so the next import of the same kind of file is one click. Create one
              here, or use “Save as template…” in the import wizard.
            </EmptyState>
          ) : (
            <ul className="list" data-testid="template-list">
              {templates.map((t) => (
                <li key={t.id}>
                  <a className="list-button" href={hrefFor('templates', t.id)} aria-current={t.id === templateId ? 'true' : undefined}>
                    <span>
                      <strong>{t.name}</strong>
                      <br />
                      <span className="muted small-text">
                        {t.schema.type} · v{t.version} · {formatDate(t.updatedAt ?? t.createdAt)}
                      </span>
                    </span>
                    <span className="muted small-text">{Object.keys(t.transformation.mapping.fieldMappings).length} fields</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <div>
          {templateId ? (
            <TemplateEditor
              key={templateId}
              templateId={templateId === 'new' ? null : templateId}
              onSaved={(t) => {
                reload();
                if (templateId !== t.id) useRouter.getState().go('templates', t.id);
              }}
              onDeleted={() => {
                reload();
                useRouter.getState().go('templates');
              }}
            />
          ) : (
            <section className="card">
              <EmptyState title="Choose a template to edit, or create one">
                Templates apply to both directions: on import their mapping and validation, on export their field selection and computed fields.
              </EmptyState>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/** Confirms a deletion, naming what goes. */
