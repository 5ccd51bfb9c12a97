/** A suggestion's confidence and reason, as icon + text (never colour alone). */
import type { FieldSuggestion } from '../../../../shared/contract.ts';

const REASONS: Record<FieldSuggestion['reason'], { icon: string; text: string }> = {
  exact: { icon: '✓', text: 'Exact match' },
  alias: { icon: '✓', text: 'Known alias' },
  template: { icon: '★', text: 'From a template' },
  remembered: { icon: '↺', text: 'Remembered' },
  fuzzy: { icon: '≈', text: 'Similar name' },
  'value-shape': { icon: '≈', text: 'Values look like it' },
  none: { icon: '–', text: 'No suggestion' },
};

export function SuggestionBadge({ suggestion, confirmed, onConfirm, target }: { suggestion?: FieldSuggestion; confirmed: boolean; onConfirm: () => void; target: string | null }) {
  if (suggestion?.target && suggestion.target !== target) return <span className="badge badge-none">✎ Changed by you</span>;
  if (!suggestion || (suggestion.reason === 'none' && !suggestion.target)) return <span className="badge badge-none">– No suggestion</span>;
  const r = REASONS[suggestion.reason];
  const pct = Math.round(suggestion.confidence * 100);
  const needsConfirm = !confirmed && !!suggestion.target;
  return (
    <span className="suggestion">
      <span className={`badge ${needsConfirm ? 'badge-warn' : 'badge-ok'}`} title={`Confidence ${pct}%`}>
        <span aria-hidden="true">{r.icon}</span> {r.text}
        {suggestion.reason === 'fuzzy' || suggestion.reason === 'value-shape' ? ` · ${pct}%` : ''}
      </span>
      {needsConfirm && (
        <button type="button" className="small" onClick={onConfirm}>
          Please confirm
        </button>
      )}
    </span>
  );
}
