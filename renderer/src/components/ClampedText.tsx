/**
 * A sample value shown as a few lines, with a "show more" / "show less" button (a real button: keyboard and
 * screen readers reach it). One Claude conversation in a preview made the mapping page 143,099 px tall; a
 * collapsed value puts only its first characters in the DOM, and an opened one scrolls inside its own box.
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';

/** Characters a collapsed value keeps per line shown: more than a wide column holds, far less than 100 KB. */
const CHARS_PER_LINE = 240;

export function ClampedText({ text, lines = 3, className, testId }: { text: string; lines?: number; className?: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const body = useRef<HTMLSpanElement>(null);
  const id = useId();
  const limit = lines * CHARS_PER_LINE;
  const cut = text.length > limit;

  // Whether the lines shown hide anything depends on the width, so it is measured (again on every resize).
  // biome-ignore lint/correctness/useExhaustiveDependencies: text and lines change what the DOM holds, so they trigger a new measurement.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || open) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, open, lines]);

  return (
    <span className={`clamp${className ? ` ${className}` : ''}`} data-testid={testId}>
      <span
        id={id}
        ref={body}
        className={open ? 'clamp-open' : 'clamped'}
        style={open ? undefined : { WebkitLineClamp: lines }}
        tabIndex={open ? 0 : undefined}
      >
        {open || !cut ? text : `${text.slice(0, limit)}…`}
      </span>
      {(open || cut || overflows) && (
        <button
          type="button"
          className="show-more"
          aria-expanded={open}
          aria-controls={id}
          onClick={(e) => {
            // Inside a clickable row (the Store list), opening a value is not choosing the row.
            e.stopPropagation();
            setOpen(!open);
          }}
        >
          {open ? 'show less' : 'show more'}
        </button>
      )}
    </span>
  );
}
