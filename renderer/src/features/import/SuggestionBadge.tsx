/**
 * A suggestion's confidence and reason, as icon + text (never colour alone), with the engine's words for why
 * ("remembered from 2 imports", "values look like ISO dates"). A proposed transformation that failed on a
 * sample is offered unticked, with that sample; a remembered suggestion can be forgotten.
 */
import type { FieldSuggestion } from '../../../../shared/contract.ts';
import type { Mapping } from '../../../../shared/model.ts';
import { formatValue } from '../../lib/format.ts';

const REASONS: Record<FieldSuggestion['reason'], { icon: string; text: string }> = {
  exact: { icon: '✓', text: 'Exact match' },
  alias: { icon: '✓', text: 'Known alias' },
  template: { icon: '★', text: 'From a template' },
  remembered: { icon: '↺', text: 'Remembered' },
  fuzzy: { icon: '≈', text: 'Similar name' },
  'value-shape': { icon: '≈', text: 'Values look like it' },
  none: { icon: '–', text: 'No suggestion' },
};

const functionNames = (ts: Mapping['transformations'] | undefined) => (ts ?? []).map((t) => t.customFunction ?? t.transformation).join(', ');

export function SuggestionBadge({
  suggestion,
  confirmed,
  onConfirm,
  target,
  onApplyFailed,
  onForget,
}: {
  suggestion?: FieldSuggestion;
  confirmed: boolean;
  onConfirm: () => void;
  target: string | null;
  /** Adds the transformations that failed on a sample anyway (the user ticks them). */
  onApplyFailed?: (transformations: Mapping['transformations']) => void;
  /** Forgets a remembered suggestion. */
  onForget?: () => void;
}) {
  if (suggestion?.target && suggestion.target !== target) return <span className="badge badge-none">✎ Changed by you</span>;
  if (!suggestion || (suggestion.reason === 'none' && !suggestion.target)) {
    return (
      <span className="suggestion">
        <span className="badge badge-none">– No suggestion</span>
        {suggestion?.why && suggestion.why !== 'no name or value matched a field' && <span className="suggestion-why">{suggestion.why}</span>}
      </span>
    );
  }
  const r = REASONS[suggestion.reason];
  const pct = Math.round(suggestion.confidence * 100);
  const needsConfirm = !confirmed && !!suggestion.target;
  const failed = suggestion.failedCheck;
  return (
    <span className="suggestion">
      <span className={`badge ${needsConfirm ? 'badge-warn' : 'badge-ok'}`} title={`Confidence ${pct}%`}>
        <span aria-hidden="true">{r.icon}</span> {r.text}
        {suggestion.reason === 'fuzzy' || suggestion.reason === 'value-shape' ? ` · ${pct}%` : ''}
      </span>
      {suggestion.why && (
        <span className="suggestion-why" data-testid={`why-${suggestion.source}`}>
          {suggestion.why}
        </span>
      )}
      {failed && (
        <span className="suggestion-failed" role="note" data-testid={`failed-check-${suggestion.source}`}>
          {failed.transformations?.length ? (
            <label>
              <input type="checkbox" checked={false} onChange={() => onApplyFailed?.(failed.transformations!)} /> {functionNames(failed.transformations)}
            </label>
          ) : null}{' '}
          fails on <code>{formatValue(failed.sample)}</code>: {failed.message}
        </span>
      )}
      {needsConfirm && (
        <button type="button" className="small" onClick={onConfirm}>
          Please confirm
        </button>
      )}
      {suggestion.reason === 'remembered' && onForget && (
        <button type="button" className="small" onClick={onForget} title="Stop suggesting this from earlier imports">
          Forget
        </button>
      )}
    </span>
  );
}
