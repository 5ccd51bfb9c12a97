// Renders build/icon.svg into the icons the installers carry: build/icon.png (512 px, Linux),
// build/icon.ico (16–256 px, Windows) and build/icon.icns (16–1024 px, macOS). Chromium rasterises the SVG
// (the one the tests already use; anti-aliased, transparent corners); scripts/icon-containers.mjs writes the
// containers. Run it after changing the SVG: `node scripts/build-icons.mjs`; the outputs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './run.mjs';
import { writeIcns, writeIco } from './icon-containers.mjs';

const BUILD = path.join(ROOT, 'build');
const svg = fs.readFileSync(path.join(BUILD, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
const rendered = new Map();
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  await page.setViewportSize({ width: size, height: size });
  const html = `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`;
  await page.setContent(html);
  rendered.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
}
await browser.close();

fs.writeFileSync(path.join(BUILD, 'icon.png'), rendered.get(512));
fs.writeFileSync(path.join(BUILD, 'icon.ico'), writeIco([16, 24, 32, 48, 64, 128, 256].map((s) => rendered.get(s))));
fs.writeFileSync(path.join(BUILD, 'icon.icns'), writeIcns([16, 32, 64, 128, 256, 512, 1024].map((s) => rendered.get(s))));
process.stderr.write('Wrote build/icon.png, build/icon.ico and build/icon.icns\n');
