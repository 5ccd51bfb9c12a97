/**
 * Session-wide hardening (Electron's security checklist): a strict CSP on every response, every permission
 * request denied, no webviews, no navigation, no new windows (https/mailto links open in the browser).
 */
import { app, session, shell, type WebContents } from 'electron';
import { APP_CSP, devCsp } from '../../shared/csp.ts';

export { APP_CSP };

export function hardenSession(devServerUrl?: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The app:// handler sends the policy itself; this covers the dev server (its preamble and websocket).
    const csp = devServerUrl ? devCsp(devServerUrl) : APP_CSP;
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
