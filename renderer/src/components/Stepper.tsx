/** The wizard's stepper: every visited step is a button to jump back to; the rest are plain text. */
export interface StepperItem {
  id: string;
  label: string;
  /** `done`: passed in a run that cannot go back (after an import or export ran): ✓, not a button. */
  state: 'current' | 'visited' | 'done' | 'upcoming';
}

export function Stepper({ items, onJump, label }: { items: StepperItem[]; onJump: (id: string) => void; label: string }) {
  return (
    <nav aria-label={label} className="stepper">
      <ol>
        {items.map((item, index) => (
          <li key={item.id} className={`step step-${item.state}`}>
            {item.state === 'visited' ? (
              <button type="button" className="step-button" onClick={() => onJump(item.id)}>
                <span className="step-number" aria-hidden="true">
                  ✓
                </span>
                <span>{item.label}</span>
              </button>
            ) : (
              <span className="step-button" aria-current={item.state === 'current' ? 'step' : undefined}>
                <span className="step-number" aria-hidden="true">
                  {item.state === 'done' ? '✓' : index + 1}
                </span>
                <span>{item.label}</span>
                {item.state === 'upcoming' && <span className="sr-only"> (not reached yet)</span>}
                {item.state === 'done' && <span className="sr-only"> (done)</span>}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
