/** Applies a saved template in a wizard: a select of templates, loaded when opened. */
import { useEffect, useState } from 'react';
import type { Template } from '../../../../shared/model.ts';
import { useClient } from '../../app/services.tsx';
import { useTemplateChanges } from './template-changes.ts';

/** `onlyWhenAny`: shown only once there are templates (a step where applying one is optional, not the point). */
export function ApplyTemplateSelect({
  onApply,
  label = 'Apply a template',
  onlyWhenAny = false,
}: {
  onApply: (template: Template) => void;
  label?: string;
  onlyWhenAny?: boolean;
}) {
  const client = useClient();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const version = useTemplateChanges((s) => s.version);
  useEffect(() => {
    void version; // read again whenever a template was saved, edited or deleted
    let live = true;
    client
      .call('getDataTemplates', {})
      .then((t) => live && setTemplates(t))
      .catch(() => live && setTemplates([]));
    return () => {
      live = false;
    };
  }, [client, version]);
  if (onlyWhenAny && !templates?.length) return null;
  return (
    <label className="field inline">
      <span>{label}</span>
      <select
        value=""
        disabled={!templates || templates.length === 0}
        onChange={(e) => {
          const t = templates?.find((x) => x.id === e.target.value);
          if (t) onApply(t);
        }}
      >
        <option value="">{templates === null ? 'Loading…' : templates.length === 0 ? 'No templates yet' : 'Choose…'}</option>
        {templates?.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} (v{t.version})
          </option>
        ))}
      </select>
    </label>
  );
}
