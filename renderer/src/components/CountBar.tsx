/** Counts at a glance: numbers with icons and words, and one small stacked bar (never colour alone). */
import { formatCount } from '../lib/format.ts';

export interface CountPart {
  key: string;
  label: string;
  value: number;
  icon: string;
}

export function CountBar({ parts, label }: { parts: CountPart[]; label: string }) {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  return (
    <div className="countbar">
      <dl className="count-list" aria-label={label}>
        {parts.map((p) => (
          <div key={p.key} className={`count count-${p.key}`} data-testid={`count-${p.key}`}>
            <dt>
              <span aria-hidden="true" className="count-icon">
                {p.icon}
              </span>{' '}
              {p.label}
            </dt>
            <dd>{formatCount(p.value)}</dd>
          </div>
        ))}
      </dl>
      <div className="stack-bar" aria-hidden="true">
        {total > 0 &&
          parts
            .filter((p) => p.value > 0)
            .map((p) => (
              <span key={p.key} className={`stack stack-${p.key}`} style={{ width: `${(p.value / total) * 100}%` }} title={`${p.label}: ${p.value}`} />
            ))}
      </div>
    </div>
  );
}
