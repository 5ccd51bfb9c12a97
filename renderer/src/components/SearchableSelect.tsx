/**
 * A searchable select (the ARIA combobox pattern): type to filter, arrows to move, Enter to choose, Esc to
 * close. The non-drag way to connect a source field to a target (WCAG 2.5.7).
 */
import { useId, useMemo, useRef, useState } from 'react';

export interface SelectOption {
  value: string;
  label: string;
  /** Extra words shown and searched, e.g. "used by Created". */
  hint?: string;
}

export function SearchableSelect({
  value,
  options,
  onChange,
  label,
  placeholder = 'Not mapped',
  testId,
}: {
  value: string | null;
  options: SelectOption[];
  onChange: (value: string | null) => void;
  label: string;
  placeholder?: string;
  testId?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const selected = options.find((o) => o.value === value);
  const all = useMemo(() => [{ value: '', label: placeholder }, ...options], [options, placeholder]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? all.filter((o) => o.value && `${o.label} ${o.value} ${o.hint ?? ''}`.toLowerCase().includes(q)) : all;
  }, [all, query]);

  const choose = (option: SelectOption | undefined) => {
    if (!option) return;
    onChange(option.value === '' ? null : option.value);
    setOpen(false);
    setQuery('');
  };

  return (
    <div className="combo" data-testid={testId}>
      <input
        ref={input}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-opt-${active}` : undefined}
        className="combo-input"
        value={open ? query : (selected?.label ?? '')}
        placeholder={selected ? selected.label : placeholder}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, shown.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && !e.ctrlKey && !e.metaKey) {
            // Ctrl+Enter is the step's own action (usePrimaryShortcut), not a choice of this list.
            e.preventDefault();
            choose(shown[active]);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
            setQuery('');
          }
        }}
      />
      <span className="combo-caret" aria-hidden="true">
        ▾
      </span>
      {open && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern; focus stays in the input (aria-activedescendant).
        <ul role="listbox" id={`${id}-list`} className="combo-list" aria-label={label}>
          {shown.length === 0 && <li className="combo-empty">No field matches “{query}”</li>}
          {shown.map((o, i) => (
            <li
              key={o.value || '__none'}
              id={`${id}-opt-${i}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: options of the combobox's listbox, chosen from the input.
              role="option"
              aria-selected={o.value === (value ?? '')}
              className={`combo-option${i === active ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span>{o.label}</span>
              {o.hint && <span className="combo-hint">{o.hint}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
