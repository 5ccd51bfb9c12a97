/**
 * Which better-sqlite3 build the main process (and its workers) load: CONTEXT_STORE_NATIVE_BINDING when set
 * (`npm start` sets it to the Electron build in .electron-native/), else in a packaged app the Electron build
 * shipped in resources/native/. node_modules keeps the Node build that the tests and the CLI use.
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_BINDING_ENV = 'CONTEXT_STORE_NATIVE_BINDING';

export function resolveNativeBinding(env: NodeJS.ProcessEnv, resourcesPath: string | undefined, isPackaged: boolean): string | undefined {
  if (env[NATIVE_BINDING_ENV]) return env[NATIVE_BINDING_ENV];
  if (isPackaged && resourcesPath) {
    const shipped = path.join(resourcesPath, 'native', 'better_sqlite3.node');
    if (fs.existsSync(shipped)) return shipped;
  }
  return undefined;
}
