/**
 * The one Content-Security-Policy of the app's page, sent as a response header by whatever serves it: the
 * desktop app's `app://` handler and the browser host. (A <meta> CSP cannot carry frame-ancestors and was a
 * second copy to keep in step.) No inline script, nothing from another origin.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Development only (electron-vite's dev server): @vitejs/plugin-react injects an inline preamble script for
 * fast refresh, and hot reload talks over a websocket to the dev server. Never used for a built app.
 */
export function devCsp(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  return APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${origin.replace(/^http/, 'ws')}`,
  );
}
