/**
 * Session-wide hardening (Electron's security checklist): a strict CSP on every response, every permission
 * request denied, no webviews, no navigation, no new windows (https/mailto links open in the browser).
 */
import { app, session, shell, type WebContents } from 'electron';

export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function hardenSession(devServerUrl?: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The dev server needs its websocket for hot reload; production gets the strict policy only.
    const csp = devServerUrl ? `${APP_CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(devServerUrl).origin.replace('http', 'ws')}`)}` : APP_CSP;
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

export function openExternalSafely(url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'mailto:') void shell.openExternal(parsed.toString());
  } catch {
    /* not a URL: nothing to open */
  }
}

/** Applied to every webContents the app ever creates. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}
