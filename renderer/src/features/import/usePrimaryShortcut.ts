/**
 * Ctrl/Cmd+Enter runs a step's primary action from anywhere on it: on the mapping step the Dry run button sits
 * after every row's controls, dozens of Tab presses away on a wide file. Inputs included (Enter alone is
 * theirs; with Ctrl it means "done here"); not while a dialog is open, which has its own buttons.
 */
import { useEffect, useRef } from 'react';

export const PRIMARY_SHORTCUT = 'Control+Enter Meta+Enter';

export function usePrimaryShortcut(run: () => void, enabled = true): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
