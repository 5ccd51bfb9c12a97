/** Export filters: date range, types, tags, sessions, importance; the live count is shown beside them. */
import { useEffect, useState } from 'react';
import { IMPORTANCE_LEVELS, type Session } from '../../../../shared/model.ts';
import { useClient } from '../../app/services.tsx';
import { useExport, useExportApi } from './store.ts';

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** A comma-separated list input that keeps the user's typing and reports the parsed list. */
function ListInput({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string[] | undefined;
  onChange: (v: string[]) => void;
  placeholder: string;
}) {
  const [text, setText] = useState((value ?? []).join(', '));
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitList(e.target.value));
        }}
      />
    </label>
  );
}

export function FiltersPanel({ onSessions }: { onSessions: (names: Record<string, string>) => void }) {
  const client = useClient();
  const api = useExportApi();
  const filters = useExport((s) => s.draft.filters);
  const dataType = useExport((s) => s.draft.dataType);
  const [sessions, setSessions] = useState<(Session & { contextCount: number })[]>([]);
  useEffect(() => {
    client.call('listSessions', { limit: 500 }).then(
      (p) => {
        setSessions(p.items);
        onSessions(Object.fromEntries(p.items.map((s) => [s.id, s.name || s.id])));
      },
      () => setSessions([]),
    );
  }, [client, onSessions]);
  const set = api.getState().patchFilters;
  const onlyContexts = dataType === 'contexts' || dataType === 'all';

  return (
    <fieldset className="options">
      <legend>Filters</legend>
      <label className="field">
        <span>Created from</span>
        <input
          type="date"
          value={filters.dateRange?.start ?? ''}
          onChange={(e) => set({ dateRange: { ...filters.dateRange, start: e.target.value || undefined } })}
        />
      </label>
      <label className="field">
        <span>Created until</span>
        <input
          type="date"
          value={filters.dateRange?.end ?? ''}
          onChange={(e) => set({ dateRange: { ...filters.dateRange, end: e.target.value || undefined } })}
        />
      </label>
      {onlyContexts && (
        <>
          <ListInput label="Types (comma-separated)" value={filters.types} placeholder="note, decision" onChange={(types) => set({ types })} />
          <ListInput label="Tags (comma-separated)" value={filters.tags} placeholder="work, planning" onChange={(tags) => set({ tags })} />
          <fieldset className="field plain">
            <legend>Importance</legend>
            <div className="checks">
              {IMPORTANCE_LEVELS.map((level) => (
                <label key={level} className="check">
                  <input
                    type="checkbox"
                    checked={filters.importance?.includes(level) ?? false}
                    onChange={(e) => {
                      const current = new Set(filters.importance ?? []);
                      if (e.target.checked) current.add(level);
                      else current.delete(level);
                      set({ importance: IMPORTANCE_LEVELS.filter((l) => current.has(l)) });
                    }}
                  />
                  {level}
                </label>
              ))}
            </div>
          </fieldset>
          {sessions.length === 0 ? (
            <div className="field">
              <span>Sessions</span>
              <span className="muted small-text">No sessions in the store.</span>
            </div>
          ) : (
            <label className="field">
              <span>Sessions</span>
              <select
                multiple
                size={Math.min(4, Math.max(2, sessions.length))}
                value={filters.sessionIds ?? []}
                onChange={(e) => set({ sessionIds: Array.from(e.target.selectedOptions, (o) => o.value) })}
              >
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name || s.id} ({s.contextCount})
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}
