/**
 * The live region: results and errors are announced to screen readers and shown briefly as a toast, so
 * nobody has to watch the screen to know an import finished or failed.
 */
import { create } from 'zustand';

export interface Announcement {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
}

interface AnnouncerState {
  current: Announcement | null;
  announce(message: string, tone?: Announcement['tone']): void;
  dismiss(): void;
}

let nextId = 1;
let timer: ReturnType<typeof setTimeout> | undefined;

export const useAnnouncer = create<AnnouncerState>((set) => ({
  current: null,
  announce(message, tone = 'info') {
    clearTimeout(timer);
    set({ current: { id: nextId++, message, tone } });
    timer = setTimeout(() => set({ current: null }), tone === 'error' ? 12_000 : 6_000);
  },
  dismiss() {
    clearTimeout(timer);
    set({ current: null });
  },
}));

export const announce = (message: string, tone?: Announcement['tone']) => useAnnouncer.getState().announce(message, tone);

const TONE_ICON = { info: 'ℹ', success: '✓', error: '⚠' } as const;

/** Always in the DOM (live regions must exist before their content changes). */
export function LiveRegion() {
  const current = useAnnouncer((s) => s.current);
  const dismiss = useAnnouncer((s) => s.dismiss);
  return (
    <div className="toast-host">
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-region">
        {current && current.tone !== 'error' ? current.message : ''}
      </div>
      <div role="alert" aria-live="assertive" aria-atomic="true" className="sr-only">
        {current && current.tone === 'error' ? current.message : ''}
      </div>
      {current && (
        <div className={`toast toast-${current.tone}`} key={current.id}>
          <span aria-hidden="true" className="toast-icon">{TONE_ICON[current.tone]}</span>
          <span>{current.message}</span>
          <button type="button" className="ghost small" onClick={dismiss} aria-label="Dismiss message">✕</button>
        </div>
      )}
    </div>
  );
}
