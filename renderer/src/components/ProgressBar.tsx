/** A progress bar with a readable value; indeterminate (no aria-valuenow) until the total is known. */
export function ProgressBar({ value, label, text }: { value: number | null; label: string; text?: string }) {
  const clamped = value === null ? null : Math.max(0, Math.min(100, value));
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped === null ? undefined : Math.round(clamped)}
        aria-valuetext={text}
        className={`progress-track${clamped === null ? ' indeterminate' : ''}`}
      >
        <div className="progress-fill" style={{ width: clamped === null ? '30%' : `${clamped}%` }} />
      </div>
      {text && <div className="progress-text">{text}</div>}
    </div>
  );
}
