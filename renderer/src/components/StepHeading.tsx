/** A step's heading; focus moves to it when the step appears, so screen readers announce where we are. */
import { useEffect, useRef, type ReactNode } from 'react';

export function StepHeading({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="step-head">
      <h2 tabIndex={-1} ref={ref} data-testid="step-heading">
        {children}
      </h2>
      {sub && <p className="muted">{sub}</p>}
    </div>
  );
}
