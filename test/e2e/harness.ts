/**
 * The end-to-end harness: a temp store behind the browser host (the real HTTP server and service), the
 * renderer built once, and Debian's Chromium driven by playwright-core. Each test gets its own store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../electron/server/index.ts';
import { ensureRendererBuilt } from './build-renderer.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(root, 'test-results', 'screenshots');
/** Set UPDATE_DOC_SCREENSHOTS=1 to refresh the README's set in docs/screenshots/. */
const DOC_DIR = path.join(root, 'docs', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium was not found at /usr/bin/chromium. Install it with `apt-get install -y chromium` (the CI script does), or set CHROMIUM_PATH.');
}

export interface Session {
  page: Page;
  browser: Browser;
  server: RunningServer;
  dir: string;
  /** Saves a screenshot of the page under test-results/screenshots/ (and docs/screenshots/ when asked). */
  shot(name: string, options?: { doc?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function openApp(name: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  const staticDir = await ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cs-e2e-${name}-`));
  const server = await startServer({ storePath: path.join(dir, 'store.db'), host: '127.0.0.1', port: 0, staticDir, exportDir: path.join(dir, 'exports') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(server.openUrl);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    browser,
    server,
    dir,
    async shot(shotName, opts = {}) {
      const file = path.join(SCREENSHOT_DIR, `${name}-${shotName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      if (opts.doc && process.env.UPDATE_DOC_SCREENSHOTS) {
        fs.mkdirSync(DOC_DIR, { recursive: true });
        await page.screenshot({ path: path.join(DOC_DIR, `${shotName}.png`), fullPage: false });
      }
    },
    async close() {
      if (consoleErrors.length) console.warn(`[e2e ${name}] page errors:\n${consoleErrors.join('\n')}`);
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DropFile {
  name: string;
  content: string | Buffer;
  mimeType?: string;
}

/** Drops files on the window the way a file manager does: a real DragEvent with a DataTransfer of Files. */
export async function dropFiles(page: Page, files: DropFile[], selector = 'main#main'): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType ?? '', base64: Buffer.from(f.content).toString('base64') }));
  await page.evaluate(
    ({ payload, selector }) => {
      const transfer = new DataTransfer();
      for (const f of payload) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector(selector)!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { payload, selector },
  );
}

/** Files from disk, for dropping (e.g. an export's parts). */
export const filesFromDisk = (paths: string[]): DropFile[] => paths.map((p) => ({ name: path.basename(p), content: fs.readFileSync(p) }));

/** Puts records in a session's store through the service (not the UI), for tests that start from data. */
export async function seedContexts(s: Session, records: Record<string, unknown>[]): Promise<void> {
  const file = path.join(s.dir, `seed-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(records));
  const result = await s.server.service.call('importData', { files: [file], options: { dataType: 'contexts' } });
  if (!result.ok || result.value.status !== 'completed') throw new Error(`seeding failed: ${JSON.stringify(result)}`);
}

/** Collects every download the page starts, saved under dir with the browser's suggested name. */
export function collectDownloads(page: Page, dir: string): { files: string[]; settled(): Promise<string[]> } {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('download', (download) => {
    const target = path.join(dir, download.suggestedFilename());
    pending.push(download.saveAs(target).then(() => void files.push(target)));
  });
  return {
    files,
    settled: async () => {
      await Promise.all(pending);
      return files;
    },
  };
}
