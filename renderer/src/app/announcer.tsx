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
  /** Shows a notice and returns its id. Notices for finished work close themselves; errors stay until dismissed. */
  announce(message: string, tone?: Announcement['tone']): number;
  dismiss(): void;
  /** Closes the notice with this id if it is still the one shown (work it described has finished). */
  settle(id: number): void;
}

/** How long a notice for finished work stays up. */
export const NOTICE_MS = 6_000;

let nextId = 1;
let timer: ReturnType<typeof setTimeout> | undefined;

export const useAnnouncer = create<AnnouncerState>((set, get) => ({
  current: null,
  announce(message, tone = 'info') {
    clearTimeout(timer);
    const id = nextId++;
    set({ current: { id, message, tone } });
    if (tone !== 'error') timer = setTimeout(() => set({ current: null }), NOTICE_MS);
    return id;
  },
  dismiss() {
    clearTimeout(timer);
    set({ current: null });
  },
  settle(id) {
    if (get().current?.id !== id) return;
    clearTimeout(timer);
    set({ current: null });
  },
}));

export const announce = (message: string, tone?: Announcement['tone']) => useAnnouncer.getState().announce(message, tone);
export const settleNotice = (id: number) => useAnnouncer.getState().settle(id);

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
          <span aria-hidden="true" className="toast-icon">
            {TONE_ICON[current.tone]}
          </span>
          <span>{current.message}</span>
          <button type="button" className="ghost small" onClick={dismiss} aria-label="Dismiss message">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
