/** Which host the renderer runs in: Electron (the preload's `window.contextStore`) or the browser host. */
import type { ContextStoreBridge } from '../../../shared/ipc.ts';

declare global {
  interface Window {
    contextStore?: ContextStoreBridge;
  }
}

export type HostKind = 'electron' | 'browser';

export function getBridge(): ContextStoreBridge | undefined {
  return typeof window !== 'undefined' ? window.contextStore : undefined;
}

export function getHostKind(): HostKind {
  return getBridge() ? 'electron' : 'browser';
}

export const isElectron = (): boolean => getHostKind() === 'electron';

const TOKEN_KEY = 'context-store-token';

/**
 * The API token of the browser host. `serve` prints a one-time URL `/#token=...` (the fragment never reaches the
 * server, its logs or a Referer); the page moves it into this tab's sessionStorage and strips it from the address
 * bar, so a reload keeps working and the URL left in history holds no secret. The served page itself holds none.
 */
export function readPageToken(win: Window | undefined = typeof window !== 'undefined' ? window : undefined): string {
  if (!win) return '';
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]!);
    try {
      win.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage disabled: the token still works for this page's life.
    }
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return token;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
