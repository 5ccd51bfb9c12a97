/**
 * The desktop window as Electron shows it, without the Electron binary: the built renderer served to
 * Chromium by the real app:// handler (createAppProtocolHandler, a Request → Response function, answered
 * through playwright's routing exactly as protocol.handle answers it), with the CSP from the handler's own
 * headers, and `window.contextStore` wired to the real IPC handlers (registerIpcHandlers with a stand-in
 * ipcMain) in front of a real service. The app renders, logs no error, violates no CSP, and imports a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN, createAppProtocolHandler } from '../../electron/main/app-protocol.ts';
import { isAppUrl, registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc.ts';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL } from '../../shared/ipc.ts';
import { ensureRendererBuilt } from '../e2e/build-renderer.ts';
import { chromiumPath, dropFiles } from '../e2e/harness.ts';
import { nativeContexts } from '../e2e/fixtures.ts';
import { goTo } from '../e2e/steps.ts';

/** Plain Chromium does not know the app: scheme; an http origin stands in for it and maps 1:1 onto it. */
const STAND_IN = 'http://context-store.localhost';

describe('the desktop window through the app:// handler (Chromium)', { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  let service: ContextStoreService;
  let dir: string;
  const problems: string[] = [];
  const responses: { url: string; csp: string | null; status: number }[] = [];

  beforeAll(async () => {
    const rendererDir = await ensureRendererBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-desktop-'));
    service = new ContextStoreService({ storePath: path.join(dir, 'store.db') });
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) };
    registerIpcHandlers(ipcMain, {
      service,
      // The same check main/index.ts makes, on the frame URL Electron would report.
      isTrustedSender: (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url, APP_INDEX_URL),
      send: (channel, name, payload) => {
        if (channel === IPC_EVENT_CHANNEL)
          void page
            ?.evaluate(([n, p]) => (window as unknown as { __csEmit(n: string, p: unknown): void }).__csEmit(n as string, p), [name, payload])
            .catch(() => undefined);
      },
      dialogs: { open: async () => [], save: async () => null },
    });
    const handler = createAppProtocolHandler(rendererDir);

    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.route(`${STAND_IN}/**`, async (route) => {
      const request = route.request();
      const response = await handler(new Request(request.url().replace(STAND_IN, APP_ORIGIN), { method: request.method() }));
      responses.push({ url: request.url(), csp: response.headers.get('content-security-policy'), status: response.status });
      await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // The preload's bridge, as contextBridge exposes it, carried to the IPC handlers above.
    await page.exposeFunction('__csInvoke', async (channel: string, ...args: unknown[]) => {
      const listener = handlers.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener({ senderFrame: { url: APP_INDEX_URL } }, ...args);
    });
    const dropped = path.join(dir, 'dropped');
    fs.mkdirSync(dropped);
    await page.exposeFunction('__csDroppedPath', async (name: string, base64: string) => {
      const file = path.join(dropped, path.basename(name));
      fs.writeFileSync(file, Buffer.from(base64, 'base64'));
      return file;
    });
    await page.addInitScript(
      ({ call, open, save }) => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
        const listeners = new Map<string, Set<(p: unknown) => void>>();
        const w = window as unknown as Record<string, any>;
        w.__csEmit = (name: string, payload: unknown) => {
          for (const l of listeners.get(name) ?? []) l(payload);
        };
        const paths = new WeakMap<File, string>();
        // Electron knows a dropped file's path at once; here the file is written to disk first.
        document.addEventListener(
          'drop',
          (event) => {
            for (const file of Array.from((event as DragEvent).dataTransfer?.files ?? [])) paths.set(file, `pending:${file.name}`);
          },
          true,
        );
        w.contextStore = {
          call: (name: string, input: unknown) => w.__csInvoke(call, name, input),
          subscribe(event: string, listener: (p: unknown) => void) {
            let set = listeners.get(event);
            if (!set) listeners.set(event, (set = new Set()));
            set.add(listener);
            return () => set!.delete(listener);
          },
          pathForFile: (file: File) => w.__csPaths?.[file.name] ?? paths.get(file) ?? '',
          openFileDialog: (request: unknown) => w.__csInvoke(open, request),
          saveFileDialog: (request: unknown) => w.__csInvoke(save, request),
        };
      },
      { call: IPC_CALL_CHANNEL, open: IPC_OPEN_DIALOG_CHANNEL, save: IPC_SAVE_DIALOG_CHANNEL },
    );
    await page.goto(`${STAND_IN}/index.html`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.close();
    await shutdownWorkerPool();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders every page with the production CSP from the handler, and no error or CSP violation', async () => {
    const page0 = responses.find((r) => r.url.endsWith('/index.html'))!;
    expect(page0.status).toBe(200);
    expect(page0.csp).toMatch(/script-src 'self';/);
    expect(page0.csp).not.toMatch(/unsafe-inline[^;]*;?\s*$|script-src[^;]*unsafe/);
    // Every script and stylesheet came from the handler, with the same header.
    expect(responses.filter((r) => /\.(js|css)$/.test(r.url)).length).toBeGreaterThan(0);
    expect(responses.every((r) => r.csp === page0.csp)).toBe(true);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
    for (const name of ['Export', 'Store', 'Templates', 'Operations', 'Import'] as const) await goTo(page, name);
    expect(problems).toEqual([]);
  });

  it('imports a dropped file through IPC: detect, dry run, import, store', async () => {
    const records = nativeContexts(12, { invalidAt: [7] });
    const content = JSON.stringify(records);
    const file = path.join(dir, 'dropped', 'notes.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    await page.evaluate((p) => ((window as unknown as Record<string, unknown>).__csPaths = { 'notes.json': p }), file);
    await dropFiles(page, [{ name: 'notes.json', content, mimeType: 'application/json' }]);
    await page.getByTestId('detected-format').filter({ hasText: 'JSON' }).waitFor();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page
      .getByRole('heading', { name: 'Dry run' })
      .waitFor()
      .catch(async (error) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'cs-desktop-dryrun-failure.png'), fullPage: true });
        throw error;
      });
    expect(await page.getByTestId('count-insert').locator('dd').textContent()).toBe('11');
    // Strict is the default everywhere (issue 19): skipping the invalid record is the user's named choice.
    await page.getByTestId('policy-invalid').selectOption('lenient');
    await page.getByTestId('run-import').filter({ hasText: 'Import 11 · skip 1 invalid' }).click();
    await page.getByRole('heading', { name: /Imported|Import complete/ }).waitFor({ timeout: 30_000 });
    await goTo(page, 'Store');
    await page.getByTestId('contexts-total').filter({ hasText: '11' }).waitFor();
    expect(service.store.counts().contexts).toBe(11);
    expect(problems).toEqual([]);
  });

  it('answers nothing outside the renderer folder', async () => {
    const handler = createAppProtocolHandler(await ensureRendererBuilt());
    // `..` (plain or encoded) never climbs out: at worst it names a file of the build that does not exist.
    for (const url of [
      'app://context-store/../../../etc/hosts.txt',
      'app://context-store/%2e%2e/%2e%2e/etc/hosts.txt',
      'app://context-store/..%2f..%2fetc%2fhosts.txt',
      'app://other-host/index.html',
      'app://context-store/missing.js',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
    }
    const climbing = await handler(new Request('app://context-store/%2e%2e/%2e%2e/%2e%2e/etc/passwd'));
    expect(await climbing.text()).not.toMatch(/root:/);
    expect((await handler(new Request('app://context-store/index.html', { method: 'POST' }))).status).toBe(405);
    // A deep link of the single-page app gets the page.
    expect((await handler(new Request('app://context-store/store'))).headers.get('content-type')).toMatch(/text\/html/);
  });
});
