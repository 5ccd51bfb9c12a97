/**
 * A stand-in for an unpacked Electron distribution, for electron-builder's `electronDist` (the real one is a
 * ~100 MB download these machines cannot make). It has what electron-builder touches on Linux: an `electron`
 * executable (here a shell script that carries Electron's fuse wire, so @electron/fuses can flip it exactly
 * as in the real binary), resources/default_app.asar (a valid archive: electron-builder hashes every asar),
 * locales/, LICENSE and version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPackage } from '@electron/asar';

/** The sentinel @electron/fuses looks for, then wire version 1, the wire length, one byte per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, in FuseV1Options order: runAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar integrity off, only-asar off, V8 snapshot off, file:// privileges on. */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export async function makeElectronDistStandIn(dir: string, version: string): Promise<string> {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: there is no real binary here" >&2\nexit 1\n# ');
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
    Buffer.from('\n'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, wire]), { mode: 0o755 });
  const defaultApp = path.join(dir, '.default_app');
  fs.mkdirSync(defaultApp, { recursive: true });
  fs.writeFileSync(path.join(defaultApp, 'package.json'), JSON.stringify({ name: 'electron', main: 'main.js' }));
  fs.writeFileSync(path.join(defaultApp, 'main.js'), '');
  await createPackage(defaultApp, path.join(dir, 'resources', 'default_app.asar'));
  fs.rmSync(defaultApp, { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Electron is MIT licensed.\n');
  fs.writeFileSync(path.join(dir, 'version'), version);
  return dir;
}
