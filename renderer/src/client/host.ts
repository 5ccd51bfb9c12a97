/** Which host the renderer runs in: Electron (the preload's `window.contextStore`) or the browser host. */
import type { ContextStoreBridge } from '../../../shared/ipc.ts';
import { TOKEN_META_NAME } from '../../../shared/http.ts';

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

/** The API token the browser host's server put in the page (a meta tag, never a URL). */
export function readPageToken(doc: Document | undefined = typeof document !== 'undefined' ? document : undefined): string {
  const meta = doc?.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`);
  return meta?.content ?? '';
}
