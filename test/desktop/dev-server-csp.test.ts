/**
 * `npm run dev` as the window sees it: the real vite dev server with the project's renderer config (from
 * electron.vite.config.ts, @vitejs/plugin-react included), every response carrying the dev CSP that
 * security.ts sets in development (devCsp from shared/csp.ts), loaded in Chromium with the IPC bridge wired
 * to a real service. The app renders, with no CSP violation (plugin-react's inline preamble and the HMR
 * websocket are allowed). With the production CSP the same page stays blank: the preamble is refused, which
 * is why the allowance exists, and why it is for development only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronViteConfig from '../../electron.vite.config.ts';
import { APP_CSP, devCsp } from '../../shared/csp.ts';
import { registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc.ts';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { IPC_CALL_CHANNEL } from '../../shared/ipc.ts';
import { chromiumPath } from '../e2e/harness.ts';

type Csp = 'dev' | 'production';

/** The header Electron's session adds in development (security.ts), here from the dev server itself. */
function cspHeader(choose: () => Csp): Plugin {
  return {
    name: 'test-csp-header',
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        const { port } = server.httpServer!.address() as AddressInfo;
        res.setHeader('Content-Security-Policy', choose() === 'dev' ? devCsp(`http://127.0.0.1:${port}/`) : APP_CSP);
        next();
      });
    },
  };
}

function directive(csp: string, name: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? ''
  );
}

describe('the dev-mode CSP against the real vite dev server (Chromium)', { timeout: 180_000 }, () => {
  let server: ViteDevServer;
  let browser: Browser;
  let service: ContextStoreService;
  let dir: string;
  let url: string;
  let csp: Csp = 'dev';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-dev-csp-'));
    service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) };
    registerIpcHandlers(ipcMain, { service, isTrustedSender: () => true, send: () => undefined, dialogs: { open: async () => [], save: async () => null } });
    (globalThis as Record<string, unknown>).__csHandlers = handlers;

    const renderer = electronViteConfig.renderer!;
    server = await createServer({
      ...(renderer as object),
      configFile: false,
      logLevel: 'silent',
      plugins: [...((renderer as { plugins?: Plugin[] }).plugins ?? []), cspHeader(() => csp)],
      server: { host: '127.0.0.1', port: 0, strictPort: false },
      cacheDir: path.join(dir, 'vite-cache'),
    });
    await server.listen();
    url = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await service?.close();
    await shutdownWorkerPool();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(which: Csp) {
    csp = which;
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.text().startsWith('CSP violation')) violations.push(m.text());
    });
    await page.exposeFunction('__csInvoke', async (channel: string, ...args: unknown[]) => {
      const handlers = (globalThis as Record<string, unknown>).__csHandlers as Map<string, (event: InvokeEventLike, ...a: unknown[]) => unknown>;
      return handlers.get(channel)!({ senderFrame: { url } }, ...args);
    });
    await page.addInitScript((call) => {
      document.addEventListener('securitypolicyviolation', (e) => console.log(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      const w = window as unknown as Record<string, any>;
      w.contextStore = {
        call: (name: string, input: unknown) => w.__csInvoke(call, name, input),
        subscribe: () => () => undefined,
        pathForFile: () => '',
        openFileDialog: async () => [],
        saveFileDialog: async () => null,
      };
    }, IPC_CALL_CHANNEL);
    const response = await page.goto(url);
    return { context, page, violations, errors, header: response!.headers()['content-security-policy'], html: await response!.text() };
  }

  it('renders the app with the dev CSP: no CSP violation, plugin-react’s preamble ran', async () => {
    const { context, page, violations, errors, header, html } = await open('dev');
    expect(header).toBe(devCsp(url));
    // The page really carries plugin-react's inline module script (fast refresh's hook)…
    expect(html).toMatch(/<script type="module">[^<]*injectIntoGlobalHook/);
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });
    // …and it ran: it defines the refresh registration hooks.
    expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).$RefreshReg$)).toBe('function');
    // The HMR client connected over the websocket the policy allows.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/@vite/client')));
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('with the production CSP the dev page stays blank: the inline preamble is refused', async () => {
    const { context, page, violations, errors } = await open('production');
    await page.waitForLoadState('load');
    await expect.poll(() => violations.some((v) => v.includes('script-src') && v.includes('inline'))).toBe(true);
    // The app's modules then refuse to run without the preamble: nothing renders, rather than later.
    await expect.poll(() => errors.join('\n')).toMatch(/\$RefreshSig\$ is not defined|preamble/);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await context.close();
  });

  it('allows inline scripts in development only: the production policy has no unsafe-inline for scripts', () => {
    expect(directive(APP_CSP, 'script-src')).toBe("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const dev = devCsp('http://localhost:5173/');
    expect(directive(dev, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive(dev, 'connect-src')).toBe("connect-src 'self' ws://localhost:5173");
    // Everything else is the production policy, word for word.
    const rest = (p: string) =>
      p
        .split(';')
        .map((d) => d.trim())
        .filter((d) => !/^(script|connect)-src /.test(d));
    expect(rest(dev)).toEqual(rest(APP_CSP));
  });
});
