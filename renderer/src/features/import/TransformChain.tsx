/** A field's chain of transformations: chips in order, each removable, and a select to add one. */
import { useState } from 'react';
import { EXAMPLE_FUNCTION, FUNCTION_CATALOGUE } from '../../../../shared/catalogue/functions.ts';
import type { TransformStep } from './mapping-model.ts';

const LABEL: Record<string, string> = { trim: 'trim', lowercase: 'lowercase', uppercase: 'UPPERCASE' };

export function TransformChain({ steps, onChange, field }: { steps: TransformStep[]; onChange: (steps: TransformStep[]) => void; field: string }) {
  const [custom, setCustom] = useState(false);
  const [fn, setFn] = useState('');
  return (
    <div className="chain">
      {steps.map((s, i) => (
        <span key={i} className="chip">
          {i > 0 && <span aria-hidden="true">→ </span>}
          {s.field ? `${s.field}: ` : ''}
          {s.kind === 'custom' ? s.fn : LABEL[s.kind]}
          <button
            type="button"
            className="chip-x"
            aria-label={`Remove ${s.kind === 'custom' ? s.fn : s.kind} from ${field}`}
            onClick={() => onChange(steps.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </span>
      ))}
      {custom ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (fn.trim()) onChange([...steps, { kind: 'custom', fn: fn.trim() }]);
            setFn('');
            setCustom(false);
          }}
        >
          <input
            list="custom-functions"
            aria-label={`Custom function for ${field}`}
            value={fn}
            autoFocus
            size={16}
            placeholder={EXAMPLE_FUNCTION}
            onChange={(e) => setFn(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setCustom(false);
              }
            }}
          />
          <button type="submit" className="small">
            Add
          </button>
        </form>
      ) : (
        <select
          aria-label={`Add a transformation to ${field}`}
          className="chain-add"
          value=""
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom') setCustom(true);
            else if (v) onChange([...steps, { kind: v as TransformStep['kind'] }]);
          }}
        >
          <option value="">+ Transform</option>
          <option value="trim">trim</option>
          <option value="lowercase">lowercase</option>
          <option value="uppercase">UPPERCASE</option>
          <option value="custom">function…</option>
        </select>
      )}
    </div>
  );
}

/** The engine's functions, each as a call that compiles (test/mapping/catalogue.test.ts compiles them all). */
export function CustomFunctionList() {
  return (
    <datalist id="custom-functions">
      {FUNCTION_CATALOGUE.map((f) => (
        <option key={f.name} value={f.example} label={`${f.example} — ${f.description}`} />
      ))}
    </datalist>
  );
}
